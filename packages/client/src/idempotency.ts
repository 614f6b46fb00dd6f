/** The header carrying the idempotency key of a POST. */
export const IDEMPOTENCY_HEADER = 'x-amz-pay-idempotency-key';

/** Amazon accepts at most 32 characters; a UUID without its dashes is exactly 32 hex digits. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A fresh key: `crypto.randomUUID()` without dashes. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * openapi-fetch middleware: gives every POST an `x-amz-pay-idempotency-key` unless it already has one.
 * It runs once per logical call, before a retrying fetch, so every retry carries the same key.
 */
export function idempotencyMiddleware(options: { generate?: () => string } = {}) {
  const generate = options.generate ?? newIdempotencyKey;
  return {
    /** Adds a fresh key to a POST that has none; leaves other requests alone. */
    onRequest({ request }: { request: Request }): Request | undefined {
      if (request.method !== 'POST' || request.headers.has(IDEMPOTENCY_HEADER)) return undefined;
      request.headers.set(IDEMPOTENCY_HEADER, generate());
      return request;
    },
  };
}
