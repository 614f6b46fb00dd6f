/**
 * Per-call options on every door (issue 22 item 3): `timeoutMs` and `maxRetries` override the
 * client's for one call, and `simulationCode` takes only the codes the spec declares for the
 * operation — a typo fails to compile on the typed methods, `withResponse` and `client.api` (the
 * header's type comes from the spec), and an untyped caller's typo is refused before anything is sent.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AmazonPayClient,
  AmazonPayRequestValidationError,
  AmazonPayServiceError,
  AmazonPayTimeoutError,
  type CallOptions,
  type SimulationCode,
  type SimulationCodeOf,
} from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { testClient } from './support/client.js';
import { chargePayload } from './support/payloads.js';
import { useTestServer } from './support/server.js';

const server = useTestServer(() => ({ status: 200, body: chargePayload }));

interface PerCall {
  timeoutMs?: number;
  maxRetries?: number;
  simulationCode?: string;
}

type Door = (client: AmazonPayClient, options: PerCall) => Promise<unknown>;

/** createCharge through each door with the same per-call options. */
const doors: Record<string, Door> = {
  'typed method': (client, { simulationCode, ...limits }) =>
    client.createCharge(validBodies.createCharge, {
      ...limits,
      ...(simulationCode === undefined ? {} : { simulationCode: simulationCode as never }),
    }),
  withResponse: (client, { simulationCode, ...limits }) =>
    client.withResponse.createCharge(validBodies.createCharge, {
      ...limits,
      ...(simulationCode === undefined ? {} : { simulationCode: simulationCode as never }),
    }),
  'client.api': (client, { simulationCode, ...limits }) =>
    client.api.POST('/v2/charges', {
      body: validBodies.createCharge,
      ...(simulationCode === undefined
        ? {}
        : { params: { header: { 'x-amz-pay-simulation-code': simulationCode as never } } }),
      ...limits,
    }),
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection, the call resolved'),
    (reason: unknown) => reason,
  );
}

