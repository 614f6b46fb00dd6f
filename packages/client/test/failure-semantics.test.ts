import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { CURRENCY_RULES, checkAmounts } from '../src/fetch.js';
import {
  AmazonPayConfigError,
  AmazonPayDuplicateIdempotencyKeyError,
  AmazonPayInvalidRequestError,
  AmazonPayMalformedResponseError,
  AmazonPayNetworkError,
  AmazonPayRedirectError,
  AmazonPayRequestValidationError,
  AmazonPayUnprocessableError,
} from '../src/index.js';
import { testClient } from './support/client.js';
import { chargePayload } from './support/payloads.js';
import { startTestServer, useTestServer } from './support/server.js';

const server = useTestServer(() => ({ status: 200, body: chargePayload }));

const refund = {
  chargeId: 'S01-1111111-2222222-C000001',
  refundAmount: { amount: '40.00', currencyCode: 'USD' as const },
};

describe('errors raised after a request left', () => {
  it('carry operationId, method, credential-free url and the idempotency key', async () => {
    const client = await testClient(server.url, { maxRetries: 0 });
    server.enqueue({ hangUp: true });
    const error = await client.createRefund(refund, { idempotencyKey: 'refund-order-1' }).catch((e) => e);
    expect(error).toBeInstanceOf(AmazonPayNetworkError);
    expect(error).toMatchObject({
      operationId: 'createRefund',
      method: 'POST',
      url: `${server.url}/sandbox/v2/refunds`,
      idempotencyKey: 'refund-order-1',
      mayHaveSucceeded: true,
    });
  });

  it('a generated key is on the error, so the caller can retry with it', async () => {
    const client = await testClient(server.url, { maxRetries: 0 });
    server.enqueue({ hangUp: true });
    const error = await client.createRefund(refund).catch((e) => e);
    expect(error.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(server.requests[0]?.headers['x-amz-pay-idempotency-key']).toBe(error.idempotencyKey);
  });
});

describe('redirects', () => {
  it('are never followed: a 302 is an AmazonPayRedirectError naming the Location', async () => {
    const client = await testClient(server.url);
    let followed = 0;
    const elsewhere = await startTestServer();
    elsewhere.fallback = () => {
      followed += 1;
      return { body: { ...chargePayload } };
    };
    server.enqueue({ status: 302, headers: { location: `${elsewhere.url}/captured` } });
    const error = await client
      .captureCharge('S01-1111111-2222222-C000001', {
        captureAmount: { amount: '1.00', currencyCode: 'USD' },
      })
      .catch((e) => e);
    await elsewhere.close();
    expect(error).toBeInstanceOf(AmazonPayRedirectError);
    expect(error).toMatchObject({
      status: 302,
      location: `${elsewhere.url}/captured`,
      mayHaveSucceeded: true,
    });
    expect(error.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(followed).toBe(0);
  });
});

describe('a broken 2xx', () => {
  it.each(['strict', 'warn', 'off'] as const)(
    'is a typed error in %s mode (empty, HTML, text/plain)',
    async (mode) => {
      const client = await testClient(server.url, { validateResponses: mode });
      const answers = [
        { body: '' },
        { body: '<html>oops</html>', headers: { 'content-type': 'text/html' } },
        { body: JSON.stringify(chargePayload), headers: { 'content-type': 'text/plain' } },
      ];
      for (const answer of answers) {
        server.enqueue(answer);
        const error = await client.getCharge('S01-1111111-2222222-C000001').catch((e) => e);
        expect(error).toBeInstanceOf(AmazonPayMalformedResponseError);
        expect(error.rawBody).toBe(answer.body);
        expect(error.operationId).toBe('getCharge');
      }
      server.enqueue({ body: '' });
      const keyed = await client.createRefund(refund, { idempotencyKey: 'k-1' }).catch((e) => e);
      expect(keyed).toMatchObject({ idempotencyKey: 'k-1', mayHaveSucceeded: true });
    },
  );
});

describe('deadlines', () => {
  it('default to a finite attempt and whole-call bound', async () => {
    const client = await testClient(server.url);
    expect(client.toJSON()).toMatchObject({ timeoutMs: 60_000, attemptTimeoutMs: 20_000 });
  });

  it('attemptTimeoutMs covers a slow body, and the lost reply is retried with the same key', async () => {
    const client = await testClient(server.url, { attemptTimeoutMs: 150, maxRetries: 1 });
    server.enqueue({ delayMs: 400, body: chargePayload }, { body: chargePayload });
    const { data, metadata } = await client.withResponse.createRefund(refund);
    expect(data).toEqual(chargePayload);
    expect(metadata.retries).toBe(1);
    const keys = server.requests.map((r) => r.headers['x-amz-pay-idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
  });

  it('no timer outlives a successful call', async () => {
    const client = await testClient(server.url, { timeoutMs: 60_000 });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await client.getCharge('S01-1111111-2222222-C000001');
    const before = timers();
    for (let i = 0; i < 20; i++) await client.getCharge('S01-1111111-2222222-C000001');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it.each([
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY } }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -5 } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: Number.NaN } }],
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['attemptTimeoutMs', { attemptTimeoutMs: 0 }],
  ])('refuses %s that would disable a bound', (field, extra) => {
    const base = { region: 'eu', environment: 'sandbox', publicKeyId: 'K', privateKey: 'x' } as const;
    expect(() => resolveConfig({ ...base, ...extra })).toThrow(
      expect.objectContaining({ name: 'AmazonPayConfigError', field }),
    );
  });
});

