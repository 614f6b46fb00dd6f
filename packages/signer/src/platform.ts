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

/** What a key file's type and size are read from (Node's `fs.Stats`). */
export interface FileStatsLike {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
}

/** The few synchronous calls of Node's `fs` a bounded key file read needs. */
export interface FsLike {
  openSync(path: string, flags: number): number;
  fstatSync(fd: number): FileStatsLike;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: null): number;
  closeSync(fd: number): void;
  constants: { O_RDONLY: number; O_NONBLOCK?: number };
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
