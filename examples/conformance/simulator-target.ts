import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { startSimulator } from '@amazon-pay-ts/simulator';
import { simulatorBuyer } from '../simulator-buyer.js';
import { runScenarios, type StepResult, type Target } from './scenarios.js';

const KEY_ID = 'SANDBOX-ACONFORMANCEKEY01';
const STORE_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';

/** The scenario suite against a fresh in-process simulator; `region` picks the currency. */
export async function runAgainstSimulator(region: Target['region'] = 'na'): Promise<StepResult[]> {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  const sim = await startSimulator({ keys: [{ publicKeyId: KEY_ID, publicKey: publicKeyPem }] });
  try {
    return await runScenarios({
      baseUrl: sim.url,
      publicKeyId: KEY_ID,
      privateKey: privateKeyPem,
      region,
      storeId: STORE_ID,
      buyer: simulatorBuyer(sim, KEY_ID),
    });
  } finally {
    await sim.close();
  }
}
