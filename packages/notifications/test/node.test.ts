import { once } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationHandler, type Notification } from '../src/index.js';
import { type NodeAdapterOptions, toNodeListener } from '../src/node.js';
import { createTestSns, ipnMessage, type TestSns } from './helpers/sns.js';

let sns: TestSns;
const received: Notification[] = [];
const servers: Server[] = [];

beforeAll(() => {
  sns = createTestSns();
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const handler = () =>
  createNotificationHandler({
    fetchCertificate: sns.fetchCertificate,
    onNotification: (n) => {
      received.push(n);
    },
  });

/** Serves `listener` (optionally behind `before`, a middleware such as a body parser) on 127.0.0.1. */
async function serve(
  listener: RequestListener,
  before?: (req: IncomingMessage & { body?: unknown }, next: () => void) => void,
): Promise<{ url: string; port: number }> {
  const server = createServer((req, res) =>
    before ? before(req, () => listener(req, res)) : listener(req, res),
  );
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/ipn`, port };
}

const adapter = (options?: NodeAdapterOptions) => toNodeListener(handler(), options) as RequestListener;

/** Sends `head` (and optionally stalls), returning the status line the server answers with. */
function rawRequest(port: number, text: string, ms = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const line = data.split('\r\n')[0];
      if (data.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(line ?? '');
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(text);
  });
}

/** Reads the body stream whole, as a body parser does, then hands `req.body` on. */
const bodyParser =
  (parse: (text: string) => unknown) =>
  (req: IncomingMessage & { body?: unknown }, next: () => void): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      req.body = parse(Buffer.concat(chunks).toString('utf8'));
      next();
    });
  };

async function status(pending: Promise<Response>): Promise<[number, string]> {
  const response = await pending;
  return [response.status, await response.text()];
}

/** POSTs `body`, failing after 5 s instead of waiting for an answer that never comes. */
const postTo = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(5_000) });

describe('toNodeListener', () => {
  it('serves the handler over node:http', async () => {
    const { url } = await serve(adapter({ maxBodyBytes: 64 * 1024 }));
    const message = await sns.sign({});
    const before = received.length;
    expect(await status(postTo(url, JSON.stringify(message), { 'content-type': 'text/plain' }))).toEqual([
      200,
      'OK',
    ]);
    expect(received.length).toBe(before + 1);
    const forged = postTo(url, JSON.stringify({ ...message, MessageId: 'x' }));
    expect(await status(forged)).toEqual([400, 'BAD_SIGNATURE']);
  });

  it('answers 413 past its body limit without buffering the rest', async () => {
    const { url } = await serve(adapter({ maxBodyBytes: 64 * 1024 }));
    expect(await status(postTo(url, 'x'.repeat(200 * 1024)))).toEqual([413, 'BODY_TOO_LARGE']);
  });

  describe('behind a body parser (finding 6)', () => {
    it('answers (instead of hanging) when a text parser consumed the stream: it uses req.body', async () => {
      const { url } = await serve(
        adapter(),
        bodyParser((text) => text),
      );
      const body = JSON.stringify(await sns.sign({ Message: ipnMessage() }));
      expect(await status(postTo(url, body))).toEqual([200, 'OK']);
    });

    it('takes req.body as a Buffer or as parsed JSON, too', async () => {
      const raw = await serve(
        adapter(),
        bodyParser((text) => Buffer.from(text)),
      );
      const json = await serve(
        adapter(),
        bodyParser((text) => JSON.parse(text)),
      );
      for (const { url } of [raw, json]) {
        const body = JSON.stringify(await sns.sign({ Message: ipnMessage() }));
        expect(await status(postTo(url, body)), url).toEqual([200, 'OK']);
      }
    });

    it('reads the stream when a parser left it alone (Express 4 sets req.body = {} for other types)', async () => {
      const { url } = await serve(adapter(), (req, next) => {
        req.body = {};
        next();
      });
      const body = JSON.stringify(await sns.sign({ Message: ipnMessage() }));
      expect(await status(postTo(url, body))).toEqual([200, 'OK']);
    });

    it('says at once that the stream was consumed when no body was kept', async () => {
      const { url } = await serve(
        adapter(),
        bodyParser(() => undefined),
      );
      const body = JSON.stringify(await sns.sign({}));
      expect(await status(postTo(url, body))).toEqual([500, 'BODY_ALREADY_READ']);
    });

    it('applies its size limit to a parsed body too', async () => {
      const { url } = await serve(
        adapter({ maxBodyBytes: 1024 }),
        bodyParser((text) => text),
      );
      expect(await status(postTo(url, 'x'.repeat(4096)))).toEqual([413, 'BODY_TOO_LARGE']);
    });
  });

  describe('slow senders and bad requests (finding 6)', () => {
    it('answers 408 when the body does not arrive within bodyTimeoutMs', async () => {
      const { port } = await serve(adapter({ bodyTimeoutMs: 300 }));
      const head =
        'POST /ipn HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n{"Type":';
      expect(await rawRequest(port, head)).toMatch(/^HTTP\/1\.1 408/);
    });

    it('answers a malformed Host header with 400, not 500', async () => {
      const { port } = await serve(adapter());
      const request =
        'POST /ipn HTTP/1.1\r\nHost: [\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}';
      expect(await rawRequest(port, request)).toMatch(/^HTTP\/1\.1 400/);
    });

    it('answers methods the Fetch API refuses (TRACE) with 405, not 500', async () => {
      const { port } = await serve(adapter());
      expect(await rawRequest(port, 'TRACE /ipn HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(
        /^HTTP\/1\.1 405/,
      );
    });
  });
});
