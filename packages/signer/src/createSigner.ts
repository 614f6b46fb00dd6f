import { DEFAULT_ALGORITHM, isSignatureAlgorithm, type SignatureAlgorithm, saltLength } from './algorithm.js';
import { amzDate } from './amzDate.js';
import { formatAuthorization } from './authorization.js';
import { BufferedRequest } from './bufferedRequest.js';
import { canonicalHeaderValue } from './canonicalHeaders.js';
import { encodedQueryPairs, joinQuery, sortedQuery } from './canonicalQuery.js';
import { canonicalRequest } from './canonicalRequest.js';
import { canonicalUri } from './canonicalUri.js';
import { createLimiter, defaultMaxConcurrentSignatures } from './concurrency.js';
import { SignerError } from './errors.js';
import { checkPrivateCryptoKey, importPkcs8 } from './keys.js';
import { parsePrivateKey } from './parsePrivateKey.js';
import { bytesToBase64 } from './pem.js';
import { subtle } from './platform.js';
import { type AmazonPayRegion, isRegion } from './region.js';
import { EMPTY_SHA256, sha256Hex, sha256HexNow } from './sha256.js';
import { isSignableHeader } from './signableHeaders.js';

/** What {@link createSigner} takes: key id, private key, region, and optional scheme, clock and concurrency. */
export interface SignerConfig {
  /** The public key id from Seller Central (`SANDBOX-…`/`LIVE-…` ids select the environment themselves). */
  publicKeyId: string;
  /** PEM text (PKCS#8 or PKCS#1), a PEM file path (Node), or an RSA-PSS/SHA-256 `CryptoKey`. */
  privateKey: string | CryptoKey;
  /** The region sent in `x-amz-pay-region`: `na`, `eu` or `jp`. */
  region: AmazonPayRegion;
  /** Defaults to `AMZN-PAY-RSASSA-PSS-V2` (salt 32). */
  algorithm?: SignatureAlgorithm;
  /** Source of `x-amz-pay-date`; tests and simulators pass a fixed clock. */
  clock?: () => Date;
  /**
   * Most signatures handed to WebCrypto at once; further ones wait their turn. Defaults to the
   * number of CPUs but at least 4 (Node's default thread-pool size): the bench shows that keeps
   * every core busy without starving the event loop, where one per CPU left cores idle on 2 CPUs.
   */
  maxConcurrentSignatures?: number;
}

/** What {@link Signer.signHeaders} signs: the request exactly as it will be sent. */
export interface SignHeadersInput {
  /** The HTTP method. */
  method: string;
  /** The full URL, path and query included. */
  url: string | URL;
  /** Headers to send (and sign) besides the ones the signer adds. */
  headers?: HeadersInit;
  /** The exact body that will be sent; a string is sent as UTF-8. */
  body?: string | Uint8Array | null;
}

/** Signs Amazon Pay API requests with one private key; made by {@link createSigner}. */
export interface Signer {
  /** The key id the signatures name. */
  readonly publicKeyId: string;
  /** The region sent in `x-amz-pay-region`. */
  readonly region: AmazonPayRegion;
  /** The signature scheme. */
  readonly algorithm: SignatureAlgorithm;
  /**
   * Returns the request signed: carrying `accept`, `content-type`, `x-amz-pay-date`,
   * `x-amz-pay-host`, `x-amz-pay-region` and `authorization`, with the same body bytes. The URL's path
   * and query and the signed header values are rewritten into their canonical form when they are not
   * already, so what is sent is byte for byte what was signed; the path keeps its segments (an
   * encoded `/` stays encoded, nothing is collapsed or resolved), so it addresses the same resource.
   *
   * A {@link BufferedRequest} whose body is in memory (`bodySource`) and whose URL is already
   * canonical is signed in place: those bytes are hashed, the headers are set on it and the same
   * request is returned, without reading its body stream or building another `Request`. Any other
   * request's body is read (consumed) and a new `Request` carrying it is returned.
   */
  sign(request: Request): Promise<Request>;
  /**
   * The lower-level step under {@link Signer.sign}, for callers that build their own `Request` (or
   * send with something else): signs `method`, `url`, `headers` and `body` as given and returns every
   * header to send — the caller's (lower-case names, signed values in canonical form) plus `accept`,
   * `content-type`, `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region` and `authorization`.
   * Nothing is read from or written to a `Request`, so no body stream is read and no `Request` is
   * rebuilt. The URL must already be canonical (path segments RFC 3986-encoded, query pairs encoded
   * and in the order `sign()` would write them); otherwise a `SignerError` `INVALID_REQUEST` says
   * so, because the bytes sent would not be the bytes signed — `sign()` rewrites such URLs.
   */
  signHeaders(request: SignHeadersInput): Promise<Record<string, string>>;
  /**
   * Signs a button payload (`algorithm\nhex(sha256(payload))`). An object is serialised with
   * `JSON.stringify`; the returned `payload` is the exact string signed — hand that same string to
   * `amazon.Pay.renderButton` as `payloadJSON`, with `signature` and `algorithm`.
   */
  signButtonPayload(payload: string | object): Promise<ButtonSignature>;
}

