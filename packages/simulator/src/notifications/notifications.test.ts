import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNotificationHandler, type Notification, verifySnsMessage } from '@amazon-pay-ts/notifications';
import { toNodeListener } from '@amazon-pay-ts/notifications/node';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { opensslAvailable } from '../self-signed-certificate.js';
import {
  createSimulatedNotifications,
  type NotificationOptions,
  type SimulatedNotifications,
} from './index.js';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  closers.push(() => server.closeAllConnections());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A simulated SNS served over HTTP, and a merchant IPN endpoint built on the notifications package. */
async function world(options: NotificationOptions = {}, answer: () => number | 'hang' = () => 200) {
  const engine = new Engine(undefined);
  let sns!: SimulatedNotifications;
  const snsServer = createServer((req, res) => {
    const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://x'), headers: {} };
    if (!sns.page.match(request)) return res.writeHead(404).end();
    return sns.page.handle({ ...request, req, res } as unknown as Parameters<typeof sns.page.handle>[0]);
  });
  engine.baseUrl = await listen(snsServer);
  sns = await createSimulatedNotifications(engine, options);
  closers.push(() => sns.close());

  const received: Notification[] = [];
  const handler = createNotificationHandler({
    ...sns.api.verifyOptions(),
    onNotification: (n) => {
      received.push(n);
    },
  });
  const listener = toNodeListener(handler);
  const endpoint = createServer((req, res) => {
    const what = answer();
    if (what === 'hang') return;
    if (what !== 200) {
      req.resume();
      res.writeHead(what).end();
      return;
    }
    listener(req, res);
  });
  const url = `${await listen(endpoint)}/ipn`;
  sns.api.subscribe(url);
  return { engine, sns, received, url };
}

const charge = (objectId: string, state = 'Authorized') => ({
  objectType: 'CHARGE' as const,
  objectId,
  chargePermissionId: 'S01-0000000-0000000',
  merchantId: 'A2SIMULATEDMERCHANT',
  state,
});

