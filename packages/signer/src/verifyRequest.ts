import { isSignatureAlgorithm, type SignatureAlgorithm, saltLength } from './algorithm.js';
import { parseAmzDate } from './amzDate.js';
import { parseAuthorizationHeader } from './authorization.js';
import { canonicalHeaderValue } from './canonicalHeaders.js';
import { canonicalQuery } from './canonicalQuery.js';
import { canonicalRequest } from './canonicalRequest.js';
import { canonicalUri } from './canonicalUri.js';
import { SignerError } from './errors.js';
import { loadPublicKey } from './keys.js';
import { base64ToBytes } from './pem.js';
import { subtle } from './platform.js';
import { sha256Hex } from './sha256.js';
import { mustBeSigned } from './signableHeaders.js';
import { stringToSign } from './stringToSign.js';

/** Why {@link verifyRequest} refused a request. */
export type VerifyFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unknown-algorithm'
  | 'missing-signed-header'
  | 'header-not-signed'
  | 'missing-date'
  | 'date-skew'
  | 'bad-signature';

/** A request as a server sees it; `url` may be absolute or just the path and query. */
export interface IncomingRequest {
  /** The HTTP method. */
  method: string;
  /** The full URL as received, path and query included. */
  url: string;
  /** The received headers. */
  headers: Headers | Record<string, string>;
  /** The received body, byte for byte. */
  body?: string | Uint8Array;
}

/** Options of {@link verifyRequest}: the clock and the accepted clock skew. */
export interface VerifyOptions {
  /** The verifier's clock; defaults to now. */
  now?: Date;
  /** Largest accepted distance between `x-amz-pay-date` and `now`; default 15 minutes. */
  maxSkewMs?: number;
}

/** What {@link verifyRequest} found: the key id and scheme that signed, or why it failed. */
export type VerifyResult =
  | {
      /** The signature verifies. */
      ok: true;
      /** The key id that signed. */
      publicKeyId: string;
      /** The scheme it was signed with. */
      algorithm: SignatureAlgorithm;
      /** `canonical`: the documented canonical form; `as-sent`: the literal form Amazon's Node SDK signs. */
      form: 'canonical' | 'as-sent';
    }
  | {
      /** The request is refused. */
      ok: false;
      /** Why, as a stable code. */
      reason: VerifyFailureReason;
      /** Why, for a developer to read. */
      message: string;
      /** What this verifier expected the sender to sign, for showing to developers. */
      canonicalRequest?: string;
      /** The string to sign built from that canonical request. */
      stringToSign?: string;
    };

/** Largest accepted distance between `x-amz-pay-date` and the verifier's clock: 15 minutes. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Refuses options that would silently weaken the check: a NaN, negative or infinite `maxSkewMs`
 * (NaN compares false, which would accept any date) or an invalid `now`.
 */
function checkVerifyOptions(options: VerifyOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new SignerError('INVALID_CONFIG', 'verifyRequest options must be an object');
  }
  const { maxSkewMs, now } = options;
  if (
    maxSkewMs !== undefined &&
    !(typeof maxSkewMs === 'number' && Number.isFinite(maxSkewMs) && maxSkewMs >= 0)
  ) {
    throw new SignerError('INVALID_CONFIG', 'maxSkewMs must be a finite number of milliseconds ≥ 0');
  }
  if (now !== undefined && !(now instanceof Date && !Number.isNaN(now.getTime()))) {
    throw new SignerError('INVALID_CONFIG', 'now must be a valid Date');
  }
}

/** Headers Amazon Pay always requires to be signed. */
const REQUIRED_SIGNED = ['x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region'];
const utf8 = new TextEncoder();

/**
 * Checks an Amazon Pay request signature: the reverse of `signer.sign`, for simulators and tests.
 *
 * Two readings of the request are tried, and a signature over either is accepted: the documented
 * canonical form (RFC 3986 path and query, trimmed and collapsed header values), and the request as
 * sent — raw path and query, header values as received, the signed-header list as written — which
 * is what Amazon's Node SDK signs (it does not RFC 3986-encode query names). Both readings are
 * derived from the received bytes, so any change to what was signed fails both.
 *
 * A `Request` is read through a clone, so its body remains readable afterwards.
 */
