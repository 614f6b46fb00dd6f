import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createBody, readySession, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

describe('checkout session', () => {
  it('starts Open with constraints and Amazon-format fields', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    expect(session.checkoutSessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(session.statusDetails?.state).toBe('Open');
    expect(session.statusDetails?.lastUpdatedTimestamp).toMatch(/^\d{8}T\d{6}Z$/);
    expect(session.constraints?.map((c) => c.constraintId)).toEqual([
      'ChargeAmountNotSet',
      'PaymentIntentNotSet',
      'BuyerNotAssociated',
    ]);
    expect(session.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    expect(session.buyer).toBeNull();
    expect(session.releaseEnvironment).toBe('Sandbox');
  });

  it('runs sign-in, update, confirm and complete into a charge permission and an authorized charge', async () => {
    const { client, sim } = world;
    const created = await client.createCheckoutSession(createBody);
    const id = created.checkoutSessionId;
    sim.approve(id);
    const signedIn = await client.getCheckoutSession(id);
    expect(signedIn.buyer?.buyerId).toMatch(/^amzn1\.account\.[A-Z0-9]{28}$/);
    expect(signedIn.shippingAddress?.countryCode).toBe('US');
    expect(signedIn.paymentPreferences?.[0]?.paymentDescriptor).toContain('1111');
    const updated = await client.updateCheckoutSession(id, {
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: 14, currencyCode: 'USD' } },
    });
    expect(updated.constraints).toEqual([]);
    expect(updated.paymentDetails?.chargeAmount).toEqual({ amount: '14.00', currencyCode: 'USD' });
    expect(updated.webCheckoutDetails?.amazonPayRedirectUrl).toBe(
      `${sim.url}/checkout/processing?amazonCheckoutSessionId=${id}`,
    );
    sim.approve(id);
    const completed = await client.completeCheckoutSession(id, {
      chargeAmount: { amount: '14.00', currencyCode: 'USD' },
    });
    expect(completed.statusDetails?.state).toBe('Completed');
    expect(completed.chargePermissionId).toMatch(/^S01-\d{7}-\d{7}$/);
    expect(completed.chargeId).toBe(`${completed.chargePermissionId}-C000001`);
    const charge = await client.getCharge(completed.chargeId!);
    expect(charge.statusDetails?.state).toBe('Authorized');
    const permission = await client.getChargePermission(completed.chargePermissionId!);
    expect(permission.statusDetails?.state).toBe('Chargeable');
    expect(permission.limits?.amountLimit).toEqual({ amount: '16.10', currencyCode: 'USD' });
    expect(permission.limits?.amountBalance).toEqual({ amount: '2.10', currencyCode: 'USD' });
  });

  it('refuses to complete before the buyer confirmed at amazonPayRedirectUrl', async () => {
    const { client, sim } = world;
    const { checkoutSessionId: id } = await client.createCheckoutSession(createBody);
    sim.approve(id);
    await client.updateCheckoutSession(id, {
      paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
    });
    const error = await apiError(
      client.completeCheckoutSession(id, { chargeAmount: { amount: '5.00', currencyCode: 'USD' } }),
    );
    expect(error.status).toBe(422);
    expect(error.reasonCode).toBe('InvalidCheckoutSessionStatus');
    expect(error.message).toContain('amazonPayRedirectUrl');
  });

  it('rejects a complete amount that differs from the session', async () => {
    const id = await readySession(world, { amount: '20.00' });
    const error = await apiError(
      world.client.completeCheckoutSession(id, { chargeAmount: { amount: '21.00', currencyCode: 'USD' } }),
    );
    expect(error.status).toBe(400);
    expect(error.reasonCode).toBe('InvalidParameterValue');
    expect(error.message).toContain('chargeAmount.amount');
  });

  it('expires after 24 hours Open', async () => {
    const { client, sim } = world;
    const { checkoutSessionId: id } = await client.createCheckoutSession(createBody);
    sim.clock.advance(24 * 3600_000 + 1000);
    const session = await client.getCheckoutSession(id);
    expect(session.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'Expired' });
    const error = await apiError(
      client.updateCheckoutSession(id, { merchantMetadata: { merchantReferenceId: 'x' } }),
    );
    expect(error.reasonCode).toBe('CheckoutSessionCanceled');
  });
});
