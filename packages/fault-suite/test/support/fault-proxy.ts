import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What goes wrong between the client and the simulator. `before` faults answer without forwarding,
 * so the simulator never acts; every other fault forwards the request first (the simulator really
 * acts: a charge, a capture, a refund exists) and then loses, mangles or delays the reply.
 */
export type Fault =
  | { kind: 'reset-before-forward' }
  | { kind: 'status-before-forward'; status: number; retryAfter?: string }
  | { kind: 'reset-before-headers' }
  | { kind: 'reset-mid-body' }
  | { kind: 'truncated-json' }
  | { kind: 'empty-2xx' }
  | { kind: 'html-2xx' }
  | { kind: 'json-null-2xx' }
  | { kind: 'wrong-content-type' }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'status-after-forward'; status: number }
  | { kind: 'hang-before-headers' }
  | { kind: 'slow-body'; byteEveryMs: number }
  | { kind: 'notify-after-forward'; onForwarded: () => void };

export interface FaultProxy {
  readonly url: string;
  /** Applies `fault` to the next `times` requests (default 1); later requests pass untouched. */
  inject(fault: Fault, times?: number): void;
  /** Requests the simulator received through this proxy. */
  readonly forwarded: number;
  close(): Promise<void>;
}

interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** An HTTP proxy on 127.0.0.1 (ephemeral port) in front of `target`, injecting one fault per request. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const queue: Fault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let forwarded = 0;

  async function forward(req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    forwarded += 1;
    const url = new URL(req.url ?? '/', target);
    return new Promise((resolve, reject) => {
      // The Host header goes through unchanged: the client signed the proxy's host as x-amz-pay-host.
      const upstream = httpRequest(url, { method: req.method, headers: req.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers[name] = value;
          }
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  function later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const fault = queue.shift();
    if (fault?.kind === 'reset-before-forward') return void req.socket.destroy();
    if (fault?.kind === 'status-before-forward') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      res.writeHead(fault.status, headers);
      return void res.end(JSON.stringify({ reasonCode: 'InjectedFault', message: `fault ${fault.status}` }));
    }
    const answer = await forward(req, body);
    const json = { ...answer.headers, 'content-length': String(answer.body.length) };
    switch (fault?.kind) {
      case undefined:
        res.writeHead(answer.status, json);
        return void res.end(answer.body);
      case 'reset-before-headers':
        return void req.socket.destroy();
      case 'reset-mid-body':
        res.writeHead(answer.status, json);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
        return;
      case 'truncated-json': {
        // No length, connection close: the client sees a complete body that is half a JSON document.
        const { 'content-length': _, ...rest } = json;
        res.writeHead(answer.status, { ...rest, connection: 'close' });
        return void res.end(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      }
      case 'empty-2xx':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
        return void res.end();
      case 'html-2xx':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><body>Service temporarily unavailable</body></html>');
      case 'json-null-2xx':
        // Well-formed JSON of the right type that is no answer of Amazon Pay (a stub's or a proxy's).
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4' });
        return void res.end('null');
      case 'wrong-content-type':
        res.writeHead(answer.status, { ...json, 'content-type': 'text/plain' });
        return void res.end(answer.body);
      case 'redirect':
        res.writeHead(fault.status, { location: fault.location, 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ statusDetails: { state: 'Captured' } }));
      case 'status-after-forward':
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        return void res.end('<html>Bad Gateway</html>');
      case 'hang-before-headers':
        return; // the socket stays open until the client gives up or the proxy closes
      case 'slow-body': {
        res.writeHead(answer.status, json);
        let sent = 0;
        const drip = () => {
          if (res.destroyed || sent >= answer.body.length) return void res.end();
          res.write(answer.body.subarray(sent, sent + 1));
          sent += 1;
          later(fault.byteEveryMs, drip);
        };
        return drip();
      }
      case 'notify-after-forward':
        fault.onForwarded();
        // Answer late, after the client has given up.
        later(200, () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, json);
          res.end(answer.body);
        });
        return;
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) queue.push(fault);
    },
    get forwarded() {
      return forwarded;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);
