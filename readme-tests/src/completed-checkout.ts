import { STORE_ID, world } from './world.js';

/** What a completed 14.00 EUR one-time checkout on the simulator leaves behind, for preludes. */
export interface CompletedCheckout {
  checkoutSessionId: string;
  chargePermissionId: string;
  /** The charge the completion made (Authorized, or Captured with AuthorizeWithCapture). */
  chargeId: string;
}

/**
 * A buyer's whole one-time checkout of 14.00 EUR on the harness's client: create, approve on the
 * simulated Amazon page, set the amount and intent, approve again, complete.
 */
export async function completedCheckout(
  paymentIntent: 'Authorize' | 'AuthorizeWithCapture',
): Promise<CompletedCheckout> {
  const { client, sim } = world();
  const session = await client.createCheckoutSession({
    storeId: STORE_ID,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: 'https://shop.example/review',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
  });
  sim.approve(session.checkoutSessionId);
  const amount = { amount: '14.00', currencyCode: 'EUR' } as const;
  await client.updateCheckoutSession(session.checkoutSessionId, {
    paymentDetails: { paymentIntent, chargeAmount: amount },
  });
  sim.approve(session.checkoutSessionId);
  const completed = await client.completeCheckoutSession(session.checkoutSessionId, { chargeAmount: amount });
  return {
    checkoutSessionId: session.checkoutSessionId,
    chargePermissionId: completed.chargePermissionId!,
    chargeId: completed.chargeId!,
  };
}
