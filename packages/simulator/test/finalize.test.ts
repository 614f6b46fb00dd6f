import { randomUUID } from 'node:crypto';
import type { CreateCheckoutSessionRequest } from '@amazon-pay-ts/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, PHP_README_ADDRESS, signedFetch, startWorld, type TestWorld } from './helpers.js';

/**
 * Finalize Checkout Session as Amazon documents it: the body Amazon's own samples send (its Finalize
 * doc and the PHP and Java READMEs: `null` address parts, `"billingAddress": null`,
 * `"canHandlePendingAuthorization": "false"`), and "for PayAndShip use cases, the shippingAddress is
 * also required and must match the address shared by Amazon. For PayOnly use cases, the same
 * requirement exists for the billingAddress" (Amazon Pay Buy Now guide, Verify & complete checkout).
 */
let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const key = () => ({ 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') });

/** A session the buyer approved at `shippingAddress`, with an amount set, ready to finalize. */
async function approvedSession(
  amount: string,
  shippingAddress?: Partial<typeof PHP_README_ADDRESS>,
  body: CreateCheckoutSessionRequest = createBody,
) {
  const { checkoutSessionId } = await world.client.createCheckoutSession({
    ...body,
    paymentDetails: { chargeAmount: { amount, currencyCode: 'USD' } },
  });
  world.sim.approve(checkoutSessionId, shippingAddress ? { shippingAddress } : {});
  return checkoutSessionId;
}

const finalize = (id: string, body: object) =>
  signedFetch(world, `/v2/checkoutSessions/${id}/finalize`, { headers: key(), body });

describe('finalizeCheckoutSession', () => {
  it("accepts the PHP SDK README's sample body unchanged", async () => {
    const id = await approvedSession('10.00', PHP_README_ADDRESS);
    const answer = await finalize(id, {
      shippingAddress: PHP_README_ADDRESS,
      billingAddress: null,
      chargeAmount: { amount: '10', currencyCode: 'USD' },
      totalOrderAmount: { amount: '10', currencyCode: 'USD' },
      paymentIntent: 'Confirm',
      canHandlePendingAuthorization: 'false',
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      statusDetails: { state: 'Completed' },
      paymentDetails: { canHandlePendingAuthorization: false },
    });
  });

  it('accepts the addresses exactly as getCheckoutSession returned them, nulls included', async () => {
    const id = await approvedSession('12.00');
    const session = await world.client.getCheckoutSession(id);
    expect(session.shippingAddress).toMatchObject({ addressLine3: null, county: null, district: null });
    const answer = await finalize(id, {
      shippingAddress: session.shippingAddress,
      billingAddress: session.billingAddress,
      chargeAmount: { amount: '12.00', currencyCode: 'USD' },
      paymentIntent: 'AuthorizeWithCapture',
      canHandlePendingAuthorization: 'true',
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({ paymentDetails: { canHandlePendingAuthorization: true } });
  });

  it('refuses a PayAndShip finalize without the shipping address', async () => {
    const id = await approvedSession('10.00');
    for (const shippingAddress of [undefined, null]) {
      const answer = await finalize(id, {
        shippingAddress,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
        paymentIntent: 'Confirm',
      });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json).toMatchObject({ reasonCode: 'MissingParameterValue' });
      expect(String(answer.json.message)).toContain('shippingAddress');
    }
    expect((await world.client.getCheckoutSession(id)).statusDetails?.state).toBe('Open');
  });

  it('refuses a shipping address other than the one the buyer chose, naming the field', async () => {
    const id = await approvedSession('10.00', PHP_README_ADDRESS);
    const answer = await finalize(id, {
      shippingAddress: { ...PHP_README_ADDRESS, addressLine1: '11 Ditka Ave' },
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
      paymentIntent: 'Confirm',
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(answer.json.message)).toContain('shippingAddress.addressLine1');
    expect((await world.client.getCheckoutSession(id)).statusDetails?.state).toBe('Open');
  });

  it('requires and checks the billing address of a PayOnly checkout', async () => {
    const payOnly: CreateCheckoutSessionRequest = {
      storeId: createBody.storeId,
      webCheckoutDetails: {
        checkoutMode: 'ProcessOrder',
        checkoutResultReturnUrl: 'https://merchant.example/result',
      },
    };
    const id = await approvedSession('7.00', undefined, payOnly);
    const session = await world.client.getCheckoutSession(id);
    expect(session.productType).toBe('PayOnly');
    const base = { chargeAmount: { amount: '7.00', currencyCode: 'USD' }, paymentIntent: 'Confirm' };
    const missing = await finalize(id, base);
    expect(missing.json, missing.text).toMatchObject({ reasonCode: 'MissingParameterValue' });
    expect(String(missing.json.message)).toContain('billingAddress');
    const wrong = await finalize(id, {
      ...base,
      billingAddress: { ...session.billingAddress, postalCode: '00000' },
    });
    expect(wrong.json, wrong.text).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(wrong.json.message)).toContain('billingAddress.postalCode');
    const ok = await finalize(id, { ...base, billingAddress: session.billingAddress });
    expect(ok.status, ok.text).toBe(200);
  });
});
