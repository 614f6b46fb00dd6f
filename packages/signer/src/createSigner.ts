import { DEFAULT_ALGORITHM, isSignatureAlgorithm, type SignatureAlgorithm, saltLength } from './algorithm.js';
import { amzDate } from './amzDate.js';
import { formatAuthorization } from './authorization.js';
import { canonicalHeaderValue } from './canonicalHeaders.js';
import { encodedQueryPairs, joinQuery, sortedQuery } from './canonicalQuery.js';
import { canonicalRequest } from './canonicalRequest.js';
import { canonicalUri } from './canonicalUri.js';
import { cpuCount, createLimiter } from './concurrency.js';
import { SignerError } from './errors.js';
import { checkPrivateCryptoKey, importPkcs8 } from './keys.js';
import { parsePrivateKey } from './parsePrivateKey.js';
import { bytesToBase64 } from './pem.js';
import { subtle } from './platform.js';
import { type AmazonPayRegion, isRegion } from './region.js';
import { EMPTY_SHA256, sha256Hex } from './sha256.js';
import { isSignableHeader } from './signableHeaders.js';

export interface SignerConfig {
  /** The public key id from Seller Central (`SANDBOX-…`/`LIVE-…` ids select the environment themselves). */
  publicKeyId: string;
  /** PEM text (PKCS#8 or PKCS#1), a PEM file path (Node), or an RSA-PSS/SHA-256 `CryptoKey`. */
  privateKey: string | CryptoKey;
  region: AmazonPayRegion;
  /** Defaults to `AMZN-PAY-RSASSA-PSS-V2` (salt 32). */
  algorithm?: SignatureAlgorithm;
  /** Source of `x-amz-pay-date`; tests and simulators pass a fixed clock. */
  clock?: () => Date;
  /**
   * Most signatures handed to WebCrypto at once; further ones wait their turn. Defaults to the
   * number of CPUs, which the bench shows keeps every core busy without starving the event loop.
   */
  maxConcurrentSignatures?: number;
}

export interface Signer {
  readonly publicKeyId: string;
  readonly region: AmazonPayRegion;
  readonly algorithm: SignatureAlgorithm;
  /**
   * Returns a new `Request` carrying `accept`, `content-type`, `x-amz-pay-date`, `x-amz-pay-host`,
   * `x-amz-pay-region` and `authorization`, with the same body bytes. The URL's path and query and
   * the signed header values are rewritten into their canonical form when they are not already, so
   * what is sent is byte for byte what was signed; the path keeps its segments (an encoded `/` stays
   * encoded, nothing is collapsed or resolved), so it addresses the same resource. The input
   * request's body is consumed.
   */
  sign(request: Request): Promise<Request>;
  /**
   * Signs a button payload (`algorithm\nhex(sha256(payload))`). An object is serialised with
   * `JSON.stringify`; the returned `payload` is the exact string signed — hand that same string to
   * `amazon.Pay.renderButton` as `payloadJSON`.
   */
  signButtonPayload(payload: string | object): Promise<{ payload: string; signature: string }>;
}

const JSON_TYPE = 'application/json';
// What fetch adds to a string body without a content-type; Amazon Pay wants JSON there.
const FETCH_DEFAULT_CONTENT_TYPE = /^text\/plain;charset=utf-8$/i;
const PUBLIC_KEY_ID = /^[A-Za-z0-9._-]+$/;
const utf8 = new TextEncoder();

/**
 * Builds a signer. Synchronous: the configuration and the key are checked now (throwing
 * {@link SignerError}); the key is imported into WebCrypto once, on first use, and held only in
 * this closure — it never appears in the returned object, its JSON or its inspection.
 */
