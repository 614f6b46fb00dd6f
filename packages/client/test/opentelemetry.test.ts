/**
 * `@amazon-pay-ts/client/opentelemetry` (issue 22 item 1): the hooks as spans, checked with the
 * OpenTelemetry SDK's in-memory exporter — a call span per call, under the caller's active span, and
 * a CLIENT span per attempt with the HTTP client semantic conventions' attributes — on every door.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AmazonPayClient,
  AmazonPayNotFoundError,
  AmazonPayRequestValidationError,
} from '../src/index.js';
import { AMAZON_PAY_ATTRIBUTES, openTelemetryHooks } from '../src/opentelemetry.js';
import { testClient } from './support/client.js';
import { chargePayload } from './support/payloads.js';
import { useTestServer } from './support/server.js';

const server = useTestServer(() => ({ status: 200, body: chargePayload }));
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  contextManager.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const chargeId = 'S01-1111111-2222222-C000001';
const capture = { captureAmount: { amount: '14.00', currencyCode: 'USD' } } as const;
const tracedClient = (config = {}) =>
  testClient(server.url, { hooks: openTelemetryHooks({ tracerProvider: provider }), ...config });

/** The caller's own span, active around the call, as a service's request handler would have it. */
async function inParentSpan<T>(run: () => Promise<T>): Promise<{ result: T; parent: string }> {
  const tracer = provider.getTracer('merchant-service');
  return tracer.startActiveSpan('POST /checkout/confirm', async (parent) => {
    try {
      return { result: await run(), parent: parent.spanContext().spanId };
    } finally {
      parent.end();
    }
  });
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

const doors: Record<string, (client: AmazonPayClient) => Promise<unknown>> = {
  'typed method': (client) => client.captureCharge(chargeId, capture, { idempotencyKey: 'otel-key-1' }),
  withResponse: (client) =>
    client.withResponse.captureCharge(chargeId, capture, { idempotencyKey: 'otel-key-1' }),
  'client.api': (client) =>
    client.api.POST('/v2/charges/{chargeId}/capture', {
      params: { path: { chargeId }, header: { 'x-amz-pay-idempotency-key': 'otel-key-1' } },
      body: capture,
    }),
};

describe.each(Object.entries(doors))('spans through %s', (_door, call) => {
  it('a retried call: one call span under the caller’s span, one CLIENT span per attempt', async () => {
    const client = await tracedClient();
    server.enqueue({ status: 503, body: { reasonCode: 'ServiceUnavailable', message: 'busy' } });
    const { parent } = await inParentSpan(() => call(client));
    const spans = exporter.getFinishedSpans();
    const [callSpan] = byName(spans, 'Amazon Pay captureCharge');
    const attempts = byName(spans, 'POST /v2/charges/{chargeId}/capture');
    expect(callSpan).toBeDefined();
    expect(attempts).toHaveLength(2);
    expect(callSpan!.kind).toBe(SpanKind.INTERNAL);
    expect(parentOf(callSpan!)).toBe(parent);
    expect(callSpan!.spanContext().traceId).toBe(attempts[0]!.spanContext().traceId);
    const url = `${server.url}/sandbox/v2/charges/${chargeId}/capture`;
    const host = new URL(server.url);
    for (const attempt of attempts) {
      expect(attempt.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(attempt)).toBe(callSpan!.spanContext().spanId);
      expect(attempt.attributes).toMatchObject({
        'http.request.method': 'POST',
        'server.address': host.hostname,
        'server.port': Number(host.port),
        'url.full': url,
        'url.template': '/v2/charges/{chargeId}/capture',
        [AMAZON_PAY_ATTRIBUTES.operationId]: 'captureCharge',
        [AMAZON_PAY_ATTRIBUTES.idempotencyKey]: 'otel-key-1',
      });
    }
    expect(attempts[0]!.attributes).toMatchObject({
      'http.response.status_code': 503,
      'error.type': '503',
      [AMAZON_PAY_ATTRIBUTES.requestId]: 'req-1',
    });
    expect(attempts[0]!.attributes['http.request.resend_count']).toBeUndefined();
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[1]!.attributes).toMatchObject({
      'http.response.status_code': 200,
      'http.request.resend_count': 1,
      [AMAZON_PAY_ATTRIBUTES.requestId]: 'req-2',
    });
    expect(attempts[1]!.attributes['error.type']).toBeUndefined();
    expect(attempts[1]!.status.code).toBe(SpanStatusCode.UNSET);
    expect(callSpan!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.full': url,
      'http.response.status_code': 200,
      [AMAZON_PAY_ATTRIBUTES.operationId]: 'captureCharge',
      [AMAZON_PAY_ATTRIBUTES.requestId]: 'req-2',
      [AMAZON_PAY_ATTRIBUTES.idempotencyKey]: 'otel-key-1',
    });
    expect(callSpan!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('an API error: the attempt and the call end in error, the call with the client’s code', async () => {
    const client = await tracedClient();
    server.enqueue({ status: 404, body: { reasonCode: 'ResourceNotFound', message: 'no such charge' } });
    await expect(call(client)).rejects.toBeInstanceOf(AmazonPayNotFoundError);
    const spans = exporter.getFinishedSpans();
    const [attempt] = byName(spans, 'POST /v2/charges/{chargeId}/capture');
    const [callSpan] = byName(spans, 'Amazon Pay captureCharge');
    expect(attempt!.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
    expect(callSpan!.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': 'NOT_FOUND',
    });
    expect(callSpan!.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('spans of failures without an answer', () => {
  it('a reset attempt ends with its error’s name, the retry after it succeeds', async () => {
    const client = await tracedClient();
    server.enqueue({ hangUp: true });
    await client.getCharge(chargeId);
    const attempts = byName(exporter.getFinishedSpans(), 'GET /v2/charges/{chargeId}');
    expect(attempts.map((span) => span.attributes['error.type'])).toEqual(['TypeError', undefined]);
    expect(attempts[1]!.attributes['http.request.resend_count']).toBe(1);
  });

  it('a call refused before sending: a call span with its error, no attempt', async () => {
    const client = await tracedClient();
    await expect(
      client.captureCharge(chargeId, { captureAmount: { amount: '0', currencyCode: 'JPY' } }),
    ).rejects.toBeInstanceOf(AmazonPayRequestValidationError);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['Amazon Pay captureCharge']);
    expect(spans[0]!.attributes['error.type']).toBe('REQUEST_VALIDATION');
    expect(spans[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.requests).toHaveLength(0);
  });
});

describe('what the spans record', () => {
  it('no credential: no signature, delegated token or mwsAuthToken', async () => {
    const client = await tracedClient();
    await client.getCharge(chargeId, { authToken: 'Atza|delegated-secret' });
    server.fallback = () => ({ status: 200, body: { authorizationToken: 'Atza|issued-secret' } });
    await client.getAuthorizationToken('amzn.mws.secret-mws-token', 'A1MERCHANT');
    const recorded = JSON.stringify(
      exporter.getFinishedSpans().map((span) => [span.name, span.attributes, span.events, span.status]),
    );
    for (const secret of [
      'delegated-secret',
      'issued-secret',
      'secret-mws-token',
      'Signature=',
      'AMZN-PAY-RSASSA',
    ]) {
      expect(recorded).not.toContain(secret);
    }
    expect(recorded).toContain('/v2/authorizationTokens/[redacted]?merchantId=A1MERCHANT');
  });

  it('each page of client.paginate is a traced call', async () => {
    const client = await tracedClient({ validateResponses: 'off' });
    server.enqueue(
      { body: { reports: [{ reportId: 'r1' }], nextToken: 'page-2' } },
      { body: { reports: [{ reportId: 'r2' }], nextToken: null } },
    );
    await inParentSpan(async () => {
      for await (const _ of client.paginate.getReports()) {
        // consume
      }
    });
    const calls = byName(exporter.getFinishedSpans(), 'Amazon Pay getReports');
    expect(calls.map((span) => span.attributes['url.full'])).toEqual([
      `${server.url}/sandbox/v2/reports`,
      `${server.url}/sandbox/v2/reports?nextToken=page-2`,
    ]);
  });

  it('one set of hooks shared by two clients keeps their concurrent calls apart', async () => {
    const hooks = openTelemetryHooks({ tracerProvider: provider });
    const first = await testClient(server.url, { hooks });
    const second = await testClient(server.url, { hooks });
    // Both calls start before either is answered: their events interleave in the one set of hooks.
    await Promise.all([first.getCharge(chargeId), second.getCharge(chargeId)]);
    const spans = exporter.getFinishedSpans();
    const calls = byName(spans, 'Amazon Pay getCharge');
    const attempts = byName(spans, 'GET /v2/charges/{chargeId}');
    expect(calls).toHaveLength(2);
    expect(attempts).toHaveLength(2);
    const callIds = calls.map((span) => span.spanContext().spanId);
    expect(new Set(attempts.map(parentOf))).toEqual(new Set(callIds));
    for (const attempt of attempts) expect(attempt.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('without an SDK the global tracer is a no-op, and calls run as before', async () => {
    const client = await testClient(server.url, { hooks: openTelemetryHooks() });
    expect(trace.getTracerProvider()).toBeDefined();
    await expect(client.getCharge(chargeId)).resolves.toMatchObject({ chargeId: chargePayload.chargeId });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
