import { pathToFileURL } from 'node:url';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { startSimulator } from '@amazon-pay-ts/simulator';
import { formatLine, runDemoFlow, TRANSCRIPT_HEADER, type TranscriptLine } from './demo-flow.js';
import { startIpnEndpoint } from './ipn-endpoint.js';
import { liveBuyer } from './live-buyer.js';
import { simulatorBuyer } from './simulator-buyer.js';

export const DEMO_STORE_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';
const DEMO_KEY_ID = 'SANDBOX-ADEMOKEYAMAZONPAYTS';

/**
 * Runs the demo against a fresh in-process simulator: a new key pair, a free port, the whole flow
 * through the real client. Returns the transcript; throws on any surprise.
 */
export async function runOfflineDemo(print: (text: string) => void = () => {}): Promise<TranscriptLine[]> {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  const sim = await startSimulator({ keys: [{ publicKeyId: DEMO_KEY_ID, publicKey: publicKeyPem }] });
  const clientConfig = {
    region: 'na' as const,
    publicKeyId: DEMO_KEY_ID,
    privateKey: privateKeyPem,
    baseUrl: sim.url,
    validateResponses: 'strict' as const,
  };
  // The merchant's IPN endpoint; it trusts the simulator's SNS certificate here, in the demo only.
  const inbox = await startIpnEndpoint({
    clientConfig,
    verify: sim.notifications.verifyOptions(),
    settle: () => sim.notifications.settled(),
  });
  sim.notifications.subscribe(inbox.url);
  try {
    print(`simulator listening on ${sim.url} (public key id ${DEMO_KEY_ID}, fresh 2048-bit RSA key pair)`);
    print(`IPN endpoint ${inbox.url} subscribed to the simulator's SNS topic ${sim.notifications.topicArn}`);
    print(TRANSCRIPT_HEADER);
    return await runDemoFlow({
      clientConfig,
      buyer: simulatorBuyer(sim, DEMO_KEY_ID, (note) => print(`       · ${note}`)),
      storeId: DEMO_STORE_ID,
      notifications: inbox,
      onLine: (line) => print(formatLine(line)),
      onNote: (note) => print(note.replace(/^/gm, '       │ ')),
    });
  } finally {
    await inbox.close();
    await sim.close();
  }
}

async function runLiveDemo(print: (text: string) => void): Promise<TranscriptLine[]> {
  const publicKeyId = process.env.AMAZON_PAY_PUBLIC_KEY_ID;
  const privateKey = process.env.AMAZON_PAY_PRIVATE_KEY;
  const region = process.env.AMAZON_PAY_REGION ?? 'na';
  const storeId = process.env.AMAZON_PAY_STORE_ID;
  if (!publicKeyId || !privateKey || !storeId) {
    throw new Error(
      '--live-sandbox needs AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY (PEM or file path), AMAZON_PAY_STORE_ID and optionally AMAZON_PAY_REGION (na, eu, jp).',
    );
  }
  print(`running against Amazon's sandbox (${region})`);
  print(TRANSCRIPT_HEADER);
  return runDemoFlow({
    clientConfig: {
      region: region as 'na',
      environment: /^(live|sandbox)-/i.test(publicKeyId) ? undefined : 'sandbox',
      publicKeyId,
      privateKey,
      validateResponses: 'warn',
    },
    buyer: liveBuyer(print),
    storeId,
    currencyCode: region === 'jp' ? 'JPY' : region === 'eu' ? 'EUR' : 'USD',
    onLine: (line) => print(formatLine(line)),
    onNote: (note) => print(note.replace(/^/gm, '       │ ')),
  });
}

async function main() {
  const live = process.argv.includes('--live-sandbox');
  const started = performance.now();
  const print = (text: string) => console.log(text);
  try {
    const lines = live ? await runLiveDemo(print) : await runOfflineDemo(print);
    print(
      `\n${lines.length} steps in ${Math.round(performance.now() - started)} ms — every step answered as expected.`,
    );
  } catch (error) {
    console.error(
      `\ndemo failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
