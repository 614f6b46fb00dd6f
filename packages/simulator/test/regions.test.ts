import { WebStoreClient } from '@amazon-pay-ts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createBody, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

function clientFor(region: 'eu' | 'jp', environment?: 'live') {
  return new WebStoreClient({
    region,
    ...(environment ? { environment } : {}),
    publicKeyId: environment ? 'AEXAMPLEPLAINKEYID' : world.publicKeyId,
    privateKey: world.privateKeyPem,
    baseUrl: world.sim.url,
    validateResponses: 'strict',
    maxRetries: 0,
  });
}

async function checkout(client: WebStoreClient, amount: string, currencyCode: 'EUR' | 'JPY') {
  const { checkoutSessionId: id } = await client.createCheckoutSession(createBody);
  world.sim.approve(id);
  await client.updateCheckoutSession(id, {
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount, currencyCode } },
  });
  world.sim.approve(id);
  return client.completeCheckoutSession(id, { chargeAmount: { amount, currencyCode } });
}

describe('regions, currencies and environments', () => {
  it('EU requests get S02 ids and an EU sandbox buyer', async () => {
    const client = clientFor('eu');
    const done = await checkout(client, '19.90', 'EUR');
    expect(done.chargePermissionId).toMatch(/^S02-\d{7}-\d{7}$/);
    expect(done.shippingAddress?.countryCode).toBe('DE');
  });

  it('JP requests get S03 ids and yen amounts without decimals', async () => {
    const client = clientFor('jp');
    const done = await checkout(client, '1500', 'JPY');
    expect(done.chargePermissionId).toMatch(/^S03-/);
    const charge = await client.getCharge(done.chargeId!);
    expect(charge.chargeAmount).toEqual({ amount: '1500', currencyCode: 'JPY' });
    const permission = await client.getChargePermission(done.chargePermissionId!);
    expect(permission.limits?.amountLimit).toEqual({ amount: '1725', currencyCode: 'JPY' });
  });

  it('live requests get P ids and releaseEnvironment Live', async () => {
    world.sim.addKey({ publicKeyId: 'AEXAMPLEPLAINKEYID', publicKey: world.publicKeyPem });
    const client = clientFor('eu', 'live');
    const done = await checkout(client, '5.00', 'EUR');
    expect(done.chargePermissionId).toMatch(/^P02-/);
    expect(done.releaseEnvironment).toBe('Live');
  });

  it('finalizeCheckoutSession completes a JS-flow session and checks the amount', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession({
      ...createBody,
      paymentDetails: { chargeAmount: { amount: '8.00', currencyCode: 'USD' } },
    });
    const early = await apiError(
      world.client.finalizeCheckoutSession(id, {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '8.00', currencyCode: 'USD' },
      }),
    );
    expect(early).toMatchObject({ status: 422, reasonCode: 'InvalidCheckoutSessionStatus' });
    world.sim.approve(id);
    // PayAndShip: finalize carries the shipping address Amazon shared (see finalize.test.ts).
    const { shippingAddress: address } = await world.client.getCheckoutSession(id);
    const shared = {
      ...address,
      name: address!.name!,
      addressLine1: address!.addressLine1!,
      countryCode: 'US',
    };
    const wrong = await apiError(
      world.client.finalizeCheckoutSession(id, {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '9.00', currencyCode: 'USD' },
        shippingAddress: shared,
      }),
    );
    expect(wrong.reasonCode).toBe('InvalidParameterValue');
    expect(wrong.message).toContain('chargeAmount');
    const done = await world.client.finalizeCheckoutSession(id, {
      paymentIntent: 'Authorize',
      chargeAmount: { amount: '8.00', currencyCode: 'USD' },
      shippingAddress: shared,
    });
    expect(done.statusDetails?.state).toBe('Completed');
    expect((await world.client.getCharge(done.chargeId!)).statusDetails?.state).toBe('Authorized');
  });

  it('a one-time charge permission closes as Expired after 180 days', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession(createBody);
    world.sim.approve(id);
    await world.client.updateCheckoutSession(id, {
      paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: '3.00', currencyCode: 'USD' } },
    });
    world.sim.approve(id);
    const done = await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '3.00', currencyCode: 'USD' },
    });
    const permission = await world.client.getChargePermission(done.chargePermissionId!);
    expect(permission.expirationTimestamp).toMatch(/^\d{8}T\d{6}Z$/);
    world.sim.clock.advance(180 * 24 * 3600_000 + 1000);
    const expired = await world.client.getChargePermission(done.chargePermissionId!);
    expect(expired.statusDetails).toMatchObject({ state: 'Closed', reasons: [{ reasonCode: 'Expired' }] });
  });

  it('a recurring charge permission lives 13 months, renewed by each charge', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession({
      ...createBody,
      chargePermissionType: 'Recurring',
      recurringMetadata: { frequency: { unit: 'Month', value: 1 } },
    });
    world.sim.approve(id);
    await world.client.updateCheckoutSession(id, {
      paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: '9.99', currencyCode: 'USD' } },
    });
    world.sim.approve(id);
    const done = await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '9.99', currencyCode: 'USD' },
    });
    const permissionId = done.chargePermissionId!;
    const day = 24 * 3600_000;
    world.sim.clock.advance(300 * day);
    await world.client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: { amount: '9.99', currencyCode: 'USD' },
      captureNow: true,
    });
    world.sim.clock.advance(300 * day);
    expect((await world.client.getChargePermission(permissionId)).statusDetails?.state).toBe('Chargeable');
    world.sim.clock.advance(100 * day);
    expect((await world.client.getChargePermission(permissionId)).statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'Expired' }],
    });
  });

  it('a completed session answers complete again with the same result', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession(createBody);
    world.sim.approve(id);
    await world.client.updateCheckoutSession(id, {
      paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: '3.00', currencyCode: 'USD' } },
    });
    world.sim.approve(id);
    const first = await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '3.00', currencyCode: 'USD' },
    });
    const again = await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '3.00', currencyCode: 'USD' },
    });
    expect(again.chargePermissionId).toBe(first.chargePermissionId);
    const update = await apiError(
      world.client.updateCheckoutSession(id, { merchantMetadata: { merchantReferenceId: 'late' } }),
    );
    expect(update).toMatchObject({ status: 422, reasonCode: 'InvalidCheckoutSessionStatus' });
  });
});
