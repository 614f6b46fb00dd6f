import { reportDocumentContent } from '../resources/reports.js';
import { sendJson } from '../stages/transport.js';
import type { PageHandler } from './pages.js';

/** Report documents: `GET /documents/<reportDocumentId>` serves the CSV a getReportDocument URL names. */
export const documents: PageHandler = {
  name: 'documents',
  match: ({ method, url }) => method === 'GET' && /^\/documents\/[^/]+$/.test(url.pathname),
  handle({ engine, url, res }) {
    engine.runDue();
    const id = url.pathname.slice('/documents/'.length);
    let content: string | undefined;
    try {
      content = reportDocumentContent(engine, decodeURIComponent(id));
    } catch {
      content = undefined;
    }
    if (content === undefined) {
      sendJson(
        res,
        404,
        JSON.stringify({ reasonCode: 'ResourceNotFound', message: 'No such report document.' }),
      );
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': Buffer.byteLength(content),
    });
    res.end(content);
  },
};