/** A signed button payload: the three values `createCheckoutSessionConfig` (or `signInConfig`) takes. */
export interface ButtonSignature {
  /** The payload exactly as signed: pass it to `renderButton` as `payloadJSON`, unchanged. */
  payload: string;
  /** The base64 signature of the payload. */
  signature: string;
  /**
   * The scheme the signature was made with: pass it as `algorithm`. Amazon reads a missing
   * `algorithm` as the original `AMZN-PAY-RSASSA-PSS`, so a V2 signature without it is refused
   * ("Invalid signature").
   */
  algorithm: SignatureAlgorithm;
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

  const limited = createLimiter(config.maxConcurrentSignatures ?? defaultMaxConcurrentSignatures());

  let readyKey: CryptoKey | undefined;
  async function signString(text: string): Promise<string> {
    // After the first signature the key is at hand: no extra turn through a resolved promise.
    if (readyKey === undefined) readyKey = await signingKey();
    const key = readyKey;
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

  /**
   * Completes and canonicalises `headers` (lower-case names, values as `Headers` holds them) in place,
   * signs, and sets `authorization`. Returns the canonical URL when it differs from `url`, else
   * `undefined`. A `Map` rather than `Headers`: every call makes one, and `Headers` validates and
   * re-sorts on each access. The names it sets go to `changed`, when given.
   */
  async function signParts(
    method: string,
    url: URL,
    headers: Map<string, string>,
    body: string | Uint8Array | null,
    changed?: string[],
  ): Promise<URL | undefined> {
    const set = (name: string, value: string) => {
      headers.set(name, value);
      changed?.push(name);
    };
    headers.delete('authorization');
    if (!headers.has('accept')) set('accept', JSON_TYPE);
    const contentType = headers.get('content-type');
    if (contentType === undefined || FETCH_DEFAULT_CONTENT_TYPE.test(contentType))
      set('content-type', JSON_TYPE);
    set('x-amz-pay-date', currentAmzDate());
    set('x-amz-pay-host', url.host);
    set('x-amz-pay-region', region);

    // Canonical order: lower-case names sorted by code unit, as `Headers` iterates them.
    let headerBlock = '';
    let signedHeaders = '';
    for (const name of [...headers.keys()].sort()) {
      if (!isSignableHeader(name)) continue;
      const value = headers.get(name) as string;
      const canonical = canonicalHeaderValue(value);
      if (canonical !== value) set(name, canonical);
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
      method,
      canonicalUri: path,
      canonicalQuery: query,
      canonicalHeaders: headerBlock,
      signedHeaders,
      payloadHash,
    });
    const signature = await signString(stringToSignPrefix + sha256HexNow(canonical));
    set('authorization', formatAuthorization(algorithm, publicKeyId, signedHeaders, signature));
    return urlChanged ? url : undefined;
  }

