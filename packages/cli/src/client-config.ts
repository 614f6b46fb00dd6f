import type { ClientConfig } from '@amazon-pay-ts/client';
import { UsageError } from './io.js';

/** Options every command that signs shares; each falls back to an AMAZON_PAY_* environment variable. */
export const signingOptions = {
  'public-key-id': { type: 'string' },
  'private-key': { type: 'string' },
  region: { type: 'string' },
  environment: { type: 'string' },
  'base-url': { type: 'string' },
} as const;

export const signingHelp = `  --public-key-id ID    Public Key ID from Seller Central (env AMAZON_PAY_PUBLIC_KEY_ID)
  --private-key PATH    private key PEM file (env AMAZON_PAY_PRIVATE_KEY: a path or the PEM text)
  --region R            na, eu or jp (env AMAZON_PAY_REGION)
  --environment E       sandbox or live, for key ids without a SANDBOX-/LIVE- prefix (env AMAZON_PAY_ENVIRONMENT)
  --base-url URL        another API host, e.g. the simulator's URL (env AMAZON_PAY_BASE_URL)`;

type SigningValues = { [K in keyof typeof signingOptions]?: string | undefined };

/** The client configuration from the flags and the environment; a clear error names what is missing. */
export function clientConfig(values: SigningValues, env: NodeJS.ProcessEnv): ClientConfig {
  const pick = (flag: keyof SigningValues, variable: string) => values[flag] ?? env[variable];
  const publicKeyId = pick('public-key-id', 'AMAZON_PAY_PUBLIC_KEY_ID');
  const privateKey = pick('private-key', 'AMAZON_PAY_PRIVATE_KEY');
  const region = pick('region', 'AMAZON_PAY_REGION');
  const missing = [
    publicKeyId ? undefined : '--public-key-id (or AMAZON_PAY_PUBLIC_KEY_ID)',
    privateKey ? undefined : '--private-key (or AMAZON_PAY_PRIVATE_KEY)',
    region ? undefined : '--region (or AMAZON_PAY_REGION)',
  ].filter((item) => item !== undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
  const environment = pick('environment', 'AMAZON_PAY_ENVIRONMENT');
  const baseUrl = pick('base-url', 'AMAZON_PAY_BASE_URL');
  return {
    publicKeyId: publicKeyId!,
    privateKey: privateKey!,
    region: region as ClientConfig['region'],
    ...(environment ? { environment: environment as ClientConfig['environment'] } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  };
}
