import { createPrivateKey, createPublicKey } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { merchantIdFor } from './ids.js';
import { generateSnsKeys, type SnsKeys } from './notifications/certificate.js';
import { isLoopbackHost, type Simulator, startSimulator } from './server.js';
import { covers, createTlsMaterial, serverNames } from './tls.js';

/** What a command line gives to start a simulator: flags as text, checked by {@link launchSimulator}. */
export interface LaunchOptions {
  /** TCP port, `0`–`65535` as text (0: any free port). */
  port: string;
  host: string;
  /** The key id to accept. With `publicKeyPath` or `keyFile` it names that key; default `SANDBOX-ASIMULATORKEY`. */
  publicKeyId?: string;
  /** Path of a PEM public key to accept as `publicKeyId` (the merchant signs with its private half). */
  publicKeyPath?: string;
  /** Path of a PEM private key: the simulator accepts its public half, and clients sign with this file. */
  keyFile?: string;
  /**
   * A directory that keeps the generated key, the TLS CA and certificate, the SNS keys and the control
   * token across restarts (created if missing). Without it they go to a temporary directory that
   * {@link LaunchedSimulator.close} removes.
   */
  stateDir?: string;
  /** Serve https with a certificate issued by a CA made for this simulator (its `ca.pem` is written out). */
  tls?: boolean;
  /** More DNS names or addresses the `--tls` certificate covers (a container's service name). */
  tlsNames?: string[];
  /** Serve https with this certificate (PEM path), with `keyPath`. */
  certPath?: string;
  /** The private key (PEM path) of `certPath`. */
  keyPath?: string;
  /** Makes ids reproducible. */
  seed?: string;
  /** Where to deliver signed IPNs (SNS messages), an http(s) URL. */
  ipnUrl?: string;
  /** The URL clients reach the simulator at, when it differs from where it listens. */
  publicUrl?: string;
  /** The control plane's bearer token. */
  controlToken?: string;
}

/** A started simulator, the key it accepts and where its files are. */
export interface LaunchedSimulator {
  sim: Simulator;
  /** The address it listens on, as given (`0.0.0.0` listens on every interface; `sim.url` is where clients go). */
  host: string;
  /** The merchant the key belongs to: what checkout.js buttons must name as merchantId. */
  merchantId: string;
  publicKeyId: string;
  /** The private key clients sign with (generated, or `keyFile`), or null for a merchant's own public key. */
  privateKeyPath: string | null;
  /** The CA (or self-signed certificate) clients must trust for https, or null for http. */
  caCertificatePath: string | null;
  /** The state directory, or null. */
  stateDir: string | null;
  /** The temporary directory removed on close, or null. */
  temporaryDir: string | null;
  /** Stops the simulator and removes the temporary directory. */
  close(): Promise<void>;
}

/** A flag a command line got wrong; the message says which and why. */
export class LaunchOptionsError extends Error {
  /** Says which flag is wrong and why. */
  constructor(message: string) {
    super(message);
    this.name = 'LaunchOptionsError';
  }
}

/** The key id a generated key is accepted under. */
export const DEFAULT_PUBLIC_KEY_ID = 'SANDBOX-ASIMULATORKEY';

function check(options: LaunchOptions): number {
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65535)
    throw new LaunchOptionsError(`--port must be 0-65535, got ${options.port}`);
  if (options.publicKeyPath && !options.publicKeyId)
    throw new LaunchOptionsError('--public-key-id and --public-key go together');
  if (options.publicKeyPath && options.keyFile)
    throw new LaunchOptionsError('give --public-key or --key-file, not both');
  if (options.publicKeyId && !/^[^\s,]+$/.test(options.publicKeyId))
    throw new LaunchOptionsError('--public-key-id must not contain spaces or commas');
  if (Boolean(options.certPath) !== Boolean(options.keyPath))
    throw new LaunchOptionsError('--cert and --key go together');
  if (options.tls && options.certPath)
    throw new LaunchOptionsError('--tls generates a certificate; leave out --cert and --key, or --tls');
  if (options.tlsNames?.length && !options.tls) throw new LaunchOptionsError('--tls-name needs --tls');
  const { ipnUrl } = options;
  if (ipnUrl !== undefined && !/^https?:\/\//.test(ipnUrl))
    throw new LaunchOptionsError(`--ipn-url must be an http(s) URL, got ${ipnUrl}`);
  if (options.publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(options.publicUrl))
    throw new LaunchOptionsError(
      `--public-url must be an http(s) origin such as https://simulator:4010, got ${options.publicUrl}`,
    );
  if (options.controlToken !== undefined && options.controlToken.length < 16)
    throw new LaunchOptionsError('--control-token must be at least 16 characters');
  return port;
}

