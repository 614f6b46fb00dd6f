import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationHandler, type Notification } from '../src/index.js';
import { toNodeListener } from '../src/node.js';
import { createTestSns, type TestSns } from './helpers/sns.js';

let sns: TestSns;
const received: Notification[] = [];
const server = createServer();
let url: string;

beforeAll(async () => {
  sns = createTestSns();
  const handler = createNotificationHandler({
    fetchCertificate: sns.fetchCertificate,
    onNotification: (n) => {
      received.push(n);
    },
  });
  server.on('request', toNodeListener(handler, { maxBodyBytes: 64 * 1024 }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ipn`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('toNodeListener', () => {
  it('serves the handler over node:http', async () => {
    const message = await sns.sign({});
    const answer = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(message),
      headers: { 'content-type': 'text/plain' },
    });
    expect([answer.status, await answer.text()]).toEqual([200, 'OK']);
    expect(received).toHaveLength(1);
    const forged = await fetch(url, { method: 'POST', body: JSON.stringify({ ...message, MessageId: 'x' }) });
    expect([forged.status, await forged.text()]).toEqual([400, 'BAD_SIGNATURE']);
  });

  it('answers 413 past its body limit without buffering the rest', async () => {
    const answer = await fetch(url, { method: 'POST', body: 'x'.repeat(200 * 1024) });
    expect([answer.status, await answer.text()]).toEqual([413, 'BODY_TOO_LARGE']);
  });
});
