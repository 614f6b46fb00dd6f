/**
 * Remembers notification ids so a redelivery, or the same message at two processes, acts once.
 * The handler claims an id before calling `onNotification`, completes it when that succeeded and
 * releases it when it failed or timed out. Back it with a shared store (Redis `SET NX PX`, a table
 * with a unique key) when several processes receive notifications, and check it with
 * `runSeenStoreContract` from `@amazon-pay-ts/notifications/testing`. Stores compute expiry from
 * JavaScript time, `Date.now() + ttlMs`.
 */
export interface SeenStore {
  /**
   * Insert-if-absent with expiry: records `id` for `ttlMs` unless it is present and unexpired.
   * true = this caller now owns processing; false = processed or being processed elsewhere. Atomic.
   */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>;
  /** Processing succeeded: keep `id` for `ttlMs` (the retention window for redeliveries). */
  complete(id: string, ttlMs: number): void | Promise<void>;
  /** Processing failed or timed out: forget `id` so the next redelivery processes it. */
  release(id: string): void | Promise<void>;
}

/** Notification ids the default in-memory store remembers: 10 000. */
export const DEFAULT_SEEN_ENTRIES = 10_000;

/** The in-memory {@link SeenStore}, with its current size. */
export interface MemorySeenStore extends SeenStore {
  /** Claims `id` for `ttlMs` unless it is held and unexpired. */
  claim(id: string, ttlMs: number): boolean;
  /** Keeps `id` for `ttlMs` from now. */
  complete(id: string, ttlMs: number): void;
  /** Forgets `id`. */
  release(id: string): void;
  /** Ids currently held (expired ones are dropped as the store is used). */
  readonly size: number;
}

/**
 * The default store: this process's memory, holding at most `maxEntries` ids (expired ones dropped
 * first, then the least recently claimed or completed), so memory stays bounded however many
 * notifications arrive. One process only: it does not see another process's claims.
 */
export function createMemorySeenStore(maxEntries = DEFAULT_SEEN_ENTRIES): MemorySeenStore {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  // Id → expiry (ms since the epoch), in the order ids were last claimed or completed.
  const expiries = new Map<string, number>();

  const hold = (id: string, until: number, now: number) => {
    expiries.delete(id);
    expiries.set(id, until);
    // Expired ids at the old end go first; a full store drops every expired id, then the oldest.
    for (const [oldest, expiry] of expiries) {
      if (expiry > now) break;
      expiries.delete(oldest);
    }
    if (expiries.size <= maxEntries) return;
    for (const [held, expiry] of expiries) if (expiry <= now) expiries.delete(held);
    while (expiries.size > maxEntries) expiries.delete(expiries.keys().next().value as string);
  };

  return {
    claim(id, ttlMs) {
      const now = Date.now();
      const until = expiries.get(id);
      if (until !== undefined && until > now) return false;
      hold(id, now + ttlMs, now);
      return true;
    },
    complete(id, ttlMs) {
      const now = Date.now();
      hold(id, now + ttlMs, now);
    },
    release(id) {
      expiries.delete(id);
    },
    get size() {
      return expiries.size;
    },
  };
}
