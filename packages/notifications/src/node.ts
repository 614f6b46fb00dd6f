/**
 * The notification handler served from Node's `http` server (or Express).
 *
 * @module @amazon-pay-ts/notifications/node
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationHandler } from './createNotificationHandler.js';
import { DEFAULT_MAX_BODY_BYTES } from './verifySnsMessage.js';

/** Options of {@link toNodeListener}. */
export interface NodeAdapterOptions {
  /** Bodies larger than this are answered 413 without being read further. Default 256 KiB. */
  maxBodyBytes?: number;
}

/**
 * Serves a web-standard notification handler from Node's `http`/`https` server (or Express, whose
 * `req`/`res` are Node's): `http.createServer(toNodeListener(handler))`.
 */
export function toNodeListener(
  handler: NotificationHandler,
  options: NodeAdapterOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    respond(handler, req, res, limit).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('HANDLER_FAILED');
    });
  };
}

async function respond(
  handler: NotificationHandler,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<void> {
  const body = await readNodeBody(req, limit);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end('BODY_TOO_LARGE');
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (body as Uint8Array<ArrayBuffer>),
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The body, or undefined as soon as it passes `limit` bytes (the socket is then left to close). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
