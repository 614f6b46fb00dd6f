/** Amazon Pay regions; the value sent in `x-amz-pay-region`. */
export type AmazonPayRegion = 'na' | 'eu' | 'jp';

export const REGIONS: readonly AmazonPayRegion[] = ['na', 'eu', 'jp'];

export function isRegion(value: unknown): value is AmazonPayRegion {
  return value === 'na' || value === 'eu' || value === 'jp';
}