export function createSigner(config: SignerConfig): Signer {
  if (typeof config !== 'object' || config === null)
    throw invalid('createSigner needs a configuration object');
  const { publicKeyId, region, clock = () => new Date() } = config;
  const algorithm = config.algorithm ?? DEFAULT_ALGORITHM;
  if (typeof publicKeyId !== 'string' || !PUBLIC_KEY_ID.test(publicKeyId)) {
    throw invalid('publicKeyId must be a non-empty string of letters, digits, ".", "_" or "-"');
  }
  if (!isRegion(region))
    throw invalid(`region must be one of "na", "eu", "jp" (got ${JSON.stringify(region)})`);
  if (!isSignatureAlgorithm(algorithm)) {
    throw invalid(
      `algorithm must be "AMZN-PAY-RSASSA-PSS-V2" or "AMZN-PAY-RSASSA-PSS" (got ${JSON.stringify(algorithm)})`,
    );
  }
  if (typeof clock !== 'function') throw invalid('clock must be a function returning a Date');

  let pendingPkcs8: Uint8Array | undefined;
  let keyPromise: Promise<CryptoKey> | undefined;
  if (typeof config.privateKey === 'string') pendingPkcs8 = parsePrivateKey(config.privateKey).pkcs8;
  else keyPromise = Promise.resolve(checkPrivateCryptoKey(config.privateKey));

  const signingKey = (): Promise<CryptoKey> => {
    if (keyPromise) return keyPromise;
    const pkcs8 = pendingPkcs8!;
    keyPromise = importPkcs8(pkcs8).then(
      (key) => {
        pendingPkcs8 = undefined; // the DER copy is no longer needed once WebCrypto holds the key
        return key;
      },
      (error: unknown) => {
        keyPromise = undefined;
        throw new SignerError('INVALID_KEY', `WebCrypto refused the private key (${(error as Error).name})`);
      },
    );
    return keyPromise;
  };

  const pssParams: RsaPssParams = { name: 'RSA-PSS', saltLength: saltLength(algorithm) };
  const stringToSignPrefix = algorithm + '\n';

  const limited = createLimiter(config.maxConcurrentSignatures ?? cpuCount());

  async function signString(text: string): Promise<string> {
    const key = await signingKey();
    const data = utf8.encode(text);
    const signature = await limited(() => subtle().sign(pssParams, key, data));
    return bytesToBase64(new Uint8Array(signature));
  }

  // Consecutive requests within one second share the date string.
  let lastSecond = Number.NaN;
  let lastDate = '';
  function currentAmzDate(): string {
    const now = clock();
    const second = Math.floor(now.getTime() / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastDate = amzDate(now);
    }
    return lastDate;
  }

  async function sign(request: Request): Promise<Request> {
    if (!(request instanceof Request))
      throw new SignerError('INVALID_REQUEST', 'sign() takes a Fetch API Request');
    if (request.bodyUsed) throw new SignerError('INVALID_REQUEST', 'the request body has already been read');
    // Read once: these bytes are hashed and become the new request's body.
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());

    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    if (!headers.has('accept')) headers.set('accept', JSON_TYPE);
    const contentType = headers.get('content-type');
    if (contentType === null || FETCH_DEFAULT_CONTENT_TYPE.test(contentType))
      headers.set('content-type', JSON_TYPE);
    headers.set('x-amz-pay-date', currentAmzDate());
    headers.set('x-amz-pay-host', url.host);
    headers.set('x-amz-pay-region', region);

    // Headers iterates lower-case names in sorted order, which is the canonical order.
    let headerBlock = '';
    let signedHeaders = '';
    for (const [name, value] of headers) {
      if (!isSignableHeader(name)) continue;
      const canonical = canonicalHeaderValue(value);
      if (canonical !== value) headers.set(name, canonical);
      headerBlock += name + ':' + canonical + '\n';
      signedHeaders += (signedHeaders === '' ? '' : ';') + name;
    }

    let urlChanged = false;
    const path = canonicalUri(url.pathname);
    if (path !== url.pathname) {
      url.pathname = path;
      urlChanged = true;
    }
    let query = '';
    if (url.search !== '') {
      const pairs = encodedQueryPairs(url.search);
      const inOrder = joinQuery(pairs);
      if ('?' + inOrder !== url.search) {
        url.search = inOrder;
        urlChanged = true;
      }
      query = sortedQuery(pairs);
    }

    const payloadHash = body === null || body.length === 0 ? EMPTY_SHA256 : await sha256Hex(body);
    const canonical = canonicalRequest({
      method: request.method,
      canonicalUri: path,
      canonicalQuery: query,
      canonicalHeaders: headerBlock,
      signedHeaders,
      payloadHash,
    });
    const signature = await signString(stringToSignPrefix + (await sha256Hex(canonical)));
    headers.set('authorization', formatAuthorization(algorithm, publicKeyId, signedHeaders, signature));

    if (!urlChanged) return new Request(request, { headers, body });
    return new Request(url, {
      method: request.method,
      headers,
      body,
      signal: request.signal,
      redirect: request.redirect,
      credentials: request.credentials,
      cache: request.cache,
      mode: request.mode === 'navigate' ? 'same-origin' : request.mode,
      referrer: request.referrer,
      referrerPolicy: request.referrerPolicy,
      integrity: request.integrity,
      keepalive: request.keepalive,
    });
  }

  async function signButtonPayload(
    payload: string | object,
  ): Promise<{ payload: string; signature: string }> {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (typeof text !== 'string')
      throw new SignerError('INVALID_REQUEST', 'the button payload is not serialisable to JSON');
    return { payload: text, signature: await signString(stringToSignPrefix + (await sha256Hex(text))) };
  }

  return Object.freeze({ publicKeyId, region, algorithm, sign, signButtonPayload });
}

function invalid(message: string): SignerError {
  return new SignerError('INVALID_CONFIG', message);
}
