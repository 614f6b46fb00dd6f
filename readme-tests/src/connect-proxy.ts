import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';

/** A forward proxy that only tunnels (HTTP CONNECT), like a corporate HTTPS proxy. */
export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`, for `HTTPS_PROXY` or undici's `ProxyAgent`. */
  readonly url: string;
  /** The `host:port` of every CONNECT received, oldest first. */
  readonly tunnels: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a CONNECT proxy on 127.0.0.1 (port 0). Every tunnel, whatever host it names, is opened to
 * `upstream` instead: the README world's proxy reaches only the simulator, so nothing leaves the
 * machine even if a block names Amazon's real host. Plain HTTP requests are refused (405).
 */
export async function startConnectProxy(upstream: { host: string; port: number }): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(405, { 'content-type': 'text/plain' }).end('this proxy only tunnels (CONNECT)\n');
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const target = connect(upstream.port, upstream.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) target.write(head);
      target.pipe(client);
      client.pipe(target);
    });
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        target.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