async function readText(path: string, flag: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => {
    throw new LaunchOptionsError(`cannot read ${path} (${flag})`);
  });
}

async function readIfPresent(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Writes a file only its owner can read (keys, tokens). */
async function writeSecret(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** The key to accept: the merchant's public key, the public half of a key file, or a kept or new pair. */
async function resolveKey(options: LaunchOptions, dir: string) {
  const publicKeyId = options.publicKeyId ?? DEFAULT_PUBLIC_KEY_ID;
  if (options.publicKeyPath) {
    return {
      publicKeyId,
      publicKey: await readText(options.publicKeyPath, '--public-key'),
      privateKeyPath: null,
    };
  }
  if (options.keyFile) {
    const text = await readText(options.keyFile, '--key-file');
    let publicKey: string;
    try {
      publicKey = createPublicKey(createPrivateKey(text)).export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      throw new LaunchOptionsError(`${options.keyFile} is not a PEM private key (--key-file)`);
    }
    return { publicKeyId, publicKey, privateKeyPath: options.keyFile };
  }
  const privateKeyPath = join(dir, 'private.pem');
  const kept = await readIfPresent(privateKeyPath);
  if (kept) {
    const publicKey = createPublicKey(createPrivateKey(kept))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    return { publicKeyId, publicKey, privateKeyPath };
  }
  const pair = await generateKeyPairPem();
  await writeSecret(privateKeyPath, pair.privateKeyPem);
  await writeFile(join(dir, 'public.pem'), pair.publicKeyPem);
  return { publicKeyId, publicKey: pair.publicKeyPem, privateKeyPath };
}

/** The https certificate: the user's, or one from this simulator's CA (kept in a state directory). */
async function resolveTls(options: LaunchOptions, dir: string, keep: boolean) {
  if (options.certPath && options.keyPath) {
    return {
      tls: {
        cert: await readText(options.certPath, '--cert'),
        key: await readText(options.keyPath, '--key'),
      },
      caCertificatePath: options.certPath,
    };
  }
  if (!options.tls) return { tls: undefined, caCertificatePath: null };
  const names = serverNames(options.host, [
    ...(options.tlsNames ?? []),
    ...(options.publicUrl ? [new URL(options.publicUrl).hostname] : []),
  ]);
  const caCertificatePath = join(dir, 'ca.pem');
  const paths = {
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  };
  const [caPem, caKey, cert, key] = keep
    ? await Promise.all([
        readIfPresent(caCertificatePath),
        readIfPresent(paths.caKey),
        readIfPresent(paths.cert),
        readIfPresent(paths.key),
      ])
    : [];
  if (caPem && caKey && cert && key && covers(cert, names)) {
    return { tls: { cert, key }, caCertificatePath };
  }
  const material = await createTlsMaterial(
    names,
    caPem && caKey ? { caCertificatePem: caPem, caPrivateKeyPem: caKey } : undefined,
  );
  await writeFile(caCertificatePath, material.caCertificatePem);
  if (keep) {
    // Only a kept CA needs its key on disk: it issues the next certificate, so clients keep trusting it.
    await writeSecret(paths.caKey, material.caPrivateKeyPem);
    await writeFile(paths.cert, material.certificatePem);
    await writeSecret(paths.key, material.privateKeyPem);
  }
  return { tls: { cert: material.certificatePem, key: material.privateKeyPem }, caCertificatePath };
}

/** SNS keys kept in a state directory, so a restart with IPNs skips generating them. */
async function keptSnsKeys(dir: string): Promise<SnsKeys> {
  const caPath = join(dir, 'sns-ca-key.pem');
  const signingPath = join(dir, 'sns-signing-key.pem');
  const [caPrivateKeyPem, signingPrivateKeyPem] = await Promise.all([
    readIfPresent(caPath),
    readIfPresent(signingPath),
  ]);
  if (caPrivateKeyPem && signingPrivateKeyPem) return { caPrivateKeyPem, signingPrivateKeyPem };
  const keys = await generateSnsKeys();
  await writeSecret(caPath, keys.caPrivateKeyPem);
  await writeSecret(signingPath, keys.signingPrivateKeyPem);
  return keys;
}

/** A kept control token, made once, for a state directory that serves beyond loopback. */
async function keptControlToken(dir: string): Promise<string> {
  const path = join(dir, 'control-token');
  const kept = (await readIfPresent(path))?.trim();
  if (kept && kept.length >= 16) return kept;
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
  await writeSecret(path, token);
  return token;
}

function describeListenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: string }).code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (code === 'EADDRINUSE')
    return new Error(
      `${where} is already in use (EADDRINUSE): stop what listens there or choose another --port`,
    );
  if (code === 'EACCES')
    return new Error(`no permission to listen on ${where} (EACCES): ports below 1024 need privileges`);
  if (code === 'EADDRNOTAVAIL')
    return new Error(`${host} is not an address of this machine (EADDRNOTAVAIL): check --host`);
  return error;
}

