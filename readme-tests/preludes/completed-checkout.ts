// After a completed one-time checkout of 14.00 EUR with paymentIntent Authorize:
// `checkoutSessionId`, `chargePermissionId`, `chargeId` (Authorized, not captured) and `orderId`
// (your order number, unique per run: it doubles as an idempotency key).
import { STORE_ID as readmeStoreId, world as readmeWorld } from '../src/world.js';

const { checkoutSessionId, chargePermissionId, chargeId, orderId } = await (async () => {
  const { client, sim } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: readmeStoreId,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: 'https://shop.example/review',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
  });
  sim.approve(session.checkoutSessionId);
  const amount = { amount: '14.00', currencyCode: 'EUR' } as const;
  await client.updateCheckoutSession(session.checkoutSessionId, {
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: amount },
  });
  sim.approve(session.checkoutSessionId);
  const completed = await client.completeCheckoutSession(session.checkoutSessionId, { chargeAmount: amount });
  return {
    checkoutSessionId: session.checkoutSessionId,
    chargePermissionId: completed.chargePermissionId!,
    chargeId: completed.chargeId!,
    orderId: `order-${crypto.randomUUID().slice(0, 8)}`,
  };
})();
