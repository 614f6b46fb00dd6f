// Issue 19, findings 3 and 4: every wait of the handler is bounded, so SNS always gets an answer
// before its own 15 s timeout and a stuck delivery is retried rather than lost.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HANDLER_TIMEOUT_MS, type NotificationHandlerOptions } from '../src/index.js';
import { handlerWith, post } from './helpers/requests.js';
import { createTestSns, type TestSns } from './helpers/sns.js';

const receiver = (extra: Partial<NotificationHandlerOptions>) => handlerWith(sns, extra).handler;

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The answer, or a failure naming the hang (the handler never answering is what these tests catch). */
async function answered(pending: Promise<Response>, ms = 5_000): Promise<[number, string]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    const response = await Promise.race([pending, hang]);
    return [response.status, await response.text()];
  } finally {
    clearTimeout(timer);
  }
}

describe('handlerTimeoutMs (finding 3)', () => {
  it('answers 503 when onNotification hangs, aborts its signal, and runs the redelivery instead of joining the hung call', async () => {
    let calls = 0;
    let firstSignal: AbortSignal | undefined;
    const handler = receiver({
      handlerTimeoutMs: 200,
      onNotification: (_notification, { signal }) => {
        calls += 1;
        if (calls > 1) return;
        firstSignal = signal;
        return new Promise(() => {}); // never settles
      },
    });
    const message = await sns.sign({});
    expect(await answered(handler(post(message)))).toEqual([503, 'HANDLER_TIMEOUT']);
    expect(firstSignal?.aborted).toBe(true);
    // SNS retries: the delivery was released, so the retry processes it (the hung call is not joined).
    expect(await answered(handler(post(message)))).toEqual([200, 'OK']);
    expect(calls).toBe(2);
  });

  it('bounds a hung client lookup (client option) the same way', async () => {
    const hanging = () => new Promise<never>(() => {});
    const handler = receiver({
      handlerTimeoutMs: 200,
      client: { getCharge: hanging, getRefund: hanging, getChargePermission: hanging },
    });
    expect(await answered(handler(post(await sns.sign({}))))).toEqual([503, 'HANDLER_TIMEOUT']);
  });

  it('bounds a hung seen store (claim never settles) without calling onNotification', async () => {
    let calls = 0;
    const never = () => new Promise<never>(() => {});
    const handler = receiver({
      handlerTimeoutMs: 200,
      seen: { claim: never, complete: never, release: never },
      onNotification: () => {
        calls += 1;
      },
    });
    expect(await answered(handler(post(await sns.sign({}))))).toEqual([503, 'HANDLER_TIMEOUT']);
    expect(calls).toBe(0);
  });

  it('defaults to a limit well under the 15 s SNS waits for an HTTP answer', async () => {
    expect(DEFAULT_HANDLER_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    const message = await sns.sign({});
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const handler = receiver({
      onNotification: () => {
        started();
        return new Promise(() => {});
      },
    });
    const pending = handler(post(message));
    await running;
    vi.advanceTimersByTime(DEFAULT_HANDLER_TIMEOUT_MS);
    vi.useRealTimers();
    expect(await answered(pending)).toEqual([503, 'HANDLER_TIMEOUT']);
  });
});

describe('SubscribeURL confirmation (finding 4)', () => {
  const confirmation = () =>
    sns.sign({
      Type: 'SubscriptionConfirmation',
      Message: 'You have chosen to subscribe.',
      SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc',
      Token: 'abc',
    });

  it('gives up on a confirmation request that never answers (aborting it) and answers 503', async () => {
    const signals: Array<AbortSignal | null | undefined> = [];
    const hangingFetch = ((_url: string, init?: RequestInit) => {
      signals.push(init?.signal);
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }) as unknown as typeof fetch;
    const handler = receiver({ fetch: hangingFetch, confirmSubscriptions: true, handlerTimeoutMs: 200 });
    expect(await answered(handler(post(await confirmation())))).toEqual([503, 'HANDLER_TIMEOUT']);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('answers even when the fetch ignores its abort signal', async () => {
    const deafFetch = (() => new Promise<Response>(() => {})) as unknown as typeof fetch;
    const handler = receiver({ fetch: deafFetch, confirmSubscriptions: true, handlerTimeoutMs: 200 });
    expect(await answered(handler(post(await confirmation())))).toEqual([503, 'HANDLER_TIMEOUT']);
  });
});
