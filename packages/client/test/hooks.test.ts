/**
 * Observability hooks (issue 22 item 1), on every door — typed methods, `withResponse`, `client.api`
 * and `paginate`: the events of a call and their order, what they carry (never a credential), retry
 * notices at `warn`, and hooks (and loggers) that throw or reject without changing the outcome of a
 * call that moves money.
 */
import { describe, expect, it } from 'vitest';
import {
  type AmazonPayClient,
  AmazonPayConfigError,
  AmazonPayNetworkError,
  AmazonPayNotFoundError,
  AmazonPayRequestValidationError,
  type CallEvent,
  type ClientHooks,
  type ErrorEvent,
  type RetryEvent,
} from '../src/index.js';
import { recordingLogger, testClient, testKeys } from './support/client.js';
import { chargePayload } from './support/payloads.js';
import { useTestServer } from './support/server.js';

const server = useTestServer(() => ({ status: 200, body: chargePayload }));

const chargeId = 'S01-1111111-2222222-C000001';
const capture = { captureAmount: { amount: '14.00', currencyCode: 'USD' } } as const;

type Door = (client: AmazonPayClient, key?: string) => Promise<unknown>;
const doors: Record<string, Door> = {
  'typed method': (client, key) => client.captureCharge(chargeId, capture, { idempotencyKey: key }),
  withResponse: (client, key) =>
    client.withResponse.captureCharge(chargeId, capture, { idempotencyKey: key }),
  'client.api': (client, key) =>
    client.api.POST('/v2/charges/{chargeId}/capture', {
      params: { path: { chargeId }, header: key ? { 'x-amz-pay-idempotency-key': key } : {} },
      body: capture,
    }),
};

/** Hooks that record every event, in order, as `[hook, event]`. */
function recorder() {
  const events: [keyof ClientHooks, CallEvent | ErrorEvent][] = [];
  const hooks: Required<ClientHooks> = {
    onRequest: (event) => void events.push(['onRequest', event]),
    onResponse: (event) => void events.push(['onResponse', event]),
    onRetry: (event) => void events.push(['onRetry', event]),
    onSuccess: (event) => void events.push(['onSuccess', event]),
    onError: (event) => void events.push(['onError', event]),
  };
  return { events, hooks, names: () => events.map(([name]) => name) };
}

const busy = { status: 503, body: { reasonCode: 'ServiceUnavailable', message: 'busy' } };

