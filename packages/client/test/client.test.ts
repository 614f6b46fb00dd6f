import { inspect } from 'node:util';
import { verifyButtonSignature, verifyRequest } from '@amazon-pay-ts/signer';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AmazonPayAbortError,
  AmazonPayApiError,
  AmazonPayAuthenticationError,
  AmazonPayClient,
  AmazonPayConfigError,
  AmazonPayConflictError,
  AmazonPayInvalidRequestError,
  AmazonPayNetworkError,
  AmazonPayNotFoundError,
  AmazonPayRateLimitError,
  AmazonPayRequestValidationError,
  AmazonPayResponseValidationError,
  AmazonPayServiceError,
  AmazonPayTimeoutError,
  InStoreClient,
  WebStoreClient,
} from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { recordingLogger, testClient, testKeys } from './support/client.js';
import {
  chargePayload,
  checkoutSessionPayload,
  multiAddressCheckoutSessionPayload,
} from './support/payloads.js';
import { headerRecord, useTestServer } from './support/server.js';

const server = useTestServer();

const amazonError = (status: number, reasonCode: string, message: string) => ({
  status,
  body: { reasonCode, message },
});

describe('results and metadata', () => {
  it('resolves to the body; withResponse adds status, headers, request id, raw body, retries, duration', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: chargePayload, headers: { 'x-amz-pay-request-id': 'rid-42' } });
    const charge = await client.getCharge('S01-1111111-2222222-C000001');
    expect(charge).toEqual(chargePayload);
    expect(Object.keys(charge)).toEqual(Object.keys(chargePayload));

    server.enqueue({ status: 500 }, { body: chargePayload, headers: { 'x-amz-pay-request-id': 'rid-43' } });
    const { data, metadata } = await client.withResponse.getCharge('S01-1111111-2222222-C000001');
    expect(data).toEqual(chargePayload);
    expect(metadata).toMatchObject({
      operationId: 'getCharge',
      status: 200,
      requestId: 'rid-43',
      retries: 1,
      rawBody: JSON.stringify(chargePayload),
      idempotencyKey: undefined,
    });
    expect(metadata.headers.get('x-amz-pay-request-id')).toBe('rid-43');
    expect(metadata.durationMs).toBeGreaterThan(0);
  });

  it('reports the idempotency key that was sent', async () => {
    const client = await testClient(server.url, { validateResponses: 'off' });
    const { metadata } = await client.withResponse.createCharge(validBodies.createCharge, {
      idempotencyKey: 'abc',
    });
    expect(metadata.idempotencyKey).toBe('abc');
    expect(server.requests[0]?.headers['x-amz-pay-idempotency-key']).toBe('abc');
  });

  it('keeps amounts as strings and decodes shippingAddressList', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: multiAddressCheckoutSessionPayload });
    const session = await client.getCheckoutSession('bd504926-f659-4ad7-a1a9-9a747aaf5275');
    expect(session.paymentDetails?.chargeAmount?.amount).toBe('500');
    expect(session.shippingAddressList).toEqual([
      expect.objectContaining({ addressId: 'amzn1.address.A1', city: 'Shibuya-ku', addressLine2: null }),
      expect.objectContaining({ addressId: 'amzn1.address.A2', postalCode: '530-0001' }),
    ]);
  });
});

