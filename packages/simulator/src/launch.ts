import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from './server.js';

/** What a command line gives to start a simulator: flags as text, checked by {@link launchSimulator}. */
export interface LaunchOptions {
  /** TCP port, `0`–`65535` as text (0: any free port). */
  port: string;
  host: string;
  /** With `publicKeyPath`: the merchant's own key; without both, a sandbox pair is generated. */
  publicKeyId?: string;
  /** Path of the PEM public key registered as `publicKeyId`. */
  publicKeyPath?: string;
  /** Where to deliver signed IPNs (SNS messages), an http(s) URL. */
  ipnUrl?: string;
}

/** A started simulator and the key it accepts. */
export interface LaunchedSimulator {
  sim: Simulator;
  publicKeyId: string;
  /** The generated private key's file (the public one beside it), or null for the merchant's own key. */
  privateKeyPath: string | null;
}

/** A flag a command line got wrong; the message says which and why. */
export class LaunchOptionsError extends Error {
  /** Says which flag is wrong and why. */
  constructor(message: string) {
    super(message);
    this.name = 'LaunchOptionsError';
  }
}

/**
 * Checks command-line options, loads or generates the key (a generated pair goes to a fresh
 * temporary directory, the private key readable by its owner only) and starts the simulator: what
 * `amazon-pay-simulator` and `amazon-pay simulator` both do before printing how to reach it.
 */
export async function launchSimulator(options: LaunchOptions): Promise<LaunchedSimulator> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new LaunchOptionsError(`--port must be 0-65535, got ${options.port}`);
  if (Boolean(options.publicKeyId) !== Boolean(options.publicKeyPath)) {
    throw new LaunchOptionsError('--public-key-id and --public-key go together');
  }
  const { ipnUrl } = options;
  if (ipnUrl !== undefined && !/^https?:\/\//.test(ipnUrl))
    throw new LaunchOptionsError(`--ipn-url must be an http(s) URL, got ${ipnUrl}`);

  let publicKeyId = options.publicKeyId;
  let publicKey: string;
  let privateKeyPath: string | null = null;
  if (publicKeyId && options.publicKeyPath) {
    const path = options.publicKeyPath;
    publicKey = await readFile(path, 'utf8').catch(() => {
      throw new LaunchOptionsError(`cannot read ${path}`);
    });
  } else {
    const pair = await generateKeyPairPem();
    const dir = await mkdtemp(join(tmpdir(), 'amazon-pay-simulator-'));
    privateKeyPath = join(dir, 'private.pem');
    await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
    await writeFile(join(dir, 'public.pem'), pair.publicKeyPem);
    publicKeyId = 'SANDBOX-ASIMULATORKEY';
    publicKey = pair.publicKeyPem;
  }
  const sim = await startSimulator({
    port,
    host: options.host,
    keys: [{ publicKeyId, publicKey }],
    ...(ipnUrl ? { notifications: { url: ipnUrl } } : {}),
  });
  return { sim, publicKeyId, privateKeyPath };
}
