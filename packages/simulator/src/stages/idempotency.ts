import { createHash } from 'node:crypto';
import { DAY } from '../clock.js';
import { ApiError } from '../errors.js';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

/**
 * Amazon's idempotency: a key replays the first successful response for 24 hours when the same
 * request comes again, and is rejected (DuplicateIdempotencyKey) when it comes with a different one.
 */
export class IdempotencyStore {
  private entries = new Map<string, StoredResponse>();

  private scope(publicKeyId: string, key: string) {
    return `${publicKeyId}\u0000${key}`;
  }

  static fingerprint(method: string, path: string, body: Uint8Array): string {
    return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
  }

  lookup(publicKeyId: string, key: string, fingerprint: string, now: number): StoredResponse | undefined {
    const entry = this.entries.get(this.scope(publicKeyId, key));
    if (!entry) return undefined;
    if (now - entry.storedAt > DAY) {
      this.entries.delete(this.scope(publicKeyId, key));
      return undefined;
    }
    if (entry.fingerprint !== fingerprint) {
      throw new ApiError(
        400,
        'DuplicateIdempotencyKey',
        `The idempotency key '${key}' was already used for a different request (method, path or body differ); use a new key for a new request.`,
      );
    }
    return entry;
  }

  remember(publicKeyId: string, key: string, entry: StoredResponse): void {
    this.entries.set(this.scope(publicKeyId, key), entry);
  }
}