describe('retries through the client', () => {
  it('500 → 500 → 200 succeeds with maxRetries 2, one idempotency key, every attempt freshly signed', async () => {
    const waits: number[] = [];
    const client = await testClient(server.url, {
      maxRetries: 2,
      validateResponses: 'off',
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    server.enqueue({ status: 500 }, { status: 500 }, { status: 201, body: chargePayload });
    const { metadata } = await client.withResponse.createCharge(validBodies.createCharge);
    expect(metadata.retries).toBe(2);
    expect(server.requests).toHaveLength(3);
    const keys = new Set(server.requests.map((r) => r.headers['x-amz-pay-idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(metadata.idempotencyKey);
    const signatures = new Set(server.requests.map((r) => r.headers.authorization));
    expect(signatures.size).toBe(3);
    const { publicKeyPem } = await testKeys();
    for (const r of server.requests) {
      const verdict = await verifyRequest(
        { method: r.method, url: r.url, headers: headerRecord(r.headers), body: r.body },
        publicKeyPem,
      );
      expect(verdict.ok).toBe(true);
    }
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 0 && ms < 2000)).toBe(true);
  });

  it('waits what Retry-After says on 429', async () => {
    const waits: number[] = [];
    const client = await testClient(server.url, {
      validateResponses: 'off',
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    server.enqueue({ status: 429, headers: { 'retry-after': '1' }, body: { reasonCode: 'TooManyRequests' } });
    await client.getCharge('C1');
    expect(waits).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 400 and rejects with its reason code, request id and raw body', async () => {
    const client = await testClient(server.url);
    server.enqueue({
      ...amazonError(400, 'InvalidParameterValue', 'chargeAmount is invalid'),
      headers: { 'x-amz-pay-request-id': 'rid-400' },
    });
    const error = await client.createCharge(validBodies.createCharge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayInvalidRequestError);
    expect(error).toMatchObject({
      status: 400,
      reasonCode: 'InvalidParameterValue',
      requestId: 'rid-400',
      retries: 0,
      operationId: 'createCharge',
      rawBody: '{"reasonCode":"InvalidParameterValue","message":"chargeAmount is invalid"}',
      message: 'createCharge: HTTP 400 InvalidParameterValue: chargeAmount is invalid',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('503 forever ends in a service error after maxRetries + 1 attempts', async () => {
    const client = await testClient(server.url, { maxRetries: 3 });
    server.fallback = () => amazonError(503, 'ServiceUnavailable', 'try later');
    const error = await client.getCharge('C1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayServiceError);
    expect((error as AmazonPayServiceError).retries).toBe(3);
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [401, AmazonPayAuthenticationError],
    [403, AmazonPayAuthenticationError],
    [404, AmazonPayNotFoundError],
    [409, AmazonPayConflictError],
  ])('maps %i to its error class', async (status, ErrorClass) => {
    const client = await testClient(server.url);
    server.enqueue(amazonError(status, 'SomeReason', 'text'));
    const error = await client.getRefund('R1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(AmazonPayApiError);
  });

  it('429 after every retry is a rate-limit error', async () => {
    const client = await testClient(server.url, { maxRetries: 1 });
    server.fallback = () => amazonError(429, 'TooManyRequests', 'slow down');
    const error = await client.getRefund('R1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayRateLimitError);
    expect((error as AmazonPayRateLimitError).retries).toBe(1);
  });

  it('an abort during the backoff wait stops at once', async () => {
    const controller = new AbortController();
    let waitStarted = 0;
    // retry.onRetry runs just before the wait: abort 20 ms into that (60 s) wait, however long the
    // first attempt took on a loaded machine.
    const onRetry = () => {
      waitStarted = Date.now();
      setTimeout(() => controller.abort(), 20);
    };
    const client = await testClient(server.url, {
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99, onRetry },
    });
    server.fallback = () => ({ status: 500 });
    const error = await client.getCharge('C1', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayAbortError);
    expect(waitStarted).toBeGreaterThan(0);
    expect(Date.now() - waitStarted).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('timeoutMs bounds the whole call', async () => {
    const client = await testClient(server.url, { timeoutMs: 150 });
    server.enqueue({ status: 200, body: {}, delayMs: 3000 });
    const started = Date.now();
    const error = await client.getCharge('C1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a connection that never answers is a network error carrying its cause', async () => {
    const client = await testClient(server.url, { maxRetries: 1 });
    server.fallback = () => ({ hangUp: true });
    const error = await client.getCharge('C1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayNetworkError);
    expect((error as AmazonPayNetworkError).cause).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('response validation', () => {
  it('accepts real-shaped payloads full of nulls, unknown fields and new enum values in strict mode', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    const evolved = {
      ...checkoutSessionPayload,
      statusDetails: { ...checkoutSessionPayload.statusDetails, state: 'SomeFutureState' },
      brandNewField: { nested: true },
    };
    server.enqueue({ body: evolved });
    await expect(client.getCheckoutSession('bd504926')).resolves.toEqual(evolved);
  });

  const wrong = {
    ...chargePayload,
    chargeAmount: { amount: 14, currencyCode: 'USD' },
    statusDetails: { ...chargePayload.statusDetails, state: 7 },
  };

  it('strict: a wrong type rejects, naming the field and keeping the raw body and data', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: wrong, headers: { 'x-amz-pay-request-id': 'rid-v' } });
    const error = (await client.getCharge('C1').catch((e: unknown) => e)) as AmazonPayResponseValidationError;
    expect(error).toBeInstanceOf(AmazonPayResponseValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['chargeAmount.amount', 'statusDetails.state']);
    expect(error.message).toContain('chargeAmount.amount');
    expect(error.rawBody).toBe(JSON.stringify(wrong));
    expect(error.data).toEqual(wrong);
    expect(error.requestId).toBe('rid-v');
  });

  it('warn: calls the logger and returns the data', async () => {
    const logger = recordingLogger();
    const client = await testClient(server.url, { validateResponses: 'warn', logger });
    server.enqueue({ body: wrong });
    await expect(client.getCharge('C1')).resolves.toEqual(wrong);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.message).toBe('getCharge: response does not match the spec');
    expect(logger.warnings[0]?.details?.issues).toEqual([
      expect.objectContaining({ path: 'chargeAmount.amount' }),
      expect.objectContaining({ path: 'statusDetails.state' }),
    ]);
  });

  it('off: neither rejects nor warns', async () => {
    const logger = recordingLogger();
    const client = await testClient(server.url, { validateResponses: 'off', logger });
    server.enqueue({ body: wrong });
    await expect(client.getCharge('C1')).resolves.toEqual(wrong);
    expect(logger.warnings).toHaveLength(0);
  });

  it('the default mode is warn', async () => {
    const logger = recordingLogger();
    const client = await testClient(server.url, { logger });
    server.enqueue({ body: wrong });
    await expect(client.getCharge('C1')).resolves.toEqual(wrong);
    expect(logger.warnings).toHaveLength(1);
  });

  it('a body that is not JSON is a validation problem, not a crash', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: '<html>' });
    const error = await client.getCharge('C1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayResponseValidationError);
    expect((error as AmazonPayResponseValidationError).rawBody).toBe('<html>');
  });

  it('client.api validates responses with the same mode', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: wrong });
    const error = await client.api
      .GET('/v2/charges/{chargeId}', { params: { path: { chargeId: 'C1' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayResponseValidationError);
  });
});

describe('ids are one percent-encoded path segment', () => {
  const verifies = async (r: (typeof server.requests)[number]) => {
    const { publicKeyPem } = await testKeys();
    return verifyRequest(
      { method: r.method, url: r.url, headers: headerRecord(r.headers), body: r.body },
      publicKeyPem,
    );
  };

  it('sends a buyer token with "/", "+" and "=" as one segment, signed as sent', async () => {
    const client = await testClient(server.url, { validateResponses: 'off' });
    await client.getBuyer('a/b+c=');
    expect(server.requests.map((r) => r.path)).toEqual(['/sandbox/v2/buyers/a%2Fb%2Bc%3D']);
    expect(await verifies(server.requests[0]!)).toMatchObject({ ok: true });
  });

  it.each([
    ['../x', '/sandbox/v2/charges/..%2Fx'],
    ['../../refunds/R1', '/sandbox/v2/charges/..%2F..%2Frefunds%2FR1'],
    ['%2E%2E', '/sandbox/v2/charges/%252E%252E'],
    ["..%2Fx'", '/sandbox/v2/charges/..%252Fx%27'],
  ])('never lets the id %o climb to another path', async (id, path) => {
    const client = await testClient(server.url, { validateResponses: 'off' });
    await client.getCharge(id);
    await client.withResponse.getCharge(id);
    await client.api.GET('/v2/charges/{chargeId}', { params: { path: { chargeId: id } } });
    expect(server.requests.map((r) => r.path)).toEqual([path, path, path]);
    for (const r of server.requests) expect(await verifies(r)).toMatchObject({ ok: true });
  });
});

describe('bad input never reaches the network', () => {
  let client: AmazonPayClient;
  beforeAll(async () => {
    client = await testClient(server.url);
  });

  const rejects = async (call: () => Promise<unknown>, path: string, message?: RegExp) => {
    const error = (await call().catch((e: unknown) => e)) as AmazonPayRequestValidationError;
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    expect(error.issues.map((i) => i.path)).toContain(path);
    if (message) expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
    return error;
  };

  it.each([
    ['', /must not be empty/],
    ['.', /is not an id/],
    ['..', /is not an id/],
  ])('refuses the id %o', async (id, message) => {
    await rejects(() => client.getCharge(id), 'chargeId', message);
  });

  it.each(['', '.', '..'])('client.api refuses the path id %o too', async (id) => {
    await rejects(
      () => client.api.GET('/v2/charges/{chargeId}', { params: { path: { chargeId: id } } }),
      'chargeId',
    );
  });

  it('refuses a non-string id', async () => {
    await rejects(
      () => client.getCharge(42 as unknown as string),
      'chargeId',
      /expected a string id, got number/,
    );
  });

  it('names a missing required body field', async () => {
    const { storeId: _omitted, ...body } = validBodies.createCheckoutSession;
    await rejects(
      () => client.createCheckoutSession(body as typeof validBodies.createCheckoutSession),
      'storeId',
      /createCheckoutSession: invalid request: storeId: /,
    );
  });

  it('requires the body', async () => {
    await rejects(() => client.createCharge(undefined as never), '(body)', /a request body is required/);
  });

  it.each([12.345, '12.345'])(
    'explains an amount with more than 2 decimals the same way, number or string (%j)',
    async (amount) => {
      const error = await rejects(
        () =>
          client.createCharge({
            ...validBodies.createCharge,
            chargeAmount: { amount, currencyCode: 'USD' },
          }),
        'chargeAmount.amount',
      );
      expect(error.issues).toEqual([
        {
          path: 'chargeAmount.amount',
          message:
            '12.345 has more than 2 decimal places; Amazon takes amounts with at most 2 (none for JPY). ' +
            'Round it as your business rules require and pass a string such as "12.35".',
        },
      ]);
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each([
    ['abc', 'a string that is not one'],
    ['12.3.4', 'a string that is not one'],
    ['', 'an empty string'],
    [-1, 'the number -1'],
  ] as const)('explains any other amount Amazon would refuse in one sentence (%j)', async (amount, got) => {
    const error = await rejects(
      () =>
        client.createCharge({ ...validBodies.createCharge, chargeAmount: { amount, currencyCode: 'USD' } }),
      'chargeAmount.amount',
    );
    expect(error.issues).toEqual([
      {
        path: 'chargeAmount.amount',
        message:
          'expected an amount of 0 or more with at most 2 decimal places (none for JPY), as a string ' +
          `such as "12.34" or a number; got ${got}`,
      },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps "expected an object" for a Price given as a bare amount', async () => {
    const error = await rejects(
      () => client.createCharge({ ...validBodies.createCharge, chargeAmount: '12.00' as never }),
      'chargeAmount',
    );
    expect(error.issues).toEqual([{ path: 'chargeAmount', message: 'expected an object, got a string' }]);
  });

  it('rounds the suggestion in decimal, not in binary floating point', async () => {
    for (const [amount, suggested] of [
      [1.005, '1.01'],
      ['1.005', '1.01'],
      ['0.999', '1.00'],
      ['19.9949', '19.99'],
    ] as const) {
      const error = await rejects(
        () =>
          client.createCharge({ ...validBodies.createCharge, chargeAmount: { amount, currencyCode: 'EUR' } }),
        'chargeAmount.amount',
      );
      expect(error.issues[0]?.message).toContain(`${amount} has more than 2 decimal places`);
      expect(error.issues[0]?.message).toContain(`such as "${suggested}"`);
    }
  });

  it('accepts numeric amounts with at most 2 decimals and sends them as given', async () => {
    const silent = await testClient(server.url, { validateResponses: 'off' });
    await silent.createCharge({
      ...validBodies.createCharge,
      chargeAmount: { amount: 1.1, currencyCode: 'USD' },
    });
    expect(JSON.parse(server.requests[0]?.body ?? '{}').chargeAmount).toEqual({
      amount: 1.1,
      currencyCode: 'USD',
    });
  });

  it('rejects an unknown enum value in a request', async () => {
    await rejects(
      () =>
        client.createCharge({
          ...validBodies.createCharge,
          chargeAmount: { amount: '1.00', currencyCode: 'XXX' as 'USD' },
        }),
      'chargeAmount.currencyCode',
    );
  });

  it('checks query values against the spec', async () => {
    await rejects(() => client.getReports({ pageSize: 1000 }), 'pageSize');
    await rejects(() => client.getReports({ createdSince: new Date('nope') }), 'createdSince');
    await rejects(() => client.getReports({ reportTypes: ['_NOT_A_REPORT_' as never] }), 'reportTypes.0');
  });

  it('requires the merchant id of getAuthorizationToken', async () => {
    await rejects(
      () => client.getAuthorizationToken('amzn.mws.00000000-0000-0000-0000-000000000000', ''),
      'merchantId',
    );
  });

  it('checks the options', async () => {
    await rejects(() => client.getCharge('C1', { idempotencyKey: 'x'.repeat(33) }), 'options.idempotencyKey');
    await rejects(() => client.getCharge('C1', { authToken: '' }), 'options.authToken');
    await rejects(() => client.getCharge('C1', { signal: 'stop' as never }), 'options.signal');
    await rejects(
      () => client.getCharge('C1', { idempotencykey: 'typo' } as never),
      'options.idempotencykey',
    );
  });
});

describe('configuration errors at construction', () => {
  it('a bad key fails in the constructor with a typed error', async () => {
    const create = () =>
      new WebStoreClient({
        region: 'eu',
        environment: 'sandbox',
        publicKeyId: 'AKEY',
        privateKey: 'not a key at all',
      });
    expect(create).toThrow(AmazonPayConfigError);
    expect(create).toThrow(/privateKey/);
  });

  it('a missing key fails too', () => {
    expect(
      () => new InStoreClient({ region: 'eu', environment: 'sandbox', publicKeyId: 'AKEY', privateKey: '' }),
    ).toThrow(AmazonPayConfigError);
  });

  it('an unknown region names the field', () => {
    const error = (() => {
      try {
        new AmazonPayClient({ region: 'mars', environment: 'live', publicKeyId: 'AKEY', privateKey: 'x' });
      } catch (e) {
        return e as AmazonPayConfigError;
      }
    })();
    expect(error?.field).toBe('region');
  });
});

describe('the private key never leaks', () => {
  it('not through JSON.stringify, util.inspect or error messages', async () => {
    const { privateKeyPem } = await testKeys();
    const keyBody = privateKeyPem.split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    const client = await testClient(server.url, { validateResponses: 'strict' });
    const texts: string[] = [
      JSON.stringify(client),
      inspect(client, { showHidden: true, depth: 20, getters: true }),
      inspect(client.withResponse, { showHidden: true, depth: 20 }),
      String(client),
      JSON.stringify(client.api),
      inspect(client.api, { showHidden: true, depth: 20 }),
    ];
    server.enqueue(amazonError(401, 'InvalidSignature', 'bad signature'));
    const apiError = await client.getCharge('C1').catch((e: unknown) => e);
    server.enqueue({ body: { chargeAmount: 5 } });
    const validationError = await client.getCharge('C1').catch((e: unknown) => e);
    const inputError = await client.getCharge('').catch((e: unknown) => e);
    for (const error of [apiError, validationError, inputError]) {
      texts.push(String(error), inspect(error, { showHidden: true, depth: 20 }), JSON.stringify(error));
    }
    const secretPem = privateKeyPem.replace('PRIVATE KEY', 'PRIVATE KEY');
    let configError: unknown;
    try {
      new AmazonPayClient({
        region: 'eu',
        environment: 'sandbox',
        publicKeyId: 'AKEY',
        privateKey: secretPem.replace(/\n[A-Za-z0-9+/=]{10}/, '\n!!!!!!!!!!'),
      });
    } catch (error) {
      configError = error;
    }
    expect(configError).toBeInstanceOf(AmazonPayConfigError);
    texts.push(String(configError), inspect(configError, { showHidden: true, depth: 20 }));
    for (const text of texts) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(keyBody.slice(10, 40));
    }
  });
});

describe('shared operations', () => {
  it('generateButtonSignature returns the payload string and a signature that verifies', async () => {
    const client = await testClient(server.url);
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      storeId: 'amzn1.application-oa2-client.0000000000000000000000000000000a',
    };
    const result = await client.generateButtonSignature(payload);
    expect(result.payload).toBe(JSON.stringify(payload));
    const { publicKeyPem } = await testKeys();
    await expect(
      verifyButtonSignature(result.payload, result.signature, publicKeyPem),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(client.generateButtonSignature(42 as never)).rejects.toBeInstanceOf(
      AmazonPayRequestValidationError,
    );
  });

  it('every client class has getAuthorizationToken and the delivery tracker under both names', async () => {
    const { privateKeyPem } = await testKeys();
    for (const Client of [AmazonPayClient, WebStoreClient, InStoreClient]) {
      const client = new Client({
        region: 'eu',
        environment: 'live',
        publicKeyId: 'AKEY',
        privateKey: privateKeyPem,
        baseUrl: server.url,
        validateResponses: 'off',
      });
      server.requests.length = 0;
      await client.getAuthorizationToken('amzn.mws.00000000-0000-0000-0000-000000000000', 'A2MERCHANT');
      await client.deliveryTrackers(validBodies.deliveryTrackers);
      await client.sendDeliveryTrackingInformation(validBodies.deliveryTrackers);
      expect(server.requests.map((r) => `${r.method} ${r.rawUrl}`)).toEqual([
        'GET /live/v2/authorizationTokens/amzn.mws.00000000-0000-0000-0000-000000000000?merchantId=A2MERCHANT',
        'POST /live/v2/deliveryTrackers',
        'POST /live/v2/deliveryTrackers',
      ]);
    }
  });

  it('InStoreClient aliases merchantScan, charge and refund', async () => {
    const { privateKeyPem } = await testKeys();
    const client = new InStoreClient({
      region: 'us',
      environment: 'sandbox',
      publicKeyId: 'AKEY',
      privateKey: privateKeyPem,
      baseUrl: server.url,
      validateResponses: 'off',
    });
    await client.merchantScan(validBodies.instoreMerchantScan);
    await client.charge(validBodies.instoreCharge);
    await client.refund(validBodies.instoreRefund);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/sandbox/v2/in-store/merchantScan',
      '/sandbox/v2/in-store/charge',
      '/sandbox/v2/in-store/refund',
    ]);
  });
});