describe('silent by default', () => {
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    for (const method of ['log', 'debug', 'info', 'warn', 'error'] as const) {
      spies.push(vi.spyOn(console, method).mockImplementation(() => undefined));
    }
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it('prints nothing on retries or schema mismatches; the mismatch is on metadata', async () => {
    const client = await testClient(server.url, { maxRetries: 1 });
    server.enqueue({ status: 503 }, { body: { ...chargePayload, chargeAmount: 5 } });
    const { metadata } = await client.withResponse.getCharge('S01-1111111-2222222-C000001');
    expect(metadata.validationIssues.map((issue) => issue.path)).toEqual(['chargeAmount']);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('baseUrl', () => {
  const base = { region: 'eu', environment: 'sandbox', publicKeyId: 'K', privateKey: 'x' } as const;
  it('refuses user info, without echoing it', () => {
    let error: unknown;
    try {
      resolveConfig({ ...base, baseUrl: 'https://user:hunter2@pay.example' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
  it('refuses plain http to a non-loopback host, allows it to loopback', () => {
    expect(() => resolveConfig({ ...base, baseUrl: 'http://pay.example' })).toThrow(AmazonPayConfigError);
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(resolveConfig({ ...base, baseUrl: url }).baseUrl).toBe(`${url}/sandbox`);
    }
  });
});

describe('amounts Amazon would refuse are refused before the network', () => {
  it.each([
    ['zero refund', 'createRefund', { ...refund, refundAmount: { amount: '0.00', currencyCode: 'USD' } }],
    [
      'JPY with decimals',
      'createRefund',
      { ...refund, refundAmount: { amount: '10.50', currencyCode: 'JPY' } },
    ],
    [
      'above the USD maximum',
      'createRefund',
      { ...refund, refundAmount: { amount: '150000.01', currencyCode: 'USD' } },
    ],
    ['exponent form', 'createRefund', { ...refund, refundAmount: { amount: 1e21, currencyCode: 'DKK' } }],
  ])('%s', async (_label, operation, body) => {
    const client = await testClient(server.url);
    const error = await client.createRefund(body as never).catch((e) => e);
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    expect(error.issues[0].path).toBe('refundAmount.amount');
    expect(server.requests).toHaveLength(0);
    expect(operation).toBe('createRefund');
  });

  it('accepts what Amazon takes', () => {
    expect(checkAmounts('createRefund', { refundAmount: { amount: '500', currencyCode: 'JPY' } })).toEqual(
      [],
    );
    expect(checkAmounts('createRefund', { refundAmount: { amount: 150000, currencyCode: 'EUR' } })).toEqual(
      [],
    );
    expect(
      checkAmounts('updateCheckoutSession', {
        paymentDetails: { chargeAmount: { amount: '0', currencyCode: 'USD' } },
      }),
    ).toEqual([]);
    expect(Object.keys(CURRENCY_RULES).sort()).toEqual([
      'AUD',
      'CHF',
      'DKK',
      'EUR',
      'GBP',
      'HKD',
      'JPY',
      'NOK',
      'NZD',
      'SEK',
      'USD',
      'ZAR',
    ]);
  });
});

describe('error classes match what Amazon sends', () => {
  it('400 DuplicateIdempotencyKey and 422 have their own classes', async () => {
    const client = await testClient(server.url);
    server.enqueue({ status: 400, body: { reasonCode: 'DuplicateIdempotencyKey', message: 'used' } });
    const duplicate = await client.createRefund(refund).catch((e) => e);
    expect(duplicate).toBeInstanceOf(AmazonPayDuplicateIdempotencyKeyError);
    expect(duplicate).toBeInstanceOf(AmazonPayInvalidRequestError);
    expect(duplicate.mayHaveSucceeded).toBe(false);
    server.enqueue({ status: 422, body: { reasonCode: 'InvalidChargeStatus', message: 'Captured' } });
    const state = await client
      .cancelCharge('S01-1111111-2222222-C000001', { cancellationReason: 'x' })
      .catch((e) => e);
    expect(state).toBeInstanceOf(AmazonPayUnprocessableError);
    expect(state).toMatchObject({ status: 422, reasonCode: 'InvalidChargeStatus', method: 'DELETE' });
  });
});

describe('response metadata', () => {
  it('has url, method and the request sent, without credentials', async () => {
    const client = await testClient(server.url);
    const { metadata } = await client.withResponse.createRefund(refund, {
      idempotencyKey: 'k-meta',
      authToken: 'delegated-secret',
    });
    expect(metadata).toMatchObject({ method: 'POST', url: `${server.url}/sandbox/v2/refunds` });
    expect(metadata.request.body).toBe(JSON.stringify(refund));
    expect(metadata.request.headers['x-amz-pay-idempotency-key']).toBe('k-meta');
    expect(JSON.stringify(metadata.request)).not.toContain('delegated-secret');
    expect(Object.keys(metadata.request.headers)).not.toContain('authorization');
  });
});
