// The simulator's HTML pages: one look, one escaping rule, for every surface that answers a browser.
import type { ServerResponse } from 'node:http';

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#0f1111}' +
  'button{margin:.8rem .5rem 0 0;padding:.5rem 1rem;font:inherit}button:focus-visible,a:focus-visible{outline:3px solid #0a7ea4}' +
  'dt{font-weight:bold}dd{margin:0 0 .6rem 0}fieldset{margin:1rem 0}label{display:block;margin:.3rem 0}small{color:#555}';

/** A plain, script-free page in the simulator's "Amazon" look (hosted pages and button errors alike). */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  headers: Record<string, string | string[]> = {},
): true {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Amazon Pay simulator</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    ...headers,
  });
  res.end(html);
  return true;
}