/**
 * Checks command-line options, loads or makes the key and the certificates, and starts the
 * simulator: what `amazon-pay-simulator` and `amazon-pay simulator` both do before printing how to
 * reach it. Generated files go to `stateDir` (kept) or to a temporary directory, which `close()`
 * removes — as does a failed start, and the exit of the process if nobody closed it.
 */
export async function launchSimulator(options: LaunchOptions): Promise<LaunchedSimulator> {
  const port = check(options);
  const stateDir = options.stateDir ?? null;
  if (stateDir) await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const needsFiles = stateDir === null && !options.publicKeyPath && !options.keyFile;
  const temporaryDir =
    stateDir === null && (needsFiles || options.tls)
      ? await mkdtemp(join(tmpdir(), 'amazon-pay-simulator-'))
      : null;
  const removeTemporary = () => {
    if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
  };
  // A process that exits without close() (an uncaught error, process.exit) still leaves nothing.
  process.once('exit', removeTemporary);
  try {
    const dir = (stateDir ?? temporaryDir)!;
    const key = await resolveKey(options, dir);
    const { tls, caCertificatePath } = await resolveTls(options, dir, stateDir !== null);
    const controlToken =
      options.controlToken ??
      (stateDir && !isLoopbackHost(options.host) ? await keptControlToken(stateDir) : undefined);
    const sim = await startSimulator({
      port,
      host: options.host,
      keys: [{ publicKeyId: key.publicKeyId, publicKey: key.publicKey }],
      ...(tls ? { tls } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(controlToken ? { control: { token: controlToken } } : {}),
      notifications: {
        ...(options.ipnUrl ? { url: options.ipnUrl } : {}),
        ...(stateDir ? { keys: await keptSnsKeys(stateDir) } : {}),
      },
    }).catch((error: unknown) => {
      throw describeListenError(error, options.host, port);
    });
    return {
      sim,
      host: options.host,
      merchantId: merchantIdFor(key.publicKeyId),
      publicKeyId: key.publicKeyId,
      privateKeyPath: key.privateKeyPath,
      caCertificatePath,
      stateDir,
      temporaryDir,
      async close() {
        try {
          await sim.close();
        } finally {
          if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
          process.off('exit', removeTemporary);
        }
      },
    };
  } catch (error) {
    removeTemporary();
    process.off('exit', removeTemporary);
    throw error;
  }
}
