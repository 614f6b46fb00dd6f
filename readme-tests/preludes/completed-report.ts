// `reportId`: a settlement report Amazon has finished (COMPLETED, with a document to download),
// covering a day with one captured charge.
import { formatAmazonTimestamp as readmeTimestamp } from '@amazon-pay-ts/client';
import { STORE_ID as readmeStoreId, world as readmeWorld } from '../src/world.js';

const reportId = await (async () => {
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
    paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: amount },
  });
  sim.approve(session.checkoutSessionId);
  await client.completeCheckoutSession(session.checkoutSessionId, { chargeAmount: amount });
  const now = sim.clock.now().getTime();
  const { reportId } = await client.createReport({
    reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
    startTime: readmeTimestamp(new Date(now - 3_600_000)),
    endTime: readmeTimestamp(new Date(now + 3_600_000)),
  });
  sim.clock.advance(60_000);
  return reportId!;
})();
