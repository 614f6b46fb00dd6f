import { decodePem } from '@amazon-pay-ts/signer/pem';
import { NotificationError } from './errors.js';
import { spkiFromCertificate } from './x509.js';

/** Returns the PEM text at a URL already checked by `checkSigningCertUrl`. */
export type FetchCertificate = (url: string) => Promise<string>;

/** SNS certificates are about 2 KB; anything much larger is not one. */
const MAX_CERTIFICATE_BYTES = 16 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

/**
 * Default certificate fetch: `fetch` with redirects refused (a redirect could leave the checked
 * host), a timeout and a size bound.
 */
export function defaultFetchCertificate(fetchImpl?: typeof fetch): FetchCertificate {
  return async (url) => {
    // Looked up per call, so a fetch installed later (a test double, a polyfill) is used.
    const response = await (fetchImpl ?? globalThis.fetch)(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_CERTIFICATE_BYTES) {
      await response.body?.cancel();
      throw new Error('certificate too large');
    }
    const text = await response.text();
    if (text.length > MAX_CERTIFICATE_BYTES) throw new Error('certificate too large');
    return text;
  };
}

/** The hash of an SNS signature: SHA-1 for `SignatureVersion` 1, SHA-256 for 2. */
export type SignatureHash = 'SHA-1' | 'SHA-256';

/** Verification keys of SNS signing certificates, by URL; made by {@link createCertificateCache}. */
export interface CertificateCache {
  /** The RSASSA-PKCS1-v1_5 verification key of the certificate at `url`, fetched once per URL. */
  key(url: string, hash: SignatureHash): Promise<CryptoKey>;
  /** Keys currently cached. */
  readonly size: number;
}

/**
 * A bounded cache (least recently used goes first) of certificate keys by URL. Concurrent requests
 * for one URL share a fetch; a failed fetch or import is forgotten, so the next message retries.
 */
export function createCertificateCache(
  fetchCertificate: FetchCertificate,
  maxEntries = 32,
): CertificateCache {
  const spkis = new Map<string, Promise<Uint8Array>>();
  const keys = new Map<string, Promise<CryptoKey>>();

  const spki = (url: string): Promise<Uint8Array> => {
    const cached = spkis.get(url);
    if (cached) {
      spkis.delete(url);
      spkis.set(url, cached);
      return cached;
    }
    const loading = loadSpki(fetchCertificate, url);
    loading.catch(() => {
      if (spkis.get(url) === loading) spkis.delete(url);
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
