// `response`: the fetch Response of a Get Checkout Session call, body unread.
import { world as readmeWorld } from '../src/world.js';

const response = await (async () => {
  const { client } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: 'amzn1.application-oa2-client.000000000000000000000000000000000',
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  });
  const { metadata } = await client.withResponse.getCheckoutSession(session.checkoutSessionId);
  return new Response(metadata.rawBody, { status: metadata.status, headers: metadata.headers });
})();
