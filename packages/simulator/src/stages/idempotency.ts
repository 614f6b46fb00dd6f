import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

/**
 * Amazon's idempotency: a key replays the first successful response when the same request comes
 * again, and is rejected (DuplicateIdempotencyKey) when it comes with a different one. Keys belong
 * to a merchant account and are kept indefinitely, so the same key may be used by another merchant
 * (developer.amazon.com/docs/amazon-pay-api-v2/idempotency.html).
 */
export class IdempotencyStore {
  /**
   * The key a request is held to: Amazon "enforces idempotency for POST requests"; on GET, PATCH and
   * DELETE a key has "no effect, since those requests are idempotent by definition" (its Idempotency
   * guide) — Amazon's Node SDK sandbox test sends its create-session key on every later call.
   */
  static keyOf(method: string, headers: Record<string, string>): string | undefined {
    return method === 'POST' ? headers['x-amz-pay-idempotency-key'] : undefined;
  }

  private entries = new Map<string, StoredResponse>();

  private scope(merchantId: string, key: string) {
    return `${merchantId}\u0000${key}`;
  }

  static fingerprint(method: string, path: string, body: Uint8Array): string {
    return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
  }

  lookup(merchantId: string, key: string, fingerprint: string): StoredResponse | undefined {
    const entry = this.entries.get(this.scope(merchantId, key));
    if (!entry) return undefined;
    if (entry.fingerprint !== fingerprint) {
      throw new ApiError(
        400,
        'DuplicateIdempotencyKey',
        `The idempotency key '${key}' was already used for a different request (method, path or body differ); use a new key for a new request.`,
      );
    }
    return entry;
  }

  remember(merchantId: string, key: string, entry: StoredResponse): void {
    this.entries.set(this.scope(merchantId, key), entry);
  }

  /** Forgets every key (the simulator's reset). */
  clear(): void {
    this.entries.clear();
  }
}