describe.each(Object.entries(doors))('hooks through %s', (_door, call) => {
  it('a retried call: request, response, retry, request, response, success — one call, one key', async () => {
    const { events, hooks, names } = recorder();
    const client = await testClient(server.url, { hooks });
    server.enqueue(busy);
    await call(client, 'capture-key-1');
    expect(names()).toEqual(['onRequest', 'onResponse', 'onRetry', 'onRequest', 'onResponse', 'onSuccess']);
    const [request1, response1, retry, request2, response2, success] = events.map(([, event]) => event);
    for (const event of events.map(([, e]) => e)) {
      expect(event).toMatchObject({
        callId: request1!.callId,
        operationId: 'captureCharge',
        method: 'POST',
        url: `${server.url}/sandbox/v2/charges/${chargeId}/capture`,
        idempotencyKey: 'capture-key-1',
      });
      expect(Object.isFrozen(event)).toBe(true);
    }
    expect(request1).toMatchObject({ attempt: 1 });
    expect(response1).toMatchObject({ attempt: 1, status: 503, requestId: 'req-1' });
    expect(retry).toMatchObject({
      retry: 1,
      attempt: 1,
      status: 503,
      requestId: 'req-1',
      delayMs: expect.any(Number),
    });
    expect(request2).toMatchObject({ attempt: 2 });
    expect(response2).toMatchObject({ attempt: 2, status: 200, requestId: 'req-2' });
    expect(success).toMatchObject({ attempts: 2, status: 200, requestId: 'req-2' });
    expect((response2 as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
    expect((success as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(
      (response2 as { durationMs: number }).durationMs,
    );
  });

  it('an API error: request, response, error with its status and request id', async () => {
    const { events, hooks, names } = recorder();
    const client = await testClient(server.url, { hooks });
    server.enqueue({ status: 404, body: { reasonCode: 'ResourceNotFound', message: 'no such charge' } });
    await expect(call(client)).rejects.toBeInstanceOf(AmazonPayNotFoundError);
    expect(names()).toEqual(['onRequest', 'onResponse', 'onError']);
    const error = events[2]![1] as ErrorEvent;
    expect(error).toMatchObject({ attempts: 1, status: 404, requestId: 'req-1' });
    expect(error.error).toBeInstanceOf(AmazonPayNotFoundError);
    expect(error.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a lost reply on the last attempt: request, error (no response)', async () => {
    const { events, hooks, names } = recorder();
    const client = await testClient(server.url, { hooks, maxRetries: 0 });
    server.enqueue({ hangUp: true });
    await expect(call(client)).rejects.toBeInstanceOf(AmazonPayNetworkError);
    expect(names()).toEqual(['onRequest', 'onError']);
    expect(events[1]![1]).toMatchObject({ attempts: 1, status: undefined, requestId: undefined });
  });

  it('a call refused before sending: only onError, with no attempt and no URL', async () => {
    const { events, hooks, names } = recorder();
    const client = await testClient(server.url, { hooks });
    await expect(call(client, 'not a key!')).rejects.toBeInstanceOf(AmazonPayRequestValidationError);
    expect(names()).toEqual(['onError']);
    expect(events[0]![1]).toMatchObject({
      operationId: 'captureCharge',
      method: 'POST',
      attempts: 0,
      url: undefined,
    });
    expect(server.requests).toHaveLength(0);
  });

  it.each(['onRequest', 'onResponse', 'onRetry', 'onSuccess'] as const)(
    'a throwing %s changes nothing: one capture, the same result, the failure at logger.warn',
    async (name) => {
      const logger = recordingLogger();
      const throwing: ClientHooks = {
        [name]: () => {
          throw new Error(`${name} broke`);
        },
      };
      const rejecting: ClientHooks = { [name]: async () => Promise.reject(new Error(`${name} rejected`)) };
      const { names, hooks } = recorder();
      const client = await testClient(server.url, { logger, hooks: [throwing, rejecting, hooks] });
      server.enqueue(busy);
      const result = await call(client, 'capture-key-2');
      const data = (result as { data?: unknown }).data ?? result;
      expect(data).toMatchObject({ chargeId: chargePayload.chargeId });
      // The two attempts of the call, no third, and the recording hooks beside still saw everything.
      expect(server.requests).toHaveLength(2);
      expect(names()).toEqual(['onRequest', 'onResponse', 'onRetry', 'onRequest', 'onResponse', 'onSuccess']);
      await new Promise((resolve) => setImmediate(resolve));
      const failures = logger.warnings.filter((warning) => warning.message.startsWith(`hooks.${name} threw`));
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(failures[0]?.details).toMatchObject({ hook: name, operationId: 'captureCharge' });
    },
  );

  it('a throwing onError leaves the error as it was', async () => {
    const client = await testClient(server.url, {
      hooks: {
        onError: () => {
          throw new Error('onError broke');
        },
      },
    });
    server.enqueue({ status: 404, body: { reasonCode: 'ResourceNotFound', message: 'no such charge' } });
    await expect(call(client)).rejects.toBeInstanceOf(AmazonPayNotFoundError);
  });
});

describe('hooks through client.paginate', () => {
  it('each page is a call of its own', async () => {
    const { events, hooks } = recorder();
    const client = await testClient(server.url, { hooks, validateResponses: 'off' });
    server.enqueue(
      { body: { reports: [{ reportId: 'r1' }], nextToken: 'page-2' } },
      { body: { reports: [{ reportId: 'r2' }], nextToken: null } },
    );
    for await (const _ of client.paginate.getReports()) {
      // consume
    }
    const successes = events.filter(([name]) => name === 'onSuccess').map(([, event]) => event);
    expect(successes).toHaveLength(2);
    expect(successes.map((event) => event.operationId)).toEqual(['getReports', 'getReports']);
    expect(successes[0]!.callId).not.toBe(successes[1]!.callId);
    expect(successes[1]!.url).toBe(`${server.url}/sandbox/v2/reports?nextToken=page-2`);
  });
});

describe('what the events carry', () => {
  it('never a credential: no key material, signature, delegated token or mwsAuthToken', async () => {
    const { privateKeyPem } = await testKeys();
    const { events, hooks } = recorder();
    const logger = recordingLogger();
    const client = await testClient(server.url, { hooks, logger });
    server.enqueue(busy);
    await client.captureCharge(chargeId, capture, { authToken: 'Atza|delegated-secret' });
    server.fallback = () => ({ status: 200, body: { authorizationToken: 'Atza|issued-secret' } });
    await client.getAuthorizationToken('amzn.mws.secret-mws-token', 'A1MERCHANT');
    const seen = JSON.stringify([events, logger.warnings]);
    const keyBody = privateKeyPem.split('\n').slice(1, -2).join('');
    for (const fragment of [
      keyBody.slice(0, 24),
      keyBody.slice(-24),
      'Signature=',
      'AMZN-PAY-RSASSA',
      'delegated-secret',
      'secret-mws-token',
    ]) {
      expect(seen).not.toContain(fragment);
    }
    expect(seen).toContain('/v2/authorizationTokens/[redacted]?merchantId=A1MERCHANT');
  });
});

describe('retry notices', () => {
  it('go to logger.warn with the operation and idempotency key, and to retry.onRetry', async () => {
    const logger = recordingLogger();
    const notices: RetryEvent[] = [];
    const client = await testClient(server.url, {
      logger,
      retry: { sleep: async () => undefined, onRetry: (event) => void notices.push(event) },
    });
    server.enqueue(busy);
    await client.captureCharge(chargeId, capture, { idempotencyKey: 'capture-key-3' });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]!.message).toBe(
      'captureCharge: retrying POST after HTTP 503 (retry 1 of 3, in 0 ms)'.replace(
        'in 0 ms',
        `in ${notices[0]?.delayMs} ms`,
      ),
    );
    expect(logger.warnings[0]!.details).toMatchObject({
      operationId: 'captureCharge',
      idempotencyKey: 'capture-key-3',
      retry: 1,
      attempt: 1,
      status: 503,
      requestId: 'req-1',
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ retry: 1, status: 503, context: { idempotencyKey: 'capture-key-3' } });
  });

  it('a throwing retry.onRetry or logger changes nothing', async () => {
    const client = await testClient(server.url, {
      logger: {
        warn: () => {
          throw new Error('the log sink is down');
        },
      },
      retry: {
        sleep: async () => undefined,
        onRetry: () => {
          throw new Error('onRetry broke');
        },
      },
      hooks: {
        onSuccess: () => {
          throw new Error('onSuccess broke');
        },
      },
    });
    server.enqueue(busy);
    await expect(client.captureCharge(chargeId, capture)).resolves.toMatchObject({
      chargeId: chargePayload.chargeId,
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe('configuration', () => {
  it('refuses an unknown hook name or a hook that is not a function', async () => {
    const bad = async (hooks: unknown) =>
      testClient(server.url, { hooks: hooks as ClientHooks }).catch((error: unknown) => error);
    const typo = await bad({ onReqest: () => {} });
    expect(typo).toBeInstanceOf(AmazonPayConfigError);
    expect((typo as AmazonPayConfigError).field).toBe('hooks.onReqest');
    expect(await bad({ onRequest: 'log' })).toMatchObject({ field: 'hooks.onRequest' });
    expect(await bad([{}, null])).toMatchObject({ field: 'hooks[1]' });
  });

  it('calls a hook as a method of its object', async () => {
    class Counter implements ClientHooks {
      count = 0;
      onSuccess(): void {
        this.count++;
      }
    }
    const counter = new Counter();
    const client = await testClient(server.url, { hooks: counter });
    await client.getCharge(chargeId);
    expect(counter.count).toBe(1);
  });
});
