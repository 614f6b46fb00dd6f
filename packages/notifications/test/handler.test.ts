import { beforeAll, describe, expect, it } from 'vitest';
import { createMemorySeenStore, createSnsVerifier, type ResolvedResource } from '../src/index.js';
import { handlerWith, post } from './helpers/requests.js';
import { createTestSns, ipnMessage, type TestSns } from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

describe('createNotificationHandler', () => {
  it('verifies, parses and calls onNotification once per NotificationId (redeliveries answer 200)', async () => {
    const { handler, received } = handlerWith(sns);
    const message = await sns.sign({ Message: ipnMessage({ NotificationId: 'n-1' }) });
    const first = await handler(post(message));
    expect([first.status, await first.text()]).toEqual([200, 'OK']);
    const again = await handler(post(message));
    expect([again.status, await again.text()]).toEqual([200, 'DUPLICATE']);
    // Amazon re-publishing the same notification in a new SNS message is a duplicate too.
    const republished = await sns.sign({ Message: ipnMessage({ NotificationId: 'n-1' }) });
    expect((await handler(post(republished))).status).toBe(200);
    expect(received.map((n) => n.notificationId)).toEqual(['n-1']);
    expect(received[0]).toMatchObject({ objectType: 'CHARGE', chargeId: 'S01-1111111-2222222-C333333' });
  });

  it('runs concurrent duplicates once, also over a slow (async) seen store', async () => {
    let calls = 0;
    const memory = createMemorySeenStore();
    const { handler } = handlerWith(sns, {
      seen: {
        claim: async (id, ttlMs) => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return memory.claim(id, ttlMs);
        },
        complete: async (id, ttlMs) => memory.complete(id, ttlMs),
        release: async (id) => memory.release(id),
      },
      onNotification: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    });
    const message = await sns.sign({});
    const answers = await Promise.all([1, 2, 3].map(() => handler(post(message))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(calls).toBe(1);
  });

  it('answers 500 when onNotification throws, so SNS retries; the retry is processed', async () => {
    let fail = true;
    const warnings: Array<Record<string, unknown>> = [];
    const { handler } = handlerWith(sns, {
      onNotification: () => {
        if (fail) throw new Error('database down');
      },
      logger: { warn: (_message, details) => warnings.push(details) },
    });
    const message = await sns.sign({});
    expect((await handler(post(message))).status).toBe(500);
    fail = false;
    const retried = await handler(post(message));
    expect([retried.status, await retried.text()]).toEqual([200, 'OK']);
    expect(warnings[0]).toMatchObject({ error: 'Error: database down' });
  });

  it('refuses forged, replayed-stale, oversized and non-POST requests with their status and reason', async () => {
    const { handler, received } = handlerWith(sns);
    const message = await sns.sign({});
    const forged = { ...message, Message: ipnMessage({ ObjectType: 'REFUND' }) };
    const refused = await handler(post(forged));
    expect([refused.status, await refused.text()]).toEqual([400, 'BAD_SIGNATURE']);
    const stale = await sns.sign({ Timestamp: new Date(Date.now() - 3 * 3600_000).toISOString() });
    const staleAnswer = await handler(post(stale));
    expect([staleAnswer.status, await staleAnswer.text()]).toEqual([400, 'STALE']);
    const big = await handler(post('x'.repeat(300 * 1024)));
    expect([big.status, await big.text()]).toEqual([413, 'BODY_TOO_LARGE']);
    const declared = await handler(post('{}', { 'content-length': String(10 * 1024 * 1024) }));
    expect(declared.status).toBe(413);
    expect((await handler(new Request('https://merchant.example/ipn'))).status).toBe(405);
    const notPem = await handler(post(await sns.sign({ SigningCertURL: 'https://evil.example/x.pem' })));
    expect([notPem.status, await notPem.text()]).toEqual([400, 'UNTRUSTED_CERTIFICATE_URL']);
    const badMessage = await handler(post(await sns.sign({ Message: '{"hello":1}' })));
    expect([badMessage.status, await badMessage.text()]).toEqual([400, 'MALFORMED_MESSAGE']);
    expect(received).toEqual([]);
  });

  it('answers 503 while the certificate cannot be fetched', async () => {
    const { handler } = handlerWith(sns, {
      fetchCertificate: async () => {
        throw new Error('timeout');
      },
    });
    const answer = await handler(post(await sns.sign({})));
    expect([answer.status, await answer.text()]).toEqual([503, 'CERTIFICATE_UNAVAILABLE']);
  });

  it('confirms a subscription through SubscribeURL only when opted in', async () => {
    const visited: string[] = [];
    const fetchDouble = (async (url: string) => {
      visited.push(url);
      return new Response('<ConfirmSubscriptionResponse/>');
    }) as unknown as typeof fetch;
    const confirmation = await sns.sign({
      Type: 'SubscriptionConfirmation',
      Message: 'You have chosen to subscribe.',
      SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc',
      Token: 'abc',
    });
    const seenMessages: string[] = [];
    const quiet = handlerWith(sns, {
      fetch: fetchDouble,
      onSubscriptionMessage: (m) => void seenMessages.push(m.Type),
    });
    expect((await quiet.handler(post(confirmation))).status).toBe(200);
    expect(visited).toEqual([]);
    expect(seenMessages).toEqual(['SubscriptionConfirmation']);
    const confirming = handlerWith(sns, { fetch: fetchDouble, confirmSubscriptions: true });
    expect((await confirming.handler(post(confirmation))).status).toBe(200);
    expect(visited).toEqual(['https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc']);
    const offHost = await sns.sign({
      Type: 'SubscriptionConfirmation',
      Message: 'x',
      SubscribeURL: 'https://evil.example/?Action=ConfirmSubscription',
      Token: 'abc',
    });
    expect((await confirming.handler(post(offHost))).status).toBe(400);
    expect(visited).toHaveLength(1);
  });

  it('resolves the current resource through a client before calling onNotification', async () => {
    const contexts: Array<ResolvedResource | undefined> = [];
    const client = {
      getCharge: async (id: string) => ({ chargeId: id, statusDetails: { state: 'Authorized' } }) as never,
      getRefund: async (id: string) => ({ refundId: id }) as never,
      getChargePermission: async (id: string) => ({ chargePermissionId: id }) as never,
    };
    const { handler } = handlerWith(sns, {
      client,
      onNotification: (_n, context) => {
        contexts.push(context.resource);
      },
    });
    await handler(post(await sns.sign({ Message: ipnMessage({ ObjectType: 'REFUND', ObjectId: 'R-1' }) })));
    await handler(post(await sns.sign({})));
    expect(contexts).toEqual([
      { objectType: 'REFUND', refund: { refundId: 'R-1' } },
      {
        objectType: 'CHARGE',
        charge: { chargeId: 'S01-1111111-2222222-C333333', statusDetails: { state: 'Authorized' } },
      },
    ]);
  });

  it('uses a shared verifier and a pluggable seen store', async () => {
    const seen = createMemorySeenStore(2);
    const verifier = createSnsVerifier({ fetchCertificate: sns.fetchCertificate });
    const { handler, received } = handlerWith(sns, { seen, verifier });
    for (const id of ['a', 'b', 'c', 'a']) {
      await handler(post(await sns.sign({ Message: ipnMessage({ NotificationId: id }) })));
    }
    // The bound of 2 forgot 'a' by the time it came again.
    expect(received.map((n) => n.notificationId)).toEqual(['a', 'b', 'c', 'a']);
    expect(verifier.cachedCertificates).toBe(1);
  });
});
