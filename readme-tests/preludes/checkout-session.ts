// `checkoutSessionId`: a checkout session the buyer has signed in to, back on your review page
// (no amount or payment intent set yet).
import { STORE_ID as readmeStoreId, world as readmeWorld } from '../src/world.js';

const checkoutSessionId = await (async () => {
  const { client, sim } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: readmeStoreId,
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  });
  sim.approve(session.checkoutSessionId);
  return session.checkoutSessionId;
})();
