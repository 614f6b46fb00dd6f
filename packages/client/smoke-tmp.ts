import { generateKeyPairPem, verifyRequest } from '@amazon-pay-ts/signer';
import { AmazonPayClient } from './src/index.js';
import { headerRecord, startTestServer } from './test/support/server.js';

const server = await startTestServer();
const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
const client = new AmazonPayClient({
  region: 'us',
  environment: 'sandbox',
  publicKeyId: 'AKEY',
  privateKey: privateKeyPem,
  baseUrl: server.url,
});
server.enqueue({ body: { chargeId: 'x' } });
const r = await client.withResponse.getCharge('../x').catch((e) => e);
console.log(r);
const req = server.requests[0]!;
console.log(req.method, req.rawUrl, req.headers);
console.log(
  await verifyRequest(
    { method: req.method, url: req.url, headers: headerRecord(req.headers), body: req.body },
    publicKeyPem,
  ),
);
server.enqueue({ body: { reports: [] } });
await client
  .getReports({
    reportTypes: [
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
    ],
    createdSince: new Date(),
    pageSize: 5,
  })
  .catch((e) => console.log(e));
const req2 = server.requests[1]!;
console.log(req2.rawUrl);
console.log(
  await verifyRequest(
    { method: req2.method, url: req2.url, headers: headerRecord(req2.headers), body: req2.body },
    publicKeyPem,
  ),
);
console.log(JSON.stringify(client), client);
await server.close();
