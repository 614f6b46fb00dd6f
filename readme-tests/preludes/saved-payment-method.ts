// `chargePermissionId`: a PaymentMethodOnFile charge permission (the buyer saved a payment method
// with a setup-only checkout), in EUR.
import { STORE_ID as readmeStoreId, world as readmeWorld } from '../src/world.js';

const chargePermissionId = await (async () => {
  const { client, sim } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: readmeStoreId,
    chargePermissionType: 'PaymentMethodOnFile',
    paymentMethodOnFileMetadata: { setupOnly: true },
    webCheckoutDetails: {
      checkoutReviewReturnUrl: 'https://shop.example/review',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
  });
  sim.approve(session.checkoutSessionId);
  await client.updateCheckoutSession(session.checkoutSessionId, {
    paymentDetails: { paymentIntent: 'Confirm', presentmentCurrency: 'EUR' },
  });
  sim.approve(session.checkoutSessionId);
  const completed = await client.completeCheckoutSession(session.checkoutSessionId, {
    chargeAmount: { amount: '0', currencyCode: 'EUR' },
  });
  return completed.chargePermissionId!;
})();
