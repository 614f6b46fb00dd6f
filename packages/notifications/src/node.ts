/**
 * The notification handler served from Node's `http` server, or from Express, Fastify, Koa or
 * Next.js API routes, whose requests are Node's — with or without a body parser in front.
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
  /** A body not received whole within this is answered 408 (a slow sender does not hold the socket). Default 5 s. */
  bodyTimeoutMs?: number;
}

/** A Node request, with the body a framework's body parser may have left on it. */
export type NodeRequest = IncomingMessage & {
  /** What a body parser made of the body: a string, bytes or parsed JSON (Express, Fastify, Koa, Next.js). */
  body?: unknown;
};

/** How long the adapter waits for a request body by default: 5 s (SNS sends its few KB at once). */
export const DEFAULT_BODY_TIMEOUT_MS = 5_000;

const FORWARDED_HEADERS_SKIPPED = new Set(['content-length', 'transfer-encoding', 'host', 'connection']);

/**
 * Serves a web-standard notification handler from Node's `http`/`https` server (or a framework
 * whose `req`/`res` are Node's): `http.createServer(toNodeListener(handler))`. When a body parser
 * already read the stream, the body it left on `req.body` (string, Buffer or parsed JSON) is used;
 * if it left none, the answer says so at once (500 `BODY_ALREADY_READ`) instead of waiting forever.
 * Answers 405 to other methods, 400 to a request it cannot make sense of (a malformed Host), 408 to
 * a body slower than `bodyTimeoutMs` and 413 past `maxBodyBytes`.
 */
export function toNodeListener(
  handler: NotificationHandler,
  options: NodeAdapterOptions = {},
): (req: NodeRequest, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  return (req, res) => {
    respond(handler, req, res, limit, bodyTimeoutMs).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('HANDLER_FAILED');
    });
  };
}

function answer(res: ServerResponse, status: number, body: string, close: boolean, headers = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    ...(close ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(body);
}

async function respond(
  handler: NotificationHandler,
  req: NodeRequest,
  res: ServerResponse,
  limit: number,
  bodyTimeoutMs: number,
): Promise<void> {
  // Before building a Request: the Fetch API refuses some methods (TRACE, CONNECT) outright.
  if (req.method !== 'POST') {
    req.resume();
    answer(res, 405, '', false, { allow: 'POST' });
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    answer(res, 400, 'BAD_REQUEST', true);
    return;
  }
  const body = await nodeBody(req, limit, bodyTimeoutMs);
  if (body === 'TOO_LARGE') return answer(res, 413, 'BODY_TOO_LARGE', true);
  if (body === 'TIMEOUT') return answer(res, 408, 'BODY_TIMEOUT', true);
  if (body === 'CONSUMED') return answer(res, 500, 'BODY_ALREADY_READ', false);
  if (body === 'BROKEN') return answer(res, 400, 'BAD_REQUEST', true);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || FORWARDED_HEADERS_SKIPPED.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const request = new Request(url, { method: 'POST', headers, body: body as Uint8Array<ArrayBuffer> });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

type BodyOutcome = Uint8Array | 'TOO_LARGE' | 'TIMEOUT' | 'CONSUMED' | 'BROKEN';

/**
 * The body: from the stream if nobody read it yet (a parser's placeholder such as Express 4's `{}`
 * is then ignored), else from `req.body`.
 */
function nodeBody(req: NodeRequest, limit: number, timeoutMs: number): Promise<BodyOutcome> {
  if (req.readableDidRead || req.readableEnded) return Promise.resolve(parsedBody(req.body, limit));
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve('TOO_LARGE');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: BodyOutcome) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      // Whatever else arrives is discarded (the socket closes after the answer).
      if (typeof outcome === 'string') req.on('error', () => {}).resume();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish('TOO_LARGE');
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onError = () => finish('BROKEN');
    const timer = setTimeout(() => finish('TIMEOUT'), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** What a body parser left on `req.body`, as bytes (parsed JSON is serialised again: SNS signs values, not bytes). */
function parsedBody(body: unknown, limit: number): BodyOutcome {
  if (body === undefined) return 'CONSUMED';
  const bytes =
    typeof body === 'string'
      ? new TextEncoder().encode(body)
      : body instanceof Uint8Array
        ? body
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
          : new TextEncoder().encode(JSON.stringify(body));
  return bytes.byteLength > limit ? 'TOO_LARGE' : bytes;
}
