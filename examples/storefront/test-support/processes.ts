import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';

/** A simulator in the test process, and storefronts in child processes that talk to it. */
const KEY_ID = 'SANDBOX-ACHILDSTOREFRONT';
const MERCHANT_ID = 'A2CHILDSTOREFRONT';
const STORE_ID = 'amzn1.application-oa2-client.0000000000000000000000000000c41d';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child-storefront.ts', import.meta.url));

export interface SharedAmazon {
  sim: Simulator;
  privateKeyPem: string;
}

export async function startSharedSimulator(): Promise<SharedAmazon> {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  const sim = await startSimulator({
    keys: [{ publicKeyId: KEY_ID, publicKey: publicKeyPem, merchantId: MERCHANT_ID }],
  });
  return { sim, privateKeyPem };
}

export interface ChildShop {
  url: string;
  process: ChildProcess;
  /** Everything the child wrote to stderr (for failure messages). */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a storefront process; `amazonUrl` defaults to the simulator (a proxy in front of it in the crash test). */
export async function startChildShop(
  amazon: SharedAmazon,
  env: Record<string, string>,
  options: { amazonUrl?: string; leaseMs?: number } = {},
): Promise<ChildShop> {
  const { sim } = amazon;
  const verify = sim.notifications.verifyOptions();
  const child = spawn(process.execPath, ['--conditions=@amazon-pay-ts/source', '--import', 'tsx', CHILD], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      CHILD_AMAZON_URL: options.amazonUrl ?? sim.url,
      CHILD_KEY_ID: KEY_ID,
      CHILD_PRIVATE_KEY: amazon.privateKeyPem,
      CHILD_MERCHANT_ID: MERCHANT_ID,
      CHILD_STORE_ID: STORE_ID,
      CHILD_CHECKOUT_JS: `${sim.url}/checkout.js`,
      CHILD_VERIFY: JSON.stringify({
        trustedCertificateOrigins: verify.trustedCertificateOrigins,
        allowedTopicArns: verify.allowedTopicArns,
      }),
      CHILD_LEASE_MS: String(options.leaseMs ?? 30_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) =>
      reject(new Error(`storefront process exited (${code}) before listening: ${stderr}`)),
    );
  });
  return {
    url,
    process: child,
    stderr: () => stderr,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
