/**
 * The same call through each door of one client — a typed method, `withResponse` and `client.api` —
 * against the same server answer: each door must end the same way (issue 17's "Found" table, then
 * the request and result rules the doors share). `client.api` throws the typed errors the methods
 * throw; it never resolves with a truthy `error` or with a result that only looks like a success.
 */
import { verifyRequest } from '@amazon-pay-ts/signer';
import { describe, expect, it } from 'vitest';
import {
  AmazonPayAbortError,
  type AmazonPayClient,
  type AmazonPayError,
  AmazonPayMalformedResponseError,
  AmazonPayNotFoundError,
  AmazonPayRedirectError,
  AmazonPayRequestValidationError,
  AmazonPayServiceError,
  AmazonPayTimeoutError,
} from '../src/index.js';
import { recordingLogger, testClient, testKeys } from './support/client.js';
import { chargePayload, multiAddressCheckoutSessionPayload } from './support/payloads.js';
import { headerRecord, startTestServer, useTestServer } from './support/server.js';

const server = useTestServer(() => ({ status: 200, body: chargePayload }));

const chargeId = 'S01-1111111-2222222-C000001';
const usd = { amount: '14.00', currencyCode: 'USD' } as const;

type Door = (client: AmazonPayClient, key?: string) => Promise<unknown>;

/** captureCharge through each door; `key` is sent as the idempotency key when given. */
const capture = (captureAmount: { amount: string; currencyCode: string }): Record<string, Door> => ({
  'typed method': (client, key) =>
    client.captureCharge(chargeId, { captureAmount } as never, key ? { idempotencyKey: key } : undefined),
  withResponse: (client, key) =>
    client.withResponse
      .captureCharge(chargeId, { captureAmount } as never, key ? { idempotencyKey: key } : undefined)
      .then((result) => result.data),
  'client.api': (client, key) =>
    client.api
      .POST('/v2/charges/{chargeId}/capture', {
        params: { path: { chargeId }, ...(key ? { header: { 'x-amz-pay-idempotency-key': key } } : {}) },
        body: { captureAmount } as never,
      })
      .then((result) => {
        // A door that resolves must resolve with a real result, never with an error to look for.
        expect(result.error).toBeUndefined();
        return result.data;
      }),
});

const doors = Object.entries(capture(usd));

