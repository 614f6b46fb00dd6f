import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, readySession, signedFetch, startWorld, type TestWorld, testKeyPair } from './helpers.js';

/**
 * Every object belongs to the merchant whose key created it; another merchant's key gets
 * 404 ResourceNotFound, as for an id that does not exist. Keys may share a merchant.
 */
let world: TestWorld;
beforeAll(async () => {
  const { publicKeyPem } = await testKeyPair();
  world = await startWorld({
    keys: [
      { publicKeyId: 'SANDBOX-OTHERMERCHANT', publicKey: publicKeyPem },
      { publicKeyId: 'SANDBOX-MERCHANTB-1', publicKey: publicKeyPem, merchantId: 'AMERCHANTB0001' },
      { publicKeyId: 'SANDBOX-MERCHANTB-2', publicKey: publicKeyPem, merchantId: 'AMERCHANTB0001' },
    ],
  });
});
afterAll(() => world.sim.close());

describe('merchant isolation', () => {
  it("answers 404 ResourceNotFound for another merchant's objects, reads and writes alike", async () => {
    const { client } = world;
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture' });
    const done = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const refund = await client.createRefund({
      chargeId: done.chargeId!,
      refundAmount: { amount: '1.00', currencyCode: 'USD' },
    });
    const other = { publicKeyId: 'SANDBOX-OTHERMERCHANT' };
    const key = { 'x-amz-pay-idempotency-key': 'isolation-1' };
    const attempts = [
      signedFetch(world, `/v2/checkoutSessions/${sessionId}`, other),
      signedFetch(world, `/v2/chargePermissions/${done.chargePermissionId}`, other),
      signedFetch(world, `/v2/charges/${done.chargeId}`, other),
      signedFetch(world, `/v2/refunds/${refund.refundId}`, other),
      signedFetch(world, '/v2/refunds', {
        ...other,
        headers: key,
        body: { chargeId: done.chargeId, refundAmount: { amount: '1.00', currencyCode: 'USD' } },
      }),
      signedFetch(world, `/v2/chargePermissions/${done.chargePermissionId}/close`, {
        ...other,
        method: 'DELETE',
        body: { closureReason: 'not mine' },
      }),
      signedFetch(world, '/v2/charges', {
        ...other,
        headers: { 'x-amz-pay-idempotency-key': 'isolation-2' },
        body: {
          chargePermissionId: done.chargePermissionId,
          chargeAmount: { amount: '1.00', currencyCode: 'USD' },
        },
      }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status, result.text).toBe(404);
      expect(result.json.reasonCode).toBe('ResourceNotFound');
    }
    expect((await client.getChargePermission(done.chargePermissionId!)).statusDetails?.state).toBe(
      'Chargeable',
    );
    expect(Object.values(world.sim.state.refunds).filter((r) => r.chargeId === done.chargeId)).toHaveLength(
      1,
    );
  });

  it('lets keys of the same merchant see each other’s objects', async () => {
    const created = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-1',
      headers: { 'x-amz-pay-idempotency-key': 'merchant-b-1' },
      body: {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/r' },
        storeId: 'amzn1.application-oa2-client.x',
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.json.checkoutSessionId);
    expect(
      (await signedFetch(world, `/v2/checkoutSessions/${id}`, { publicKeyId: 'SANDBOX-MERCHANTB-2' })).status,
    ).toBe(200);
    const error = await apiError(world.client.getCheckoutSession(id));
    expect(error).toMatchObject({ status: 404, reasonCode: 'ResourceNotFound' });
  });

  it('scopes idempotency keys to the merchant, as Amazon documents', async () => {
    const body = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/r' },
      storeId: 'amzn1.application-oa2-client.x',
    };
    const headers = { 'x-amz-pay-idempotency-key': 'shared-key-1' };
    const a = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-1',
      headers,
      body,
    });
    const b = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-2',
      headers,
      body,
    });
    const c = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-OTHERMERCHANT',
      headers,
      body,
    });
    expect(b.json.checkoutSessionId).toBe(a.json.checkoutSessionId);
    expect(c.status).toBe(201);
    expect(c.json.checkoutSessionId).not.toBe(a.json.checkoutSessionId);
  });
});
