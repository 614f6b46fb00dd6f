import type { paths } from '@amazon-pay-ts/types';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { AmazonPayClient, ApiPaths } from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { testClient } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let client: AmazonPayClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await testClient(server.url, { validateResponses: 'off' });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const KEY = /^[0-9a-f]{32}$/;

describe('client.api and the idempotency key', () => {
  it('create POSTs typecheck without x-amz-pay-idempotency-key; the middleware sends one', async () => {
    await client.api.POST('/v2/charges', { body: validBodies.createCharge });
    await client.api.POST('/v2/checkoutSessions', {
      body: validBodies.createCheckoutSession,
      params: { header: { 'x-amz-pay-authtoken': 'delegated-token' } },
    });
    await client.api.POST('/v2/charges/{chargeId}/capture', {
      params: { path: { chargeId: 'S01-1' } },
      body: validBodies.captureCharge,
    });
    expect(server.requests.map((r) => r.headers['x-amz-pay-idempotency-key'])).toEqual([
      expect.stringMatching(KEY),
      expect.stringMatching(KEY),
      expect.stringMatching(KEY),
    ]);
  });

  it('an explicit key is still typed and sent as given', async () => {
    await client.api.POST('/v2/refunds', {
      params: { header: { 'x-amz-pay-idempotency-key': 'my-key-1' } },
      body: validBodies.createRefund,
    });
    expect(server.requests[0]?.headers['x-amz-pay-idempotency-key']).toBe('my-key-1');
  });

  it('only that header becomes optional: paths, bodies and header types stay as the spec says', () => {
    type CreateCharge = ApiPaths['/v2/charges']['post'];
    expectTypeOf<CreateCharge['parameters']['header']>().toEqualTypeOf<
      | {
          'x-amz-pay-idempotency-key'?: string;
          'x-amz-pay-authtoken'?: string;
          'x-amz-pay-simulation-code'?:
            | 'HardDeclined'
            | 'SoftDeclined'
            | 'AmazonRejected'
            | 'ProcessingFailure'
            | 'TransactionTimedOut'
            | 'AuthorizationInitiated'
            | 'CaptureInitiated';
          // Signed and SDK metadata headers: declared by the spec, set by the signer, never required.
          'x-amz-pay-date'?: string;
          'x-amz-pay-host'?: string;
          'x-amz-pay-region'?: string;
          authorization?: string;
          'x-amz-pay-sdk-type'?: string;
          'x-amz-pay-sdk-version'?: string;
          'x-amz-pay-language-version'?: string;
          'x-amz-pay-platform-version'?: string;
          'x-amz-pay-integrator-id'?: string;
          'x-amz-pay-integrator-version'?: string;
        }
      | undefined
    >();
    expectTypeOf<CreateCharge['requestBody']>().toEqualTypeOf<paths['/v2/charges']['post']['requestBody']>();
    expectTypeOf<CreateCharge['responses']>().toEqualTypeOf<paths['/v2/charges']['post']['responses']>();
    expectTypeOf<ApiPaths['/v2/charges/{chargeId}']['get']>().toEqualTypeOf<
      paths['/v2/charges/{chargeId}']['get']
    >();
    expectTypeOf<ApiPaths['/v2/charges/{chargeId}']['patch']>().toEqualTypeOf<
      paths['/v2/charges/{chargeId}']['patch']
    >();
    expectTypeOf<keyof ApiPaths>().toEqualTypeOf<keyof paths>();

    const typeErrors = () => {
      // @ts-expect-error the body is still required
      void client.api.POST('/v2/charges', {});
      // @ts-expect-error path ids are still required
      void client.api.POST('/v2/charges/{chargeId}/capture', { body: validBodies.captureCharge });
      void client.api.POST('/v2/charges', {
        // @ts-expect-error the key is still a string
        params: { header: { 'x-amz-pay-idempotency-key': 42 } },
        body: validBodies.createCharge,
      });
    };
    expect(typeof typeErrors).toBe('function');
  });
});
