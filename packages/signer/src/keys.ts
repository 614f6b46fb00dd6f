import { encodeElement, OID_RSA_ENCRYPTION, TAG_NULL, TAG_OID, TAG_SEQUENCE } from './der.js';
import { SignerError } from './errors.js';
import { parsePrivateKey } from './parsePrivateKey.js';
import { decodePem, encodePem } from './pem.js';
import { subtle } from './platform.js';

/** Amazon Pay signs with RSASSA-PSS over SHA-256 (MGF1 with SHA-256); the salt length is per call. */
export const RSA_PSS_SHA256 = { name: 'RSA-PSS', hash: 'SHA-256' } as const;

const TAG_BIT_STRING = 0x03;

/** Imports a private key once: PEM text, a PEM file path (Node), or an RSA-PSS/SHA-256 `CryptoKey`. */
export async function loadPrivateKey(pemOrPath: string | CryptoKey): Promise<CryptoKey> {
  if (typeof pemOrPath !== 'string') return checkCryptoKey(pemOrPath, 'private');
  const { pkcs8 } = parsePrivateKey(pemOrPath);
  return importPkcs8(pkcs8);
}

/** WebCrypto import of PKCS#8 DER as a non-extractable signing key. */
export function importPkcs8(pkcs8: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, RSA_PSS_SHA256, false, ['sign']);
}

const publicKeyCache = new Map<string, Promise<CryptoKey>>();

/**
 * Imports a public key: SPKI PEM (`PUBLIC KEY`), PKCS#1 PEM (`RSA PUBLIC KEY`), or an RSA-PSS/SHA-256
 * `CryptoKey`. PEM imports are cached, so a verifier may pass the same PEM on every request.
 */
export function loadPublicKey(pemOrKey: string | CryptoKey): Promise<CryptoKey> {
  if (typeof pemOrKey !== 'string') return Promise.resolve().then(() => checkCryptoKey(pemOrKey, 'public'));
  const cached = publicKeyCache.get(pemOrKey);
  if (cached) return cached;
  const imported = Promise.resolve().then(() => importPublicPem(pemOrKey));
  imported.catch(() => publicKeyCache.delete(pemOrKey));
  if (publicKeyCache.size >= 64) publicKeyCache.clear();
  publicKeyCache.set(pemOrKey, imported);
  return imported;
}

async function importPublicPem(pem: string): Promise<CryptoKey> {
  const block = decodePem(pem);
  let spki: Uint8Array;
  if (block.label === 'PUBLIC KEY') spki = block.der;
  else if (block.label === 'RSA PUBLIC KEY') spki = pkcs1PublicToSpki(block.der);
  else if (block.label.includes('PRIVATE KEY')) {
    throw new SignerError(
      'INVALID_CONFIG',
      'expected a public key, got a private key: never hand private keys to a verifier',
    );
  } else throw new SignerError('NOT_PEM', `unexpected PEM block "${block.label}": expected PUBLIC KEY`);
  try {
    return await subtle().importKey('spki', spki as Uint8Array<ArrayBuffer>, RSA_PSS_SHA256, true, [
      'verify',
    ]);
  } catch {
    throw new SignerError('NOT_RSA', 'the public key could not be imported as an RSA key');
  }
}

/** Wraps PKCS#1 `RSAPublicKey` DER in `SubjectPublicKeyInfo` (rsaEncryption, NULL parameters). */
export function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array {
  return encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_SEQUENCE, encodeElement(TAG_OID, OID_RSA_ENCRYPTION), encodeElement(TAG_NULL)),
    encodeElement(TAG_BIT_STRING, Uint8Array.of(0), pkcs1),
  );
}

/** Checks a caller's `CryptoKey` can sign RSA-PSS/SHA-256; throws `INVALID_CONFIG` otherwise. */
export function checkPrivateCryptoKey(key: CryptoKey): CryptoKey {
  return checkCryptoKey(key, 'private');
}

function checkCryptoKey(key: CryptoKey, type: 'private' | 'public'): CryptoKey {
  const algorithm = key?.algorithm as RsaHashedKeyAlgorithm | undefined;
  if (
    typeof key !== 'object' ||
    key === null ||
    key.type !== type ||
    algorithm?.name !== 'RSA-PSS' ||
    algorithm.hash?.name !== 'SHA-256'
  ) {
    throw new SignerError(
      'INVALID_CONFIG',
      `expected a ${type} CryptoKey for { name: 'RSA-PSS', hash: 'SHA-256' }, got ${describeKey(key)}`,
    );
  }
  const usage = type === 'private' ? 'sign' : 'verify';
  if (!key.usages.includes(usage)) {
    throw new SignerError('INVALID_CONFIG', `the CryptoKey lacks the "${usage}" usage`);
  }
  if (algorithm.modulusLength < 2048) {
    throw new SignerError(
      'KEY_TOO_SMALL',
      `the RSA key is ${algorithm.modulusLength} bits; at least 2048 are required`,
    );
  }
  return key;
}

function describeKey(key: unknown): string {
  if (typeof key !== 'object' || key === null) return typeof key;
  const { type, algorithm } = key as {
    type?: string;
    algorithm?: { name?: string; hash?: { name?: string } };
  };
  return `${type ?? 'unknown'} ${algorithm?.name ?? 'unknown'}${algorithm?.hash?.name ? `/${algorithm.hash.name}` : ''} key`;
}

/** A fresh RSA key pair as PEM (PKCS#8 private, SPKI public), for tests, the simulator and demos. */
export async function generateKeyPairPem(bits = 2048): Promise<{
  /** The private key, PKCS#8 PEM: keep it secret. */
  privateKeyPem: string;
  /** The public key, SPKI PEM: the one to register in Seller Central. */
  publicKeyPem: string;
}> {
  const pair = await subtle().generateKey(
    { ...RSA_PSS_SHA256, modulusLength: bits, publicExponent: Uint8Array.of(1, 0, 1) },
    true,
    ['sign', 'verify'],
  );
  const [pkcs8, spki] = await Promise.all([
    subtle().exportKey('pkcs8', pair.privateKey),
    subtle().exportKey('spki', pair.publicKey),
  ]);
  return {
    privateKeyPem: encodePem('PRIVATE KEY', new Uint8Array(pkcs8)),
    publicKeyPem: encodePem('PUBLIC KEY', new Uint8Array(spki)),
  };
}
