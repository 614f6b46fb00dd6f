import { Worker } from 'node:worker_threads';

// Runs in its own thread so serving does not share the clients' event loop.
const serverSource = `
const { parentPort, workerData } = require('node:worker_threads');
const https = require('node:https');
const body = Buffer.from(workerData.body);
let served = 0;
const server = https.createServer({ key: workerData.key, cert: workerData.cert, keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    served++;
    if (req.method !== 'GET' || !/\\/v2\\/checkoutSessions\\/[^/]+$/.test(req.url.split('?')[0]) || !req.headers.authorization && !req.headers['x-bench-unsigned']) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"reasonCode":"ResourceNotFound","message":"bench server"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'x-amz-pay-request-id': 'bench-' + served });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => { if (message === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

/** An https server on 127.0.0.1 (in a worker thread) answering every checkout session GET with `body`. */
export async function startBenchServer(body: string, tls: { key: string; cert: string }) {
  const worker = new Worker(serverSource, { eval: true, workerData: { body, ...tls } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
  });
  return {
    host: `127.0.0.1:${port}`,
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
  };
}
