import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The admin password, kept only as an scrypt hash (node:crypto; memory-hard, so a stolen hash is
 * slow to guess): `scrypt:<log2 N>:<r>:<p>:<salt>:<key>`, salt and key in base64url. Produce one
 * with `pnpm --filter @amazon-pay-ts/examples storefront:hash-password` and put it in
 * STOREFRONT_ADMIN_PASSWORD_HASH. Hashing runs on libuv's thread pool, off the event loop.
 */
const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

interface ParsedHash {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(
  password: string,
  salt: Buffer,
  { log2N, r, p }: Omit<ParsedHash, 'salt' | 'key'>,
  length: number,
) {
  const N = 2 ** log2N;
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Checks the format (and sane cost parameters), so a bad variable fails at start, not at login. */
export function parsePasswordHash(encoded: string): ParsedHash {
  const parts = encoded.trim().split(':');
  const [scheme, log2N, r, p, salt, key] = parts;
  const ints = [log2N, r, p].map(Number);
  if (
    parts.length !== 6 ||
    scheme !== 'scrypt' ||
    !ints.every(Number.isInteger) ||
    ints[0]! < 14 ||
    ints[0]! > 20 ||
    ints[1]! < 8 ||
    ints[1]! > 32 ||
    ints[2]! < 1 ||
    ints[2]! > 16 ||
    !/^[\w-]{16,}$/.test(salt ?? '') ||
    !/^[\w-]{32,}$/.test(key ?? '')
  ) {
    throw new Error(
      'STOREFRONT_ADMIN_PASSWORD_HASH is not an scrypt hash from `storefront:hash-password` (scrypt:<log2 N>:<r>:<p>:<salt>:<key>)',
    );
  }
  return {
    log2N: ints[0]!,
    r: ints[1]!,
    p: ints[2]!,
    salt: Buffer.from(salt!, 'base64url'),
    key: Buffer.from(key!, 'base64url'),
  };
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < 12) throw new Error('use an admin password of at least 12 characters');
  const salt = randomBytes(16);
  const key = await derive(password, salt, { log2N: LOG2_N, r: R, p: P }, KEY_BYTES);
  return `scrypt:${LOG2_N}:${R}:${P}:${salt.toString('base64url')}:${key.toString('base64url')}`;
}

/** True when `password` matches `encoded`; compared in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (password.length > 1024) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