export async function verifyRequest(
  request: Request | IncomingRequest,
  publicKey: CryptoKey | string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  checkVerifyOptions(options);
  const headers = request.headers instanceof Headers ? request.headers : new Headers(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === null) return fail('missing-authorization', 'the request has no authorization header');
  const parsed = parseAuthorizationHeader(authorization);
  if (!parsed) {
    return fail(
      'malformed-authorization',
      'authorization must read "<algorithm> PublicKeyId=<id>, SignedHeaders=<a;b>, Signature=<base64>"',
    );
  }
  const { algorithm } = parsed;
  if (!isSignatureAlgorithm(algorithm)) {
    return fail('unknown-algorithm', `unknown signature algorithm "${algorithm.slice(0, 64)}"`);
  }

  const dateHeader = headers.get('x-amz-pay-date');
  if (dateHeader === null) return fail('missing-date', 'the request has no x-amz-pay-date header');
  const date = parseAmzDate(dateHeader);
  if (!date)
    return fail('missing-date', `x-amz-pay-date "${dateHeader.slice(0, 40)}" is not YYYYMMDDTHHMMSSZ`);

  const signedNames = parsed.signedHeaders.map((name) => name.toLowerCase());
  const signedSet = new Set(signedNames);
  if (signedSet.has('authorization'))
    return fail('malformed-authorization', 'authorization cannot sign itself');
  for (const name of REQUIRED_SIGNED) {
    if (!signedSet.has(name)) return fail('header-not-signed', `${name} must be listed in SignedHeaders`);
  }
  // The signature covers exactly SignedHeaders; an unlisted header that would change what the
  // request does (any x-amz-pay-* header but the informational ones) is refused.
  for (const [name] of headers) {
    if (mustBeSigned(name) && !signedSet.has(name)) {
      return fail('header-not-signed', `${name} is present but not listed in SignedHeaders`);
    }
  }
  for (const name of signedNames) {
    if (!headers.has(name))
      return fail('missing-signed-header', `${name} is listed in SignedHeaders but absent`);
  }

  const body = await bodyBytes(request);
  const { path, query } = splitTarget(request.url);
  const payloadHash = await sha256Hex(body);

  const sortedNames = [...signedSet].sort();
  let headerBlock = '';
  for (const name of sortedNames) headerBlock += name + ':' + canonicalHeaderValue(headers.get(name)!) + '\n';
  const canonical = canonicalRequest({
    method: request.method,
    canonicalUri: canonicalUri(path),
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: headerBlock,
    signedHeaders: sortedNames.join(';'),
    payloadHash,
  });
  const canonicalStringToSign = stringToSign(algorithm, await sha256Hex(canonical));
  const details = { canonicalRequest: canonical, stringToSign: canonicalStringToSign };

  const now = options.now ?? new Date();
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const skew = date.getTime() - now.getTime();
  if (Math.abs(skew) > maxSkewMs) {
    const direction = skew > 0 ? 'ahead of' : 'behind';
    return fail(
      'date-skew',
      `x-amz-pay-date is ${Math.round(Math.abs(skew) / 1000)}s ${direction} the verifier's clock (limit ${Math.round(maxSkewMs / 1000)}s)`,
      details,
    );
  }

  let signature: Uint8Array;
  try {
    signature = base64ToBytes(parsed.signature);
  } catch {
    return fail('malformed-authorization', 'Signature is not valid base64');
  }
  const key = await loadPublicKey(publicKey);
  const params: RsaPssParams = { name: 'RSA-PSS', saltLength: saltLength(algorithm) };
  const verify = (text: string) =>
    subtle().verify(params, key, signature as Uint8Array<ArrayBuffer>, utf8.encode(text));

  const ok = { ok: true as const, publicKeyId: parsed.publicKeyId, algorithm };
  if (await verify(canonicalStringToSign)) return { ...ok, form: 'canonical' };

  let literalHeaders = '';
  for (const name of parsed.signedHeaders)
    literalHeaders += name.toLowerCase() + ':' + headers.get(name) + '\n';
  const asSent = canonicalRequest({
    method: request.method,
    canonicalUri: path === '' ? '/' : path,
    canonicalQuery: query,
    canonicalHeaders: literalHeaders,
    signedHeaders: parsed.signedHeadersRaw,
    payloadHash,
  });
  if (asSent !== canonical && (await verify(stringToSign(algorithm, await sha256Hex(asSent))))) {
    return { ...ok, form: 'as-sent' };
  }
  return fail(
    'bad-signature',
    `the signature does not match this request signed with ${algorithm} by public key id ${parsed.publicKeyId}`,
    details,
  );
}

function fail(
  reason: VerifyFailureReason,
  message: string,
  details?: { canonicalRequest: string; stringToSign: string },
): VerifyResult {
  return { ok: false, reason, message, ...details };
}

async function bodyBytes(request: Request | IncomingRequest): Promise<Uint8Array> {
  if (request instanceof Request) {
    return request.body === null ? new Uint8Array(0) : new Uint8Array(await request.clone().arrayBuffer());
  }
  const { body } = request;
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? utf8.encode(body) : body;
}

/** The raw path and query of an absolute or origin-form URL, exactly as written. */
export function splitTarget(url: string): { path: string; query: string } {
  const withoutFragment = url.split('#', 1)[0]!;
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(withoutFragment);
  const target = authority ? withoutFragment.slice(authority[0].length) : withoutFragment;
  const question = target.indexOf('?');
  return question === -1
    ? { path: target, query: '' }
    : { path: target.slice(0, question), query: target.slice(question + 1) };
}
