import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, selfSignedCertificate, startSimulator } from '@amazon-pay-ts/simulator';
import { amazonSnsResponse, MERCHANT_ID } from './amazon-sns.js';
import { type ConnectProxy, startConnectProxy } from './connect-proxy.js';

/**
 * What a README block runs in: a simulator standing in for Amazon, a merchant key pair in the
 * environment variables merchants use, and `globalThis.fetch` sending Amazon's API hosts to the
 * simulator. README code therefore looks like production code (no `baseUrl`, keys from the
 * environment) and still runs offline.
 */
export interface ReadmeWorld {
  readonly sim: Simulator;
  /** The harness's own client, straight to the simulator, for preludes that set up state. */
  readonly client: WebStoreClient;
  readonly publicKeyId: string;
  readonly privateKeyPem: string;
  /** A directory holding `private.pem`; blocks run with it as the working directory. */
  readonly keyDir: string;
  /** API requests the README code made (method and path as Amazon would have received them). */
  readonly calls: string[];
  /** A corporate-style CONNECT proxy whose tunnels all lead to an https simulator (see `httpsProxy`). */
  httpsProxy(): Promise<{ proxy: ConnectProxy; caCert: string }>;
}

/** The .NET SDK README's example key id: blocks may write it literally or read it from the environment. */
export const PUBLIC_KEY_ID = 'SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ';
export const STORE_ID = 'amzn1.application-oa2-client.000000000000000000000000000000000';

const AMAZON_API_HOST = /^pay-api\.amazon\.(com|eu|jp)$/;
const ENV_NAMES = [
  'AMAZON_PAY_PUBLIC_KEY_ID',
  'AMAZON_PAY_PRIVATE_KEY',
  'AMAZON_PAY_STORE_ID',
  'AMAZON_PAY_MERCHANT_ID',
  'HTTPS_PROXY',
  'PROXY_CA_CERT',
] as const;

let current: ReadmeWorld | undefined;

/** The running world; preludes call this. */
export function world(): ReadmeWorld {
  if (!current) throw new Error('the README world is not started (startReadmeWorld)');
  return current;
}

/** Starts the simulator, puts the key in the environment and routes Amazon's hosts; returns the teardown. */
export async function startReadmeWorld(): Promise<() => Promise<void>> {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  // Amazon checks x-amz-pay-host against the host it serves; here every Amazon host is one simulator.
  const sim = await startSimulator({
    checkHost: false,
    keys: [{ publicKeyId: PUBLIC_KEY_ID, publicKey: publicKeyPem }],
  });
  const keyDir = mkdtempSync(join(tmpdir(), 'amazon-pay-readme-'));
  writeFileSync(join(keyDir, 'private.pem'), privateKeyPem);
  const calls: string[] = [];
  const registered = new Set([PUBLIC_KEY_ID]);
  const realFetch = globalThis.fetch;

  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // Amazon SNS's signing certificate for the IPNs of the amazon-ipn prelude.
    const certificate = amazonSnsResponse(url);
    if (certificate) return certificate;
    if (!AMAZON_API_HOST.test(url.hostname)) return realFetch(request);
    // Whatever key id a block signs with, it signed with the harness's key: accept it.
    const keyId = /PublicKeyId=([^,\s]+)/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (keyId && !registered.has(keyId)) {
      registered.add(keyId);
      sim.addKey({ publicKeyId: keyId, publicKey: publicKeyPem });
    }
    calls.push(`${request.method} ${url.pathname}`);
    const target = new URL(url.pathname + url.search, sim.url);
    const response = await realFetch(new Request(target, request));
    if (response.ok) await actAsBuyer(sim, request.method, url.pathname, response.clone());
    return response;
  };

  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  process.env.AMAZON_PAY_PUBLIC_KEY_ID = PUBLIC_KEY_ID;
  process.env.AMAZON_PAY_PRIVATE_KEY = privateKeyPem;
  process.env.AMAZON_PAY_STORE_ID = STORE_ID;
  process.env.AMAZON_PAY_MERCHANT_ID = MERCHANT_ID;

  const client = new WebStoreClient({
    region: 'eu',
    publicKeyId: PUBLIC_KEY_ID,
    privateKey: privateKeyPem,
    baseUrl: sim.url,
    fetch: realFetch,
    validateResponses: 'strict',
    maxRetries: 0,
  });
  // Started on first use: an https simulator whose certificate names Amazon's EU host, behind a
  // CONNECT proxy that tunnels every host to it. The certificate is self-signed, so it plays the CA of
  // a TLS-inspecting corporate proxy, which a client must trust anyway.
  let proxied: Promise<{ proxy: ConnectProxy; caCert: string; tlsSim: Simulator }> | undefined;
  const httpsProxy = () => {
    proxied ??= (async () => {
      const tls = selfSignedCertificate('pay-api.amazon.eu');
      const tlsSim = await startSimulator({
        checkHost: false,
        tls,
        keys: [{ publicKeyId: PUBLIC_KEY_ID, publicKey: publicKeyPem }],
      });
      const proxy = await startConnectProxy({ host: '127.0.0.1', port: Number(new URL(tlsSim.url).port) });
      return { proxy, caCert: tls.cert, tlsSim };
    })();
    return proxied;
  };
  current = { sim, client, publicKeyId: PUBLIC_KEY_ID, privateKeyPem, keyDir, calls, httpsProxy };

  return async () => {
    if (proxied) {
      const { proxy, tlsSim } = await proxied;
      await proxy.close();
      await tlsSim.close();
    }
    globalThis.fetch = realFetch;
    for (const name of ENV_NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    current = undefined;
    rmSync(keyDir, { recursive: true, force: true });
    await sim.close();
  };
}

/**
 * The buyer of a README flow, who does on Amazon's pages what the merchant's redirect asks: signs in
 * once a checkout session is created, and pays once the merchant's update makes the session ready.
 * README code between "redirect the buyer" and "the buyer returns" is thus a straight line.
 */
async function actAsBuyer(sim: Simulator, method: string, path: string, response: Response): Promise<void> {
  let checkoutSessionId: string | undefined;
  if (method === 'POST' && /\/v2\/checkoutSessions$/.test(path)) {
    checkoutSessionId = ((await response.json()) as { checkoutSessionId?: string }).checkoutSessionId;
  } else if (method === 'PATCH') {
    checkoutSessionId = /\/v2\/checkoutSessions\/([^/]+)$/.exec(path)?.[1];
  }
  if (!checkoutSessionId) return;
  try {
    sim.approve(decodeURIComponent(checkoutSessionId));
  } catch {
    // A session the buyer cannot act on (already completed, canceled): the API call decides what happens.
  }
}
