import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A proxy in front of the simulator that can swallow one answer: the request reaches Amazon (the
 * effect happens), the answer never reaches the shop. `stallNext` resolves once Amazon has acted,
 * which is the moment a test kills the shop: between Amazon's effect and the shop's write.
 */
export interface StallingProxy {
  url: string;
  /** The next request whose `METHOD path` matches is forwarded and its answer withheld. */
  stallNext(pattern: RegExp): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startStallingProxy(target: string): Promise<StallingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let trap: { pattern: RegExp; acted(answer: { status: number; body: string }): void } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const caught = trap?.pattern.test(`${req.method} ${req.url}`) ? trap : undefined;
            if (caught) {
              trap = undefined;
              caught.acted({ status: answer.statusCode ?? 0, body: Buffer.concat(body).toString() });
              return; // the answer is never sent
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stallNext(pattern) {
      return new Promise((acted) => {
        trap = { pattern, acted };
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
