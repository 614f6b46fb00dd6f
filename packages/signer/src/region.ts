/** Amazon Pay regions; the value sent in `x-amz-pay-region`. */
export type AmazonPayRegion = 'na' | 'eu' | 'jp';

/** The three Amazon Pay regions. */
export const REGIONS: readonly AmazonPayRegion[] = ['na', 'eu', 'jp'];

/** True if the value is exactly `na`, `eu` or `jp`. */
export function isRegion(value: unknown): value is AmazonPayRegion {
  return value === 'na' || value === 'eu' || value === 'jp';
}

// The names Amazon's SDKs accept for each region (the official Node SDK sends `us`, the Java SDK `EU`).
const REGION_ALIASES: Readonly<Record<string, AmazonPayRegion>> = {
  na: 'na',
  us: 'na',
  eu: 'eu',
  de: 'eu',
  uk: 'eu',
  jp: 'jp',
};

/** The region a name stands for, in any case (`'US'` → `'na'`), or undefined for an unknown name. */
export function normalizeRegion(value: unknown): AmazonPayRegion | undefined {
  return typeof value === 'string' ? REGION_ALIASES[value.toLowerCase()] : undefined;
}
