// `reportId`: a settlement report Amazon has finished (COMPLETED, with a document to download),
// covering a day with one captured charge.
import { formatAmazonTimestamp as readmeTimestamp } from '@amazon-pay-ts/client/fetch';
import { completedCheckout as readmeCompletedCheckout } from '../src/completed-checkout.js';
import { world as readmeWorld } from '../src/world.js';

const reportId = await (async () => {
  const { client, sim } = readmeWorld();
  await readmeCompletedCheckout('AuthorizeWithCapture');
  const now = sim.clock.now().getTime();
  const { reportId } = await client.createReport({
    reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
    startTime: readmeTimestamp(new Date(now - 3_600_000)),
    endTime: readmeTimestamp(new Date(now + 3_600_000)),
  });
  sim.clock.advance(60_000);
  return reportId!;
})();