/** The rejection of `promise`, checked to be an instance of `type`. */
async function rejectionOf<E>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => new Error('expected a rejection, the call resolved'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describe.each(doors)('the Found table, through %s', (_door, call) => {
  it('200 with an empty body is AmazonPayMalformedResponseError carrying the key', async () => {
    const client = await testClient(server.url);
    server.enqueue({ status: 200, body: '', headers: { 'content-length': '0' } });
    const error = await rejectionOf(call(client, 'capture-key-1'), AmazonPayMalformedResponseError);
    expect(error).toMatchObject({
      operationId: 'captureCharge',
      method: 'POST',
      idempotencyKey: 'capture-key-1',
      mayHaveSucceeded: true,
      rawBody: '',
    });
  });

  it('200 with a text/html login page is AmazonPayMalformedResponseError, not a SyntaxError', async () => {
    const client = await testClient(server.url);
    const page = '<html><body>Please log in</body></html>';
    server.enqueue({ status: 200, body: page, headers: { 'content-type': 'text/html' } });
    const error = await rejectionOf(call(client), AmazonPayMalformedResponseError);
    expect(error.rawBody).toBe(page);
    expect(error.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each(['null', '[]', '"captured"', '1'])(
    '200 application/json %s is AmazonPayMalformedResponseError in every validation mode',
    async (body) => {
      for (const validateResponses of ['off', 'warn', 'strict'] as const) {
        const client = await testClient(server.url, { validateResponses });
        server.enqueue({ status: 200, body, headers: { 'content-type': 'application/json' } });
        const error = await rejectionOf(call(client, 'capture-key-json'), AmazonPayMalformedResponseError);
        expect(error).toMatchObject({
          idempotencyKey: 'capture-key-json',
          mayHaveSucceeded: true,
          rawBody: body,
        });
        expect(error.issues[0]?.message).toMatch(/^is JSON .+, not an object$/);
      }
    },
  );

  it('302 to another host is AmazonPayRedirectError, and the redirect is not followed', async () => {
    const client = await testClient(server.url);
    const elsewhere = await startTestServer();
    try {
      server.enqueue({ status: 302, body: '', headers: { location: `${elsewhere.url}/captured` } });
      const error = await rejectionOf(call(client, 'capture-key-2'), AmazonPayRedirectError);
      expect(error).toMatchObject({
        status: 302,
        location: `${elsewhere.url}/captured`,
        idempotencyKey: 'capture-key-2',
        mayHaveSucceeded: true,
      });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('a zero JPY capture is refused before the network', async () => {
    const client = await testClient(server.url);
    const door = capture({ amount: '0', currencyCode: 'JPY' })[_door]!;
    const error = await rejectionOf(door(client), AmazonPayRequestValidationError);
    expect(error.operationId).toBe('captureCharge');
    expect(error.issues).toEqual([{ path: 'captureAmount.amount', message: 'must be greater than 0' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('JPY with decimals and amounts above the maximum are refused before the network', async () => {
    const client = await testClient(server.url);
    for (const amount of [
      { amount: '705.00', currencyCode: 'JPY' },
      { amount: '150000.01', currencyCode: 'USD' },
    ]) {
      const error = await rejectionOf(capture(amount)[_door]!(client), AmazonPayRequestValidationError);
      expect(error.issues[0]?.path).toBe('captureAmount.amount');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('a 4xx is the typed API error, and a 5xx after every retry too', async () => {
    const client = await testClient(server.url, { maxRetries: 1 });
    server.enqueue({ status: 404, body: { reasonCode: 'ResourceNotFound', message: 'no such charge' } });
    const missing = await rejectionOf(call(client), AmazonPayNotFoundError);
    expect(missing).toMatchObject({ status: 404, reasonCode: 'ResourceNotFound', mayHaveSucceeded: false });
    server.enqueue({ status: 503 }, { status: 503 });
    const failing = await rejectionOf(call(client, 'capture-key-3'), AmazonPayServiceError);
    expect(failing).toMatchObject({ retries: 1, idempotencyKey: 'capture-key-3', mayHaveSucceeded: true });
  });

  it('a success is the charge, checked against the spec', async () => {
    const logger = recordingLogger();
    const client = await testClient(server.url, { logger });
    server.enqueue({ body: { ...chargePayload, chargeAmount: 5 } });
    const charge = await call(client);
    expect(charge).toMatchObject({ chargeId: chargePayload.chargeId, chargeAmount: 5 });
    expect(logger.warnings).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ operationId: 'captureCharge' }) }),
    ]);
  });
});

describe('client.api applies the same conversions as the methods', () => {
  it('sends a Date in a body date-time as Amazon writes it', async () => {
    const client = await testClient(server.url, { validateResponses: 'off' });
    await client.api.POST('/v2/reports', {
      body: {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
        startTime: new Date('2022-12-25T15:06:30Z') as never,
        endTime: '20230223T111530Z',
      },
    });
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({
      startTime: '20221225T150630Z',
      endTime: '20230223T111530Z',
    });
  });

  it('sends a Date in a query date-time as Amazon writes it, and lists comma-separated', async () => {
    const client = await testClient(server.url, { validateResponses: 'off' });
    server.enqueue({ body: { reports: [] } });
    await client.api.GET('/v2/reports', {
      params: {
        query: {
          createdSince: new Date('2026-10-01T00:00:00Z') as never,
          reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_'] as never,
        },
      },
    });
    expect(server.requests[0]!.query.get('createdSince')).toBe('20261001T000000Z');
  });

  it('decodes shippingAddressList', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ body: multiAddressCheckoutSessionPayload });
    const { data } = await client.api.GET('/v2/checkoutSessions/{checkoutSessionId}', {
      params: { path: { checkoutSessionId: 'bd504926-f659-4ad7-a1a9-9a747aaf5275' } },
    });
    expect(data?.shippingAddressList).toEqual([
      expect.objectContaining({ addressId: 'amzn1.address.A1', city: 'Shibuya-ku' }),
      expect.objectContaining({ addressId: 'amzn1.address.A2', postalCode: '530-0001' }),
    ]);
  });

  it('unwraps a report schedule Amazon wraps in a one-entry list', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    const schedule = {
      reportScheduleId: 'sched-1',
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
      scheduleFrequency: 'P14D',
      nextReportCreationTime: '20261114T074550Z',
    };
    for (const body of [{ reportSchedules: [schedule] }, schedule]) {
      server.enqueue({ body }, { body });
      const { data } = await client.api.GET('/v2/report-schedules/{reportScheduleId}', {
        params: { path: { reportScheduleId: 'sched-1' } },
      });
      expect(data).toEqual(schedule);
      expect(await client.getReportScheduleById('sched-1')).toEqual(schedule);
    }
  });

  it('checks the body against the schema, naming the field', async () => {
    const client = await testClient(server.url);
    const error = await rejectionOf(
      client.api.POST('/v2/refunds', {
        body: { chargeId, refundAmount: { amount: 'lots', currencyCode: 'USD' } },
      }),
      AmazonPayRequestValidationError,
    );
    expect(error.operationId).toBe('createRefund');
    expect(error.issues[0]?.path).toBe('refundAmount.amount');
    expect(server.requests).toHaveLength(0);
  });
});

describe('client.api: the rest of its surface', () => {
  it('use() adds middleware before the signer: what it adds is signed, on every attempt', async () => {
    const client = await testClient(server.url, { validateResponses: 'off', maxRetries: 1 });
    let calls = 0;
    const middleware = {
      onRequest({ request }: { request: Request }) {
        calls += 1;
        request.headers.set('x-amz-pay-merchant-note', `attempt-${calls}`);
        return request;
      },
    };
    client.api.use(middleware);
    server.enqueue({ status: 503 }, { body: chargePayload });
    await client.getCharge(chargeId);
    expect(calls).toBe(2);
    const { publicKeyPem } = await testKeys();
    for (const [index, request] of server.requests.entries()) {
      expect(request.headers['x-amz-pay-merchant-note']).toBe(`attempt-${index + 1}`);
      expect(request.headers.authorization).toContain('x-amz-pay-merchant-note');
      const verdict = await verifyRequest(
        {
          method: request.method,
          url: request.url,
          headers: headerRecord(request.headers),
          body: request.body,
        },
        publicKeyPem,
      );
      expect(verdict.ok).toBe(true);
    }
    client.api.eject(middleware);
    server.requests.length = 0;
    await client.getCharge(chargeId);
    expect(server.requests[0]?.headers['x-amz-pay-merchant-note']).toBeUndefined();
  });

  it('refuses options that would take a call around the pipeline (another host, fetch, middleware)', async () => {
    const client = await testClient(server.url);
    const elsewhere = await startTestServer();
    try {
      for (const option of [
        { baseUrl: elsewhere.url },
        { fetch: globalThis.fetch },
        { middleware: [] },
        { parseAs: 'text' },
      ]) {
        const error = await rejectionOf(
          client.api.GET('/v2/charges/{chargeId}', { params: { path: { chargeId } }, ...option } as never),
          AmazonPayRequestValidationError,
        );
        expect(error.issues[0]?.path).toBe(Object.keys(option)[0]);
      }
      expect(elsewhere.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses a path that is no operation of the spec', async () => {
    const client = await testClient(server.url);
    const error = await rejectionOf(
      client.api.GET('/v2/nothing-here' as never, {} as never),
      AmazonPayRequestValidationError,
    );
    expect(error.issues).toEqual([
      { path: '(operation)', message: 'is not an operation of Amazon Pay API v2' },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('checks headers and the idempotency key the way the methods check their options', async () => {
    const client = await testClient(server.url);
    const tooLong = await rejectionOf(
      client.api.POST('/v2/refunds', {
        params: { header: { 'x-amz-pay-idempotency-key': 'k'.repeat(33) } },
        body: { chargeId, refundAmount: usd },
      }),
      AmazonPayRequestValidationError,
    );
    expect(tooLong.issues[0]?.path).toBe('headers.x-amz-pay-idempotency-key');
    const badValue = await rejectionOf(
      client.api.GET('/v2/charges/{chargeId}', {
        params: { path: { chargeId } },
        headers: { 'x-note': 'a\r\nb' },
      }),
      AmazonPayRequestValidationError,
    );
    expect(badValue.issues[0]?.path).toBe('headers.x-note');
    expect(server.requests).toHaveLength(0);
  });
});

describe('what a custom fetch raises', () => {
  it('its own abort or timeout becomes the typed error, with the request it belongs to', async () => {
    const cases: [string, typeof AmazonPayError][] = [
      ['AbortError', AmazonPayAbortError],
      ['TimeoutError', AmazonPayTimeoutError],
    ];
    for (const [name, ErrorClass] of cases) {
      const client = await testClient(server.url, {
        fetch: async () => {
          throw new DOMException('gave up', name);
        },
      });
      const error = await rejectionOf(client.createRefund({ chargeId, refundAmount: usd }), ErrorClass);
      expect(error).toMatchObject({ operationId: 'createRefund', method: 'POST', mayHaveSucceeded: true });
      expect(error.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
      expect(error.cause).toBeInstanceOf(DOMException);
    }
  });
});

describe('a middleware that reads the answer', () => {
  it('must read a clone: a consumed 2xx body is its mistake, raised at once, not retried as a lost reply', async () => {
    const client = await testClient(server.url, { maxRetries: 2 });
    const seen: unknown[] = [];
    client.api.use({
      async onResponse({ response }) {
        seen.push(await response.clone().json());
        return undefined;
      },
    });
    expect(await client.getCharge(chargeId)).toMatchObject({ chargeId: chargePayload.chargeId });
    expect(seen).toEqual([chargePayload]);
    const greedy = await testClient(server.url, { maxRetries: 2 });
    greedy.api.use({
      async onResponse({ response }) {
        await response.text();
        return undefined;
      },
    });
    server.requests.length = 0;
    await expect(greedy.getCharge(chargeId)).rejects.toThrow(/read a response\.clone\(\)/);
    expect(server.requests).toHaveLength(1);
  });
});
