/** The two signature schemes Amazon Pay accepts; they differ only in the RSASSA-PSS salt length. */
export type SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';

/** The scheme used when none is given: `AMZN-PAY-RSASSA-PSS-V2`. */
export const DEFAULT_ALGORITHM: SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS-V2';

const SALT_LENGTHS: Readonly<Record<SignatureAlgorithm, number>> = {
  'AMZN-PAY-RSASSA-PSS': 20,
  'AMZN-PAY-RSASSA-PSS-V2': 32,
};

/** True if the value names one of the two signature schemes. */
export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return typeof value === 'string' && Object.hasOwn(SALT_LENGTHS, value);
}

/** RSASSA-PSS salt length in bytes: 20 for the original scheme, 32 for V2. */
export function saltLength(algorithm: SignatureAlgorithm): number {
  return SALT_LENGTHS[algorithm];
}
