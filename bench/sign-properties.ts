/**
 * `pnpm --filter @amazon-pay-ts/bench sign:properties`: the signer's sign → verify property at
 * bench scale (PROPERTY_RUNS, default 10,000 per algorithm): random requests verify, and any single
 * mutation of a signed part is rejected. The unit suite runs the same property a few hundred times.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from '@amazon-pay-ts/signer';
import fc from 'fast-check';
import { requestArbitrary, signVerifyProperty } from '../packages/signer/test/helpers/signVerifyProperty.js';

const numRuns = Number(process.env.PROPERTY_RUNS ?? 10_000);
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

for (const algorithm of ['AMZN-PAY-RSASSA-PSS-V2', 'AMZN-PAY-RSASSA-PSS'] as const) {
  const signer = createSigner({ publicKeyId: 'SANDBOX-PROPERTIES', privateKey, region: 'eu', algorithm });
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(requestArbitrary, (c) => signVerifyProperty(signer, publicKey, c)),
    { numRuns },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `PASS  ${algorithm}: ${numRuns} random requests signed, verified, mutated and rejected in ${seconds.toFixed(1)}s`,
  );
}
