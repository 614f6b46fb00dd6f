import {
  AmazonPayClient,
  AmazonPayConfigError,
  type ClientConfig,
  type SignatureAlgorithm,
} from '@amazon-pay-ts/client';
import { MAX_KEY_FILE_BYTES } from '@amazon-pay-ts/signer';
import { type CliIo, readBounded, UsageError } from './io.js';

/** The key flags every signing command shares; each falls back to an AMAZON_PAY_* environment variable. */
export const keyOptions = {
  'public-key-id': { type: 'string' },
  'private-key': { type: 'string' },
  'private-key-stdin': { type: 'boolean' },
  algorithm: { type: 'string' },
} as const;

/** Where an API call goes: the flags of `call`, each with its AMAZON_PAY_* environment variable. */
export const endpointOptions = {
  region: { type: 'string' },
  environment: { type: 'string' },
  'base-url': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
} as const;

export const keyHelp = `  --public-key-id ID    Public Key ID from Seller Central (env AMAZON_PAY_PUBLIC_KEY_ID)
  --private-key PATH    the private key's PEM file (env AMAZON_PAY_PRIVATE_KEY: a path or the PEM text)
  --private-key-stdin   read the private key's PEM text from standard input (e.g. a secret manager's output)
  --algorithm A         AMZN-PAY-RSASSA-PSS-V2 (default) or AMZN-PAY-RSASSA-PSS`;

export const endpointHelp = `  --region R            na, eu or jp (env AMAZON_PAY_REGION)
  --environment E       sandbox or live, for key ids without a SANDBOX-/LIVE- prefix (env AMAZON_PAY_ENVIRONMENT)
  --base-url URL        another API host, e.g. the simulator's URL (env AMAZON_PAY_BASE_URL)
  --allow-insecure-http let --base-url be plain http: to a host other than loopback (a simulator on a test network)`;

type KeyValues = {
  'public-key-id'?: string | undefined;
  'private-key'?: string | undefined;
  'private-key-stdin'?: boolean | undefined;
  algorithm?: string | undefined;
};
type EndpointValues = {
  region?: string | undefined;
  environment?: string | undefined;
  'base-url'?: string | undefined;
  'allow-insecure-http'?: boolean | undefined;
};

/** What a signing command signs with. */
export interface SigningKey {
  publicKeyId: string;
  privateKey: string;
  algorithm?: SignatureAlgorithm;
}

/**
 * Refuses a `--private-key` that holds the key itself rather than a path: argv is visible to other
 * users (`ps`, /proc) and kept in shell history, while a file, standard input and the environment
 * are not. Runs on the raw arguments, before parsing (which would take a leading `-----BEGIN` for
 * an option and say something less useful).
 */
export function refuseKeyInArguments(args: readonly string[]): void {
  args.forEach((arg, index) => {
    const value =
      arg === '--private-key'
        ? args[index + 1]
        : arg.startsWith('--private-key=')
          ? arg.slice('--private-key='.length)
          : undefined;
    if (value !== undefined && looksLikeKeyText(value)) {
      throw new UsageError(
        '--private-key takes the path of the PEM file, not the key itself: a key on the command line is ' +
          'visible to other users in `ps` and stays in your shell history. Give the file path, pipe the ' +
          'key into --private-key-stdin (e.g. from your secret manager), or set AMAZON_PAY_PRIVATE_KEY.',
        { showUsage: false },
      );
    }
  });
}

/** The key id and private key from the flags, standard input or the environment. */
export async function signingKey(
  values: KeyValues,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  alsoMissing: string[] = [],
): Promise<SigningKey> {
  const fromFlag = values['private-key'];
  if (fromFlag !== undefined && values['private-key-stdin']) {
    throw new UsageError('give either --private-key or --private-key-stdin, not both');
  }
  const publicKeyId = values['public-key-id'] ?? env.AMAZON_PAY_PUBLIC_KEY_ID;
  const privateKey = values['private-key-stdin'] ? undefined : (fromFlag ?? env.AMAZON_PAY_PRIVATE_KEY);
  const missing = [
    publicKeyId ? undefined : '--public-key-id (or AMAZON_PAY_PUBLIC_KEY_ID)',
    privateKey || values['private-key-stdin'] ? undefined : '--private-key (or AMAZON_PAY_PRIVATE_KEY)',
    ...alsoMissing,
  ].filter((item) => item !== undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
  return {
    publicKeyId: publicKeyId!,
    privateKey: privateKey || (await privateKeyFromStdin(io)),
    ...(values.algorithm ? { algorithm: values.algorithm as SignatureAlgorithm } : {}),
  };
}

/** The client configuration for `call`: the key, the region and where to send. */
export async function clientConfig(
  values: KeyValues & EndpointValues,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<ClientConfig> {
  const region = values.region ?? env.AMAZON_PAY_REGION;
  const key = await signingKey(values, env, io, region ? [] : ['--region (or AMAZON_PAY_REGION)']);
  const environment = values.environment ?? env.AMAZON_PAY_ENVIRONMENT;
  const baseUrl = values['base-url'] ?? env.AMAZON_PAY_BASE_URL;
  return {
    ...key,
    region: region as ClientConfig['region'],
    ...(environment ? { environment: environment as ClientConfig['environment'] } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(values['allow-insecure-http'] ? { allowInsecureHttp: true } : {}),
  };
}

/** A client, or exit code 2 when the configuration is unusable (key, region, base URL, algorithm). */
export function newClient(config: ClientConfig): AmazonPayClient {
  try {
    return new AmazonPayClient(config);
  } catch (error) {
    if (error instanceof AmazonPayConfigError) {
      // The client's advice names its option; on the command line it is a flag.
      const message = error.message.replace('set allowInsecureHttp: true', 'pass --allow-insecure-http');
      throw new UsageError(message, { showUsage: false });
    }
    throw error;
  }
}

/** PEM armour, or a long run of base64 alone (a key body pasted without its armour). */
function looksLikeKeyText(value: string): boolean {
  return value.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s\\n]{200,}$/.test(value);
}

async function privateKeyFromStdin(io: CliIo): Promise<string> {
  if (!io.stdin) throw new UsageError('--private-key-stdin: there is no standard input to read');
  if ((io.stdin as { isTTY?: boolean }).isTTY) {
    io.err('Paste the private key (PEM), then press Ctrl-D.');
  }
  const text = await readBounded(io.stdin, MAX_KEY_FILE_BYTES, '--private-key-stdin: standard input');
  if (text.trim() === '') {
    throw new UsageError('--private-key-stdin: standard input was empty', { showUsage: false });
  }
  return text;
}
