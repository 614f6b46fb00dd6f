import { type AmazonPayRegion, normalizeRegion } from '@amazon-pay-ts/signer';
/** Amazon Pay regions as sent in `x-amz-pay-region`. */
export type Region = AmazonPayRegion;
/** Accepted spellings of a region: the three codes and the aliases Amazon's SDKs accept. */
export type RegionInput = Region | 'us' | 'de' | 'uk' | 'NA' | 'EU' | 'JP' | 'US' | 'DE' | 'UK';
/** The API environment a call goes to: `live` or `sandbox`. */
export type Environment = 'live' | 'sandbox';

/** Region aliases (`us` → na, `de`/`uk` → eu) are the signer's, so the client and simulator agree. */
export { normalizeRegion };

const HOSTS: Readonly<Record<Region, string>> = {
  na: 'pay-api.amazon.com',
  eu: 'pay-api.amazon.eu',
  jp: 'pay-api.amazon.jp',
};

/** `live`/`sandbox` in any case, or undefined for anything else. */
export function normalizeEnvironment(value: unknown): Environment | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'live' || lower === 'sandbox' ? lower : undefined;
}

/**
 * Key ids created per environment in Seller Central (`LIVE-…`, `SANDBOX-…`) use the unified endpoint,
 * which has no `/live` or `/sandbox` segment; the key id itself selects the environment.
 */
export function keyEnvironment(publicKeyId: string): Environment | undefined {
  const upper = publicKeyId.toUpperCase();
  if (upper.startsWith('LIVE-')) return 'live';
  if (upper.startsWith('SANDBOX-')) return 'sandbox';
  return undefined;
}

/**
 * The URL every `/v2/…` path is appended to: `https://pay-api.amazon.eu/sandbox`,
 * `https://pay-api.amazon.com` (unified endpoint), or `<baseUrl>[/<environment>]` for a simulator.
 */
export function resolveBaseUrl(options: {
  region: Region;
  environment: Environment | undefined;
  publicKeyId: string;
  baseUrl?: string | undefined;
}): string {
  const origin = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : `https://${HOSTS[options.region]}`;
  const segment = keyEnvironment(options.publicKeyId) ? undefined : options.environment;
  return segment ? `${origin}/${segment}` : origin;
}
