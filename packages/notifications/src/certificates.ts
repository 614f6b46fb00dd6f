import { decodePem } from '@amazon-pay-ts/signer/pem';
import { NotificationError } from './errors.js';
import { readCapped } from './readCapped.js';
import { spkiFromCertificate } from './x509.js';

/** Returns the PEM text at a URL already checked by `checkSigningCertUrl`. */
export type FetchCertificate = (url: string) => Promise<string>;

/** SNS certificates are about 2 KB; anything much larger is not one. */
const MAX_CERTIFICATE_BYTES = 16 * 1024;
/** Short enough that verification and the handler's own limit stay within SNS's 15 s. */
const FETCH_TIMEOUT_MS = 5_000;
/** How long a failed certificate fetch is remembered by default: 10 s (SNS retries 20 s apart). */
export const DEFAULT_CERTIFICATE_RETRY_MS = 10_000;
/** Failed certificate URLs remembered at most (oldest forgotten first). */
const MAX_FAILURES = 256;

/**
 * Default certificate fetch: `fetch` with redirects refused (a redirect could leave the checked
 * host), a 5 s timeout, and at most 16 KiB read (the read stops there, content-length or not).
 */
export function defaultFetchCertificate(fetchImpl?: typeof fetch): FetchCertificate {
  return async (url) => {
    // Looked up per call, so a fetch installed later (a test double, a polyfill) is used.
    const response = await (fetchImpl ?? globalThis.fetch)(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new Error(`HTTP ${response.status}`);
    }
    const bytes = await readCapped(
      response.body,
      MAX_CERTIFICATE_BYTES,
      response.headers.get('content-length'),
    );
    if (bytes === undefined) throw new Error('certificate too large');
    return new TextDecoder().decode(bytes);
  };
}

/** The hash of an SNS signature: SHA-1 for `SignatureVersion` 1, SHA-256 for 2. */
export type SignatureHash = 'SHA-1' | 'SHA-256';

/** Bounds and clock of {@link createCertificateCache}. */
export interface CertificateCacheOptions {
  /** Certificates kept (least recently used dropped first). Default 32. */
  maxEntries?: number;
  /** Failed URLs remembered (oldest dropped first). Default 256. */
  maxFailures?: number;
  /** How long a failed fetch (or a document that is no certificate) is not retried. Default 10 s. */
  retryAfterMs?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/** Verification keys of SNS signing certificates, by URL; made by {@link createCertificateCache}. */
export interface CertificateCache {
  /** The RSASSA-PKCS1-v1_5 verification key of the certificate at `url`, fetched once per URL. */
  key(url: string, hash: SignatureHash): Promise<CryptoKey>;
  /** Keys currently cached. */
  readonly size: number;
  /** Failed URLs currently remembered (not fetched again until their retry time). */
  readonly failures: number;
}

/**
 * A bounded cache (least recently used goes first) of certificate keys by URL. Concurrent requests
 * for one URL share a fetch. A failed fetch is remembered for `retryAfterMs`, so a flood of
 * messages naming an unreachable certificate causes one fetch per URL per interval, not one each.
 */
export function createCertificateCache(
  fetchCertificate: FetchCertificate,
  options: CertificateCacheOptions = {},
): CertificateCache {
  const maxEntries = options.maxEntries ?? 32;
  const maxFailures = options.maxFailures ?? MAX_FAILURES;
  const retryAfterMs = options.retryAfterMs ?? DEFAULT_CERTIFICATE_RETRY_MS;
  const now = options.now ?? Date.now;
  const spkis = new Map<string, Promise<Uint8Array>>();
  const keys = new Map<string, Promise<CryptoKey>>();
  const failed = new Map<string, { error: NotificationError; retryAt: number }>();

  const remember = (url: string, error: unknown) => {
    if (!(error instanceof NotificationError)) return;
    failed.delete(url);
    failed.set(url, { error, retryAt: now() + retryAfterMs });
    while (failed.size > maxFailures) failed.delete(failed.keys().next().value as string);
  };

  /** The error of a fetch of `url` that failed within the retry interval, if any. */
  const recentFailure = (url: string): NotificationError | undefined => {
    const failure = failed.get(url);
    if (failure === undefined) return undefined;
    if (failure.retryAt > now()) return failure.error;
    failed.delete(url);
    return undefined;
  };

  const spki = (url: string): Promise<Uint8Array> => {
    const cached = spkis.get(url);
    if (cached) {
      spkis.delete(url);
      spkis.set(url, cached);
      return cached;
    }
    const loading = loadSpki(fetchCertificate, url);
    loading.catch((error: unknown) => {
      if (spkis.get(url) === loading) spkis.delete(url);
      remember(url, error);
    });
    spkis.set(url, loading);
    while (spkis.size > maxEntries) {
      const oldest = spkis.keys().next().value as string;
      spkis.delete(oldest);
      keys.delete(`SHA-1 ${oldest}`);
      keys.delete(`SHA-256 ${oldest}`);
    }
    return loading;
  };

  return {
    key(url, hash) {
      const failure = recentFailure(url);
      if (failure) return Promise.reject(failure);
      const id = `${hash} ${url}`;
      const bytes = spki(url);
      const cached = keys.get(id);
      if (cached) return cached;
      const importing = bytes.then((der) => importVerifyKey(der, hash));
      importing.catch(() => {
        if (keys.get(id) === importing) keys.delete(id);
      });
      keys.set(id, importing);
      return importing;
    },
    get size() {
      return spkis.size;
    },
    get failures() {
      return failed.size;
    },
  };
}

async function loadSpki(fetchCertificate: FetchCertificate, url: string): Promise<Uint8Array> {
  let pem: string;
  try {
    pem = await fetchCertificate(url);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unknown error';
    throw new NotificationError(
      'CERTIFICATE_UNAVAILABLE',
      `could not fetch the signing certificate: ${detail}`,
      {
        cause: error,
      },
    );
  }
  let der: Uint8Array;
  try {
    const block = decodePem(String(pem));
    if (block.label !== 'CERTIFICATE') throw new Error(block.label);
    der = block.der;
  } catch {
    throw new NotificationError('INVALID_CERTIFICATE', 'the signing certificate is not a PEM CERTIFICATE');
  }
  return spkiFromCertificate(der);
}

async function importVerifyKey(spki: Uint8Array, hash: SignatureHash): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey(
      'spki',
      spki as Uint8Array<ArrayBuffer>,
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['verify'],
    );
  } catch (error) {
    throw new NotificationError('INVALID_CERTIFICATE', 'the certificate public key could not be imported', {
      cause: error,
    });
  }
}
