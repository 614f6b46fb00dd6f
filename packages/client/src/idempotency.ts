import type { FieldIssue } from './errors.js';

/** The header carrying the idempotency key of a POST. */
export const IDEMPOTENCY_HEADER = 'x-amz-pay-idempotency-key';

/** Amazon accepts at most 32 characters; a UUID without its dashes is exactly 32 hex digits. */
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A fresh key: `crypto.randomUUID()` without dashes. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** What is wrong with a key Amazon would refuse (named `path`), or undefined when it is usable. */
export function idempotencyKeyIssue(path: string, key: unknown): FieldIssue | undefined {
  if (typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key)) return undefined;
  return {
    path,
    message: 'must be 1 to 32 letters, digits, "_" or "-" (Amazon limits the key to 32 characters)',
  };
}

/**
 * The idempotency key a request carries: `present` (the caller's), or for a POST without one, a
 * fresh key from `generate`. The rule of both doors: decided once per logical call, before any
 * attempt, so every retry sends the same key and Amazon replays the first result instead of acting
 * twice. Other methods carry no key of the client's making (Amazon ignores one there).
 */
export function idempotencyKeyFor(
  method: string,
  present: string | undefined,
  generate: () => string = newIdempotencyKey,
): string | undefined {
  return present ?? (method === 'POST' ? generate() : undefined);
}

/**
 * openapi-fetch middleware for a client of your own: gives every POST an `x-amz-pay-idempotency-key`
 * unless it already has one ({@link idempotencyKeyFor}). It runs once per call, above a retrying
 * fetch, so every retry carries the same key.
 */
export function idempotencyMiddleware(options: { generate?: () => string } = {}) {
  const { generate } = options;
  return {
    /** Adds a fresh key to a POST that has none; leaves other requests alone. */
    onRequest({ request }: { request: Request }): Request | undefined {
      if (request.headers.has(IDEMPOTENCY_HEADER)) return undefined;
      const key = idempotencyKeyFor(request.method, undefined, generate);
      if (key === undefined) return undefined;
      request.headers.set(IDEMPOTENCY_HEADER, key);
      return request;
    },
  };
}
