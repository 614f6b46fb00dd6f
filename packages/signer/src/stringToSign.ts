import type { SignatureAlgorithm } from './algorithm.js';

/** The string to sign: the algorithm name, `\n`, and the hex SHA-256 of the canonical request. */
export function stringToSign(algorithm: SignatureAlgorithm | string, canonicalRequestHash: string): string {
  return algorithm + '\n' + canonicalRequestHash;
}