describe('simulated SNS', () => {
  it('delivers a signed notification the notifications package verifies (trusting this simulator only)', async () => {
    const { sns, received } = await world();
    sns.api.publish(charge('C-1'));
    await sns.api.settled();
    expect(received.map((n) => [n.objectType, n.objectType === 'CHARGE' && n.chargeId])).toEqual([
      ['CHARGE', 'C-1'],
    ]);
    expect(sns.api.log.map((e) => [e.objectId, e.attempt, e.status, e.outcome])).toEqual([
      ['C-1', 1, 200, 'delivered'],
    ]);
    expect(received[0]!.merchantId).toBe('A2SIMULATEDMERCHANT');
  });

  it('is refused by a verifier not told to trust it', async () => {
    const engine = new Engine(undefined);
    engine.baseUrl = 'http://127.0.0.1:9';
    let body = '';
    const capture = (async (_url: string, init: RequestInit) => {
      body = String(init.body);
      return new Response('ok');
    }) as unknown as typeof fetch;
    const delivery = await createSimulatedNotifications(engine, {
      fetch: capture,
      url: 'http://127.0.0.1:1/ipn',
    });
    closers.push(() => delivery.close());
    delivery.api.publish(charge('C-2'));
    await delivery.api.settled();
    await expect(verifySnsMessage(body)).rejects.toMatchObject({ reason: 'UNTRUSTED_CERTIFICATE_URL' });
  });

  it('retries non-2xx answers with backoff on the simulator clock, then delivers', async () => {
    const answers = [500, 503];
    const { engine, sns, received } = await world({}, () => answers.shift() ?? 200);
    sns.api.publish(charge('C-3'));
    await sns.api.settled();
    expect(received).toEqual([]);
    engine.clock.advance(19_000);
    await sns.api.settled();
    expect(sns.api.log).toHaveLength(1);
    engine.clock.advance(1_000);
    await sns.api.settled();
    engine.clock.advance(20_000);
    await sns.api.settled();
    expect(sns.api.log.map((e) => [e.attempt, e.status, e.outcome])).toEqual([
      [1, 500, 'retry-scheduled'],
      [2, 503, 'retry-scheduled'],
      [3, 200, 'delivered'],
    ]);
    expect(received).toHaveLength(1);
    const times = sns.api.log.map((e) => Date.parse(e.at));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(20_000);
    // Every attempt carried the same SNS message.
    expect(new Set(sns.api.log.map((e) => e.messageId)).size).toBe(1);
  });

  it('gives up after the policy retries (bounded), exponential backoff when asked', async () => {
    const { engine, sns } = await world(
      { retry: { retries: 2, delayMs: 1000, backoff: 'exponential' } },
      () => 500,
    );
    sns.api.publish(charge('C-4'));
    for (const step of [0, 1000, 2000, 10_000]) {
      engine.clock.advance(step);
      await sns.api.settled();
    }
    expect(sns.api.log.map((e) => [e.attempt, e.outcome])).toEqual([
      [1, 'retry-scheduled'],
      [2, 'retry-scheduled'],
      [3, 'gave-up'],
    ]);
  });

  it('counts a timeout as a failure', async () => {
    const { sns } = await world({ retry: { retries: 0, timeoutMs: 200 } }, () => 'hang');
    sns.api.publish(charge('C-5'));
    await sns.api.settled();
    expect(sns.api.log.map((e) => [e.status, e.error, e.outcome])).toEqual([[null, 'timeout', 'gave-up']]);
  });

  it('faults: a duplicate is delivered twice and handled once', async () => {
    const { sns, received } = await world();
    sns.api.nextFault({ duplicate: true });
    sns.api.publish(charge('C-6'));
    await sns.api.settled();
    expect(sns.api.log.map((e) => [e.objectId, e.status, e.fault])).toEqual([
      ['C-6', 200, 'duplicate'],
      ['C-6', 200, 'duplicate'],
    ]);
    expect(received).toHaveLength(1);
  });

  it('faults: out of order — the next notification overtakes the held one', async () => {
    const { sns, received } = await world();
    sns.api.nextFault({ outOfOrder: true });
    sns.api.publish(charge('C-7', 'AuthorizationInitiated'));
    sns.api.publish(charge('C-7', 'Authorized'));
    await sns.api.settled();
    expect(sns.api.log.map((e) => [e.state, e.fault])).toEqual([
      ['Authorized', null],
      ['AuthorizationInitiated', 'out-of-order'],
    ]);
    expect(received).toHaveLength(2);
  });

  it('faults: a delayed notification waits for simulated time', async () => {
    const { engine, sns, received } = await world();
    sns.api.nextFault({ delayMs: 60_000 });
    sns.api.publish(charge('C-8'));
    await sns.api.settled();
    expect(received).toEqual([]);
    engine.clock.advance(60_000);
    await sns.api.settled();
    expect(sns.api.log.map((e) => [e.objectId, e.fault])).toEqual([['C-8', 'delayed']]);
    expect(received).toHaveLength(1);
  });

  it.runIf(opensslAvailable())(
    'issues a certificate openssl accepts as signed by the simulator CA',
    async () => {
      const engine = new Engine(undefined);
      const sns = await createSimulatedNotifications(engine);
      closers.push(() => sns.close());
      const { certificatePem, caCertificatePem } = await sns.api.certificates();
      const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-sim-sns-'));
      try {
        writeFileSync(join(dir, 'ca.pem'), caCertificatePem);
        writeFileSync(join(dir, 'leaf.pem'), certificatePem);
        const out = execFileSync('openssl', [
          'verify',
          '-CAfile',
          join(dir, 'ca.pem'),
          join(dir, 'leaf.pem'),
        ]).toString();
        expect(out).toContain('OK');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
