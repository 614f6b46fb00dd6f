// The handler's use of the SeenStore contract (claim before onNotification, complete on success,
// release on failure or timeout), with several receivers sharing one store as several processes would.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createMemorySeenStore,
  createNotificationHandler,
  type NotificationHandlerOptions,
  type SeenStore,
} from '../src/index.js';
import { answer, post } from './helpers/requests.js';
import { createTestSns, ipnMessage, type TestSns } from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

const receiver = (seen: SeenStore, extra: Partial<NotificationHandlerOptions> = {}) =>
  createNotificationHandler({
    fetchCertificate: sns.fetchCertificate,
    seen,
    onNotification: () => {},
    ...extra,
  });

/** A store that records the calls the handler makes, over the in-memory store. */
function recording(store: SeenStore = createMemorySeenStore()) {
  const calls: string[] = [];
  const seen: SeenStore = {
    claim: (id, ttlMs) => {
      calls.push(`claim ${id} ${ttlMs}`);
      return store.claim(id, ttlMs);
    },
    complete: (id, ttlMs) => {
      calls.push(`complete ${id} ${ttlMs}`);
      return store.complete(id, ttlMs);
    },
    release: (id) => {
      calls.push(`release ${id}`);
      return store.release(id);
    },
  };
  return { seen, calls };
}

describe('deduplication over a SeenStore', () => {
  it('claims for the handler timeout (plus a margin) before onNotification, then completes for seenTtlMs', async () => {
    const { seen, calls } = recording();
    const handler = receiver(seen, { handlerTimeoutMs: 4_000, seenTtlMs: 3_600_000 });
    const message = await sns.sign({ Message: ipnMessage({ NotificationId: 'n-ok' }) });
    expect(await answer(await handler(post(message)))).toEqual([200, 'OK']);
    expect(await answer(await handler(post(message)))).toEqual([200, 'DUPLICATE']);
    const [claim, complete, again, ...rest] = calls;
    expect(claim).toMatch(/^claim n-ok (\d+)$/);
    const lease = Number(claim!.split(' ')[2]);
    expect(lease).toBeGreaterThan(4_000);
    expect(lease).toBeLessThan(3_600_000);
    expect(complete).toBe('complete n-ok 3600000');
    expect(again).toBe(`claim n-ok ${lease}`);
    expect(rest).toEqual([]);
  });

  it('releases on failure, so the redelivery (at any receiver) runs it', async () => {
    const { seen, calls } = recording();
    let fail = true;
    const a = receiver(seen, {
      onNotification: () => {
        if (fail) throw new Error('database down');
      },
    });
    const message = await sns.sign({ Message: ipnMessage({ NotificationId: 'n-fail' }) });
    expect(await answer(await a(post(message)))).toEqual([500, 'HANDLER_FAILED']);
    expect(calls.at(-1)).toBe('release n-fail');
    fail = false;
    const b = receiver(seen);
    expect(await answer(await b(post(message)))).toEqual([200, 'OK']);
  });

  it('does not run a notification twice while another receiver is processing it', async () => {
    const seen = createMemorySeenStore();
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const ran: string[] = [];
    const a = receiver(seen, {
      onNotification: async () => {
        ran.push('a');
        await slow;
      },
    });
    const b = receiver(seen, { onNotification: () => void ran.push('b') });
    const message = await sns.sign({ Message: ipnMessage({ NotificationId: 'n-busy' }) });
    const first = a(post(message));
    // Redelivered to the other process while the first is still running.
    while (ran.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await answer(await b(post(message)))).toEqual([200, 'DUPLICATE']);
    finish();
    expect(await answer(await first)).toEqual([200, 'OK']);
    expect(await answer(await b(post(message)))).toEqual([200, 'DUPLICATE']);
    expect(ran).toEqual(['a']);
  });

  it('answers 5xx without running onNotification when the store fails to claim', async () => {
    let calls = 0;
    const handler = receiver(
      {
        claim: async () => {
          throw new Error('redis down');
        },
        complete: () => {},
        release: () => {},
      },
      {
        onNotification: () => {
          calls += 1;
        },
      },
    );
    const [status] = await answer(await handler(post(await sns.sign({}))));
    expect(status).toBeGreaterThanOrEqual(500);
    expect(calls).toBe(0);
  });

  it('still answers 200 when the store fails to record a completed notification (the work is done)', async () => {
    const warnings: string[] = [];
    const handler = receiver(
      {
        claim: () => true,
        complete: async () => {
          throw new Error('redis down');
        },
        release: () => {},
      },
      { logger: { warn: (message) => void warnings.push(message) } },
    );
    expect(await answer(await handler(post(await sns.sign({}))))).toEqual([200, 'OK']);
    expect(warnings).toHaveLength(1);
  });
});
