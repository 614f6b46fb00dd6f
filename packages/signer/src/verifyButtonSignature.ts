import { DEFAULT_ALGORITHM, isSignatureAlgorithm, type SignatureAlgorithm, saltLength } from './algorithm.js';
import { loadPublicKey } from './keys.js';
import { base64ToBytes } from './pem.js';
import { subtle } from './platform.js';
import { sha256Hex } from './sha256.js';
import { stringToSign } from './stringToSign.js';

/** Checks a button signature over the exact payload string the front end received. */
export async function verifyButtonSignature(
  payload: string,
  signature: string,
  publicKey: CryptoKey | string,
  algorithm: SignatureAlgorithm = DEFAULT_ALGORITHM,
): Promise<{
  /** True if the signature verifies. */
  ok: boolean;
  /** Why not, when it does not. */
  reason?: string;
}> {
  if (!isSignatureAlgorithm(algorithm)) return { ok: false, reason: 'unknown-algorithm' };
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(signature);
  } catch {
    return { ok: false, reason: 'malformed-signature' };
  }
  const key = await loadPublicKey(publicKey);
  const text = stringToSign(algorithm, await sha256Hex(payload));
  const ok = await subtle().verify(
    { name: 'RSA-PSS', saltLength: saltLength(algorithm) },
    key,
    bytes as Uint8Array<ArrayBuffer>,
    new TextEncoder().encode(text),
  );
  return ok ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
