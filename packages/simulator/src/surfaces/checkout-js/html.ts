import type { ServerResponse } from 'node:http';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#0f1111}' +
  'button{margin:.8rem .5rem 0 0;padding:.5rem 1rem;font:inherit}button:focus-visible,a:focus-visible{outline:3px solid #0a7ea4}' +
  'dt{font-weight:bold}dd{margin:0 0 .6rem 0}fieldset{margin:1rem 0}label{display:block;margin:.3rem 0}';

/** A plain, script-free page in the simulator's "Amazon" look. */
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
