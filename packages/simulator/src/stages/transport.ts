import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../errors.js';
import { reachableHost } from '../hosts.js';

/**
 * Transport: the HTTP(S) server, request headers and body, and writing JSON answers. Nothing here
 * knows about Amazon Pay operations.
 */
export const JSON_TYPE = 'application/json;charset=UTF-8';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function createTransport(tls: { cert: string; key: string } | undefined, listener: Listener): Server {
  return tls ? createHttpsServer(tls, listener) : createServer(listener);
}

/**
 * Listens and returns the base URL clients use (`http://127.0.0.1:<port>`, IPv6 hosts bracketed):
 * on a wildcard address (0.0.0.0, ::) the loopback address of its family, as no client can connect
 * to the wildcard itself.
 */
export async function listen(server: Server, host: string, port: number, https: boolean): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `${https ? 'https' : 'http'}://${reachableHost(host)}:${address.port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Request headers by lower-case name; repeated headers joined with ', ' as HTTP allows. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Reads the request body, refusing (413 RequestEntityTooLarge) as soon as it passes `limit` bytes
 * — by `content-length` before reading anything, or while streaming — without keeping the rest.
 */
export function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(
      413,
      'RequestEntityTooLarge',
      `The request body is larger than ${limit} bytes, the most this simulator accepts.`,
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * Writes a JSON answer. `truncate` sends half the body and drops the connection (the
 * `body: 'truncated'` fault).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  json: string,
  extraHeaders: Record<string, string> = {},
  truncate = false,
): void {
  const bytes = Buffer.from(json);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': bytes.length, ...extraHeaders });
  if (truncate) {
    res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}

/** Answers an ApiError as Amazon does: its status and a `{reasonCode, message}` body. */
export function sendError(res: ServerResponse, error: ApiError, truncate = false): void {
  sendJson(
    res,
    error.status,
    JSON.stringify({ reasonCode: error.reasonCode, message: error.message }),
    error.headers,
    truncate,
  );
}
