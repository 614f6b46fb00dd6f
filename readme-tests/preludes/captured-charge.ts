// `chargeId`: a charge of 14.00 EUR, authorized and captured.
import { world as readmeWorld } from '../src/world.js';

const chargeId = await (async () => {
  const { client, sim } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: 'amzn1.application-oa2-client.000000000000000000000000000000000',
    webCheckoutDetails: {
      checkoutReviewReturnUrl: 'https://shop.example/review',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
  });
  sim.approve(session.checkoutSessionId);
  const amount = { amount: '14.00', currencyCode: 'EUR' } as const;
  await client.updateCheckoutSession(session.checkoutSessionId, {
    paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: amount },
  });
  sim.approve(session.checkoutSessionId);
  const completed = await client.completeCheckoutSession(session.checkoutSessionId, { chargeAmount: amount });
  return completed.chargeId!;
})();
