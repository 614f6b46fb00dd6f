import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as the test server saw it on the wire. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Absolute URL, for the signer's verifyRequest. */
  url: string;
  receivedAt: number;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** Hold the answer this long (ms). */
  delayMs?: number;
  /** Destroy the socket without answering (a network error on the client side). */
  hangUp?: boolean;
}

export type Responder = (request: RecordedRequest) => ScriptedResponse;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; afterwards `fallback` answers. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** Answers when the queue is empty. Default: 200 `{}`. */
  fallback: Responder;
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1 that records every request and answers from a script. */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  let server: Server | undefined;
  const state: TestServer = {
    url: '',
    requests,
    enqueue: (...responses) => {
      queue.push(...responses);
    },
    fallback: () => ({ status: 200, body: {} }),
    close: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawUrl = req.url ?? '/';
      const parsed = new URL(rawUrl, state.url);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        rawUrl,
        path: rawUrl.split('?')[0] ?? rawUrl,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        url: `${state.url}${rawUrl}`,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      const scripted = queue.shift() ?? state.fallback(recorded);
      const send = () => {
        if (scripted.hangUp) {
          req.socket.destroy();
          return;
        }
        const body =
          scripted.body === undefined
            ? ''
            : typeof scripted.body === 'string'
              ? scripted.body
              : JSON.stringify(scripted.body);
        res.writeHead(scripted.status ?? 200, {
          'content-type': 'application/json',
          'x-amz-pay-request-id': `req-${requests.length}`,
          ...scripted.headers,
        });
        res.end(body);
      };
      if (scripted.delayMs) setTimeout(send, scripted.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  return state;
}

/** Headers of a recorded request as a plain string record (what verifyRequest accepts). */
export function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * One test server for the test file: started before its tests and closed after them; before each
 * test its record is emptied and `fallback` (default: 200 `{}`) answers again.
 */
export function useTestServer(fallback: Responder = () => ({ status: 200, body: {} })): TestServer {
  let server: TestServer | undefined;
  const current = (): TestServer => {
    if (!server) throw new Error('the test server starts in beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    current().requests.length = 0;
    current().fallback = fallback;
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    enqueue: (...responses) => current().enqueue(...responses),
    get fallback() {
      return current().fallback;
    },
    set fallback(responder) {
      current().fallback = responder;
    },
    close: () => current().close(),
  };
}
