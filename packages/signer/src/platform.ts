import { SignerError } from './errors.js';

/** WebCrypto's SubtleCrypto, or a clear error on a platform without it. */
export function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) {
    throw new SignerError(
      'UNSUPPORTED_PLATFORM',
      'globalThis.crypto.subtle is not available: this package needs WebCrypto (Node >= 20, Bun, Deno, workers, browsers in a secure context)',
    );
  }
  return api;
}

interface FsLike {
  readFileSync(path: string, encoding: 'utf8'): string;
}

/**
 * Node's `fs`, reached synchronously without a static import so the package still loads where there
 * is no file system; `undefined` on such platforms and on Node before 20.16, which lacks
 * `process.getBuiltinModule` (the packages' `engines` ask for >= 20.16.0).
 */
export function nodeFs(): FsLike | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return runtime?.getBuiltinModule?.('node:fs') as FsLike | undefined;
}
