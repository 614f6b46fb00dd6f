import type { ServerResponse } from 'node:http';
import { escapeHtml, sendPage } from '../html-page.js';

/**
 * Amazon's button error page: a generic apology for the buyer and, as in Sandbox, the error code
 * and what was wrong for the developer.
 */
export function sendErrorPage(
  res: ServerResponse,
  status: number,
  reasonCode: string,
  message: string,
): true {
  return sendPage(
    res,
    status,
    'Something went wrong',
    `<p>We're sorry, Amazon Pay cannot continue with this checkout. Go back to the shop and try again, or choose another way to pay.</p>
<dl><dt>Error code</dt><dd><code data-reason-code>${escapeHtml(reasonCode)}</code></dd>
<dt>Details (shown in Sandbox)</dt><dd>${escapeHtml(message)}</dd></dl>`,
  );
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): true {
  res.writeHead(303, { location, 'content-length': 0, ...headers });
  res.end();
  return true;
}