  async function sign(request: Request): Promise<Request> {
    if (!(request instanceof Request))
      throw new SignerError('INVALID_REQUEST', 'sign() takes a Fetch API Request');
    if (request.bodyUsed) throw new SignerError('INVALID_REQUEST', 'the request body has already been read');
    const buffered = request instanceof BufferedRequest ? request.bodySource : undefined;
    // Read once otherwise: these bytes are hashed and become the new request's body.
    const body =
      buffered !== undefined
        ? buffered
        : request.body === null
          ? null
          : new Uint8Array(await request.arrayBuffer());
    const headers = headerMap(request.headers);
    const changed: string[] = [];
    const canonicalUrl = await signParts(request.method, new URL(request.url), headers, body, changed);

    if (canonicalUrl === undefined) {
      if (buffered === undefined)
        return new Request(request, { headers: [...headers], body: body as BodyInit | null });
      // In place: only what signing added or canonicalised changes.
      for (const name of changed) request.headers.set(name, headers.get(name) as string);
      return request;
    }
    const RequestClass = buffered === undefined ? Request : BufferedRequest;
    return new RequestClass(canonicalUrl, {
      method: request.method,
      headers: [...headers],
      body: body as BodyInit | null,
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

  async function signHeaders(input: SignHeadersInput): Promise<Record<string, string>> {
    if (
      typeof input !== 'object' ||
      input === null ||
      typeof input.method !== 'string' ||
      input.method === ''
    )
      throw new SignerError('INVALID_REQUEST', 'signHeaders() takes { method, url, headers?, body? }');
    const body = input.body ?? null;
    if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
      throw new SignerError('INVALID_REQUEST', 'signHeaders() takes a string or Uint8Array body');
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new SignerError(
        'INVALID_REQUEST',
        `signHeaders() needs an absolute URL (got ${String(input.url)})`,
      );
    }
    const headers = headerMap(input.headers);
    const canonicalUrl = await signParts(normalizeMethod(input.method), url, headers, body);
    if (canonicalUrl !== undefined) {
      throw new SignerError(
        'INVALID_REQUEST',
        `signHeaders() needs the URL in canonical form (${canonicalUrl.href}); sign() rewrites it for you`,
      );
    }
    const signed: Record<string, string> = {};
    for (const name of [...headers.keys()].sort()) signed[name] = headers.get(name) as string;
    return signed;
  }

  async function signButtonPayload(payload: string | object): Promise<ButtonSignature> {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (typeof text !== 'string')
      throw new SignerError('INVALID_REQUEST', 'the button payload is not serialisable to JSON');
    const signature = await signString(stringToSignPrefix + (await sha256Hex(text)));
    return { payload: text, signature, algorithm };
  }

  return Object.freeze({ publicKeyId, region, algorithm, sign, signHeaders, signButtonPayload });
}

/** A lower-case token, as `Headers` stores names. */
const LOWER_CASE_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** A value `Headers` would store unchanged: Latin-1, no CR/LF/NUL, no blanks at either end. */
const STORED_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/**
 * Headers as `Headers` would hold them (lower-case names, trimmed values, repeats joined with
 * ", "), in a `Map`. A plain object already in that form (what the client passes) is copied as is;
 * anything else goes through `Headers`, which validates and normalises it (and throws its TypeError).
 */
function headerMap(input: HeadersInit | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (input === undefined || input === null) return map;
  // A Headers holds its entries in that form already.
  if (input instanceof Headers) {
    for (const [name, value] of input) map.set(name, value);
    return map;
  }
  if (!Array.isArray(input) && typeof input === 'object') {
    let stored = true;
    for (const name in input) {
      const value = (input as Record<string, unknown>)[name];
      if (
        !Object.hasOwn(input, name) ||
        typeof value !== 'string' ||
        !LOWER_CASE_NAME.test(name) ||
        !STORED_VALUE.test(value)
      ) {
        stored = false;
        break;
      }
      map.set(name, value);
    }
    if (stored) return map;
    map.clear();
  }
  for (const [name, value] of new Headers(input)) map.set(name, value);
  return map;
}

// Fetch upper-cases these six methods whatever case they were given in, and sends others as given.
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

function invalid(message: string): SignerError {
  return new SignerError('INVALID_CONFIG', message);
}