describe.each(Object.entries(doors))('per-call options through %s', (_door, call) => {
  it('maxRetries: 0 sends a call once although the client retries', async () => {
    const client = await testClient(server.url, { maxRetries: 3 });
    server.enqueue({ status: 503, body: { reasonCode: 'ServiceUnavailable', message: 'busy' } });
    const error = await rejection(call(client, { maxRetries: 0 }));
    expect(error).toBeInstanceOf(AmazonPayServiceError);
    expect(server.requests).toHaveLength(1);
  });

  it('maxRetries: 2 retries a call although the client does not', async () => {
    const client = await testClient(server.url, { maxRetries: 0 });
    server.enqueue(
      { status: 503, body: { reasonCode: 'ServiceUnavailable', message: 'busy' } },
      { status: 503, body: { reasonCode: 'ServiceUnavailable', message: 'busy' } },
    );
    await call(client, { maxRetries: 2 });
    expect(server.requests).toHaveLength(3);
    // Every attempt carries the one idempotency key of the call.
    expect(new Set(server.requests.map((r) => r.headers['x-amz-pay-idempotency-key'])).size).toBe(1);
  });

  it('timeoutMs bounds this call instead of the client’s 60 s', async () => {
    const client = await testClient(server.url, { maxRetries: 0 });
    server.enqueue({ status: 200, body: chargePayload, delayMs: 5_000 });
    const error = await rejection(call(client, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect((error as AmazonPayTimeoutError).timeoutMs).toBe(300);
    expect((error as AmazonPayTimeoutError).mayHaveSucceeded).toBe(true);
  });

  it.each([
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['maxRetries', { maxRetries: 11 }],
    ['maxRetries', { maxRetries: 1.5 }],
  ] as const)('refuses %s %j before sending', async (name, options) => {
    const client = await testClient(server.url);
    const error = await rejection(call(client, options));
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    const paths = (error as AmazonPayRequestValidationError).issues.map((issue) => issue.path);
    expect(paths.some((path) => path.endsWith(name))).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('sends a simulation code the spec declares for the operation', async () => {
    const client = await testClient(server.url);
    await call(client, { simulationCode: 'HardDeclined' });
    expect(server.requests[0]?.headers['x-amz-pay-simulation-code']).toBe('HardDeclined');
  });

  it.each(['HardDeclinedd', 'ExpiredUnused'])(
    'refuses the simulation code %s, which createCharge does not have, before sending',
    async (code) => {
      const client = await testClient(server.url);
      const error = await rejection(call(client, { simulationCode: code }));
      expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
      expect((error as AmazonPayRequestValidationError).issues[0]?.message).toMatch(
        /is not a simulation code of createCharge; use one of HardDeclined, SoftDeclined/,
      );
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('simulation codes', () => {
  it('an operation without simulations refuses any code, on both door shapes', async () => {
    const client = await testClient(server.url);
    const viaMethod = await rejection(client.getReports({}, { simulationCode: 'HardDeclined' as never }));
    const viaApi = await rejection(
      client.api.GET('/v2/reports', {
        params: { header: { 'x-amz-pay-simulation-code': 'HardDeclined' } as never },
      }),
    );
    for (const error of [viaMethod, viaApi]) {
      expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
      expect((error as AmazonPayRequestValidationError).issues[0]?.message).toBe(
        'getReports has no sandbox simulations',
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it('are typed per operation from the spec', () => {
    expectTypeOf<SimulationCodeOf<'captureCharge'>>().toEqualTypeOf<
      'HardDeclined' | 'SoftDeclined' | 'AmazonRejected' | 'ProcessingFailure'
    >();
    expectTypeOf<SimulationCodeOf<'createRefund'>>().toEqualTypeOf<'RefundDeclined'>();
    expectTypeOf<SimulationCodeOf<'getReports'>>().toEqualTypeOf<never>();
    expectTypeOf<CallOptions<'getCharge'>['simulationCode']>().toEqualTypeOf<
      'ExpiredUnused' | 'AmazonCanceled' | undefined
    >();
    expectTypeOf<'RefundDeclined'>().toExtend<SimulationCode>();
    expectTypeOf<'HardDeclinedd'>().not.toExtend<SimulationCode>();
  });

  it("'HardDeclinedd' fails to compile on every door", async () => {
    const client = await testClient(server.url);
    const typeErrors = () => {
      // @ts-expect-error a typo of a simulation code
      void client.createCharge(validBodies.createCharge, { simulationCode: 'HardDeclinedd' });
      // @ts-expect-error a typo of a simulation code
      void client.withResponse.createCharge(validBodies.createCharge, { simulationCode: 'HardDeclinedd' });
      void client.api.POST('/v2/charges', {
        body: validBodies.createCharge,
        // @ts-expect-error a typo of a simulation code
        params: { header: { 'x-amz-pay-simulation-code': 'HardDeclinedd' } },
      });
      void client.captureCharge('S01-1', validBodies.captureCharge, {
        // @ts-expect-error a code of another operation
        simulationCode: 'TransactionTimedOut',
      });
      // @ts-expect-error getReports has no simulations
      void client.getReports({}, { simulationCode: 'HardDeclined' });
      // @ts-expect-error per-call limits are numbers
      void client.getCharge('S01-1', { timeoutMs: '5s' });
    };
    // Declared codes compile on every door.
    const compiles = () => {
      void client.createCharge(validBodies.createCharge, { simulationCode: 'HardDeclined', maxRetries: 0 });
      void client.withResponse.getCharge('S01-1', { simulationCode: 'ExpiredUnused', timeoutMs: 5_000 });
      void client.api.POST('/v2/refunds', {
        body: validBodies.createRefund,
        params: { header: { 'x-amz-pay-simulation-code': 'RefundDeclined' } },
      });
    };
    expect([typeof typeErrors, typeof compiles]).toEqual(['function', 'function']);
  });
});
