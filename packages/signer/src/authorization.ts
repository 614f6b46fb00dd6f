import type { SignatureAlgorithm } from './algorithm.js';

/** The parts of an Amazon Pay `authorization` header. */
export interface ParsedAuthorization {
  /** The scheme named in the header, e.g. `AMZN-PAY-RSASSA-PSS-V2`. */
  algorithm: string;
  /** The key id named in the header. */
  publicKeyId: string;
  /** As listed in the header (senders normally use lower case; Amazon's Node SDK keeps the caller's case). */
  signedHeaders: string[];
  /** The list exactly as written, needed to rebuild what a sender signed. */
  signedHeadersRaw: string;
  /** The base64 signature. */
  signature: string;
}

/** `<algorithm> PublicKeyId=<id>, SignedHeaders=<a;b;c>, Signature=<base64>` */
export function formatAuthorization(
  algorithm: SignatureAlgorithm,
  publicKeyId: string,
  signedHeaders: string,
  signature: string,
): string {
  return (
    algorithm +
    ' PublicKeyId=' +
    publicKeyId +
    ', SignedHeaders=' +
    signedHeaders +
    ', Signature=' +
    signature
  );
}

const AUTHORIZATION =
  /^\s*(\S+)\s+PublicKeyId=([^\s,]+)\s*,\s*SignedHeaders=([^\s,]+)\s*,\s*Signature=([A-Za-z0-9+/]+={0,2})\s*$/;

/** Splits an `authorization` header into its parts; `null` if it does not have Amazon Pay's shape. */
export function parseAuthorizationHeader(value: string): ParsedAuthorization | null {
  const match = AUTHORIZATION.exec(value);
  if (!match) return null;
  const signedHeadersRaw = match[3]!;
  const signedHeaders = signedHeadersRaw.split(';');
  if (signedHeaders.some((name) => name === '')) return null;
  return {
    algorithm: match[1]!,
    publicKeyId: match[2]!,
    signedHeaders,
    signedHeadersRaw,
    signature: match[4]!,
  };
}
