import { createPublicKey, constants as cryptoConstants, KeyObject, verify as nodeVerify } from 'node:crypto';
import {
  loadPublicKey,
  parseAuthorizationHeader,
  type SignatureAlgorithm,
  saltLength,
  verifyRequest,
} from '@amazon-pay-ts/signer';
import { ApiError, shown } from './errors.js';
import { merchantIdFor } from './ids.js';

/** A public key whose signatures the simulator accepts, with its key id. */
export interface RegisteredKey {
  publicKeyId: string;
  /** SPKI PEM or a WebCrypto RSA-PSS public key. */
  publicKey: string | CryptoKey;
  /**
   * The merchant this key belongs to (several keys may share one); it owns what the key creates.
   * Defaults to an id derived from publicKeyId, so each key is its own merchant.
   */
  merchantId?: string;
}

interface LoadedKey {
  publicKeyId: string;
  merchantId: string;
  cryptoKey: CryptoKey;
  keyObject: KeyObject;
}

/** The public keys the simulator knows, by public key id, imported once. */
export class KeyRing {
  private keys = new Map<string, Promise<LoadedKey>>();

  add(key: RegisteredKey): void {
    if (!key.publicKeyId) throw new TypeError('a registered key needs a publicKeyId');
    this.keys.set(key.publicKeyId, load(key));
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }

  get(id: string): Promise<LoadedKey> | undefined {
    return this.keys.get(id);
  }
}

async function load(key: RegisteredKey): Promise<LoadedKey> {
  const cryptoKey = await loadPublicKey(key.publicKey);
  const keyObject =
    typeof key.publicKey === 'string' ? createPublicKey(key.publicKey) : KeyObject.from(key.publicKey);
  return {
    publicKeyId: key.publicKeyId,
    merchantId: key.merchantId ?? merchantIdFor(key.publicKeyId),
    cryptoKey,
    keyObject,
  };
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface Verified {
  publicKeyId: string;
  merchantId: string;
  algorithm: SignatureAlgorithm;
}

/**
 * The authorization header parsed and its key looked up, from the headers alone: Amazon's answers for
 * a missing or malformed header and for an unknown key. Runs before the body is read and again when
 * the signature is verified.
 */
export function registeredAuthorization(keys: KeyRing, headers: Record<string, string>) {
  const authorization = headers.authorization;
  if (authorization === undefined) {
    throw new ApiError(
      400,
      'MissingHeader',
      "The 'authorization' header is missing; every API request must be signed.",
    );
  }
  const parsed = parseAuthorizationHeader(authorization);
  if (!parsed) {
    throw new ApiError(
      400,
      'InvalidHeaderValue',
      "The 'authorization' header must read '<algorithm> PublicKeyId=<id>, SignedHeaders=<a;b;c>, Signature=<base64>'.",
    );
  }
  const loaded = keys.get(parsed.publicKeyId);
  if (!loaded) {
    const known = keys.ids();
    throw new ApiError(
      401,
      'UnauthorizedAccess',
      `Public key id ${shown(parsed.publicKeyId)} is not registered with this simulator${known.length ? ` (registered: ${known.join(', ')})` : ''}.`,
    );
  }
  return { parsed, loaded };
}

/**
 * Verifies a request like Amazon does and turns each failure into the status and reason code
 * Amazon answers, with a message that says what differed and what the simulator computed.
 */
export async function verifySignature(
  keys: KeyRing,
  request: SignedRequest,
  now: Date,
  maxSkewMs: number,
): Promise<Verified> {
  const { parsed, loaded } = registeredAuthorization(keys, request.headers);
  const key = await loaded;
  // The headers Amazon accepts outside the signature (simulation code, Amazon's PHP SDK's informational
  // headers and delegated token) are the signer's UNSIGNED_AMAZON_PAY_HEADERS.
  const result = await verifyRequest(request, key.cryptoKey, { now, maxSkewMs });
  if (result.ok)
    return { publicKeyId: result.publicKeyId, merchantId: key.merchantId, algorithm: result.algorithm };

  switch (result.reason) {
    case 'missing-authorization':
      throw new ApiError(400, 'MissingHeader', `The 'authorization' header is missing.`);
    case 'malformed-authorization':
    case 'unknown-algorithm':
      throw new ApiError(400, 'InvalidHeaderValue', `Invalid 'authorization' header: ${result.message}.`);
    case 'missing-date':
      throw new ApiError(400, 'MissingHeaderValue', `Invalid request date: ${result.message}.`);
    case 'missing-signed-header':
      throw new ApiError(400, 'MissingHeader', `Signed header missing: ${result.message}.`);
    case 'header-not-signed':
      throw new ApiError(401, 'InvalidRequestSignature', `Unsigned header: ${result.message}.`);
    case 'date-skew':
      throw new ApiError(
        400,
        'InvalidHeaderValue',
        `x-amz-pay-date is outside the accepted window: ${result.message}. Check the clock of the signing machine.`,
      );
    case 'bad-signature': {
      const saltHint = diagnoseSalt(key.keyObject, parsed.algorithm, parsed.signature, result.stringToSign);
      throw new ApiError(
        401,
        'InvalidRequestSignature',
        [
          `Unable to verify signature: ${result.message}.`,
          saltHint,
          `Signing string computed by the simulator [${result.stringToSign ?? ''}], signature [${parsed.signature}].`,
          `Canonical request computed by the simulator:\n${result.canonicalRequest ?? ''}`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
  }
}

/** Says so when the signature is right but made with the other algorithm's salt length. */
function diagnoseSalt(
  key: KeyObject,
  algorithm: string,
  signatureB64: string,
  stringToSign: string | undefined,
): string | undefined {
  if (!stringToSign) return undefined;
  const named = algorithm === 'AMZN-PAY-RSASSA-PSS' ? 20 : 32;
  const other = named === 20 ? 32 : 20;
  const signature = Buffer.from(signatureB64, 'base64');
  const verifiesWith = (salt: number, text: string) => {
    try {
      return nodeVerify(
        'sha256',
        Buffer.from(text),
        { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: salt },
        signature,
      );
    } catch {
      return false;
    }
  };
  const otherName = other === 20 ? 'AMZN-PAY-RSASSA-PSS' : 'AMZN-PAY-RSASSA-PSS-V2';
  const renamed = stringToSign.replace(/^[^\n]*/, otherName);
  if (verifiesWith(other, stringToSign) || verifiesWith(other, renamed)) {
    return `The signature was made with salt length ${other} (${otherName}) but the authorization header names ${algorithm}, which needs salt length ${saltLength(algorithm as SignatureAlgorithm)}.`;
  }
  return undefined;
}
