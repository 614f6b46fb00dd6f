import { generateKeyPairSync } from 'node:crypto';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { createSigner } from '@amazon-pay-ts/signer';
import { selfSignedCertificate } from '@amazon-pay-ts/simulator';
import { checkoutSessionPayload } from '../packages/client/test/support/payloads.js';
import { startBenchServer } from './lib/client-server.js';
import { measure } from './lib/measure.js';
const row = process.argv[2] ?? 'typed';
const seconds = Number(process.argv[3] ?? 5);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const publicKeyId = 'SANDBOX-AHEXAMPLEKEYID0001';
const id = checkoutSessionPayload.checkoutSessionId;
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const server = await startBenchServer(JSON.stringify(checkoutSessionPayload), selfSignedCertificate());
const client = new WebStoreClient({ region: 'eu', publicKeyId, privateKey, baseUrl: server.url, validateResponses: 'strict' });
const signer = createSigner({ publicKeyId, privateKey, region: 'eu' });
const url = `${server.url}/v2/checkoutSessions/${id}`;
const ops: Record<string, () => Promise<unknown>> = {
  typed: () => client.getCheckoutSession(id),
  hand: async () => (await fetch(url, { headers: await signer.signHeaders({ method: 'GET', url }) })).json(),
};
await measure(16, ops[row]!, 1);
const r = await measure(16, ops[row]!, seconds);
console.log(row, JSON.stringify(r));
await server.close();
