/**
 * Where the handler remembers which notifications it processed, so a redelivery (SNS retries, at
 * least once delivery) does not run `onNotification` twice. Back it with a shared store (Redis,
 * a database table with a unique key) when several processes receive notifications.
 */
export interface SeenStore {
  /** True if `id` was processed already. */
  has(id: string): boolean | Promise<boolean>;
  /** Records `id` as processed; called only after `onNotification` succeeded. */
  add(id: string): void | Promise<void>;
}

/** Notification ids the default in-memory store remembers: 10 000. */
export const DEFAULT_SEEN_ENTRIES = 10_000;

/**
 * The default store: this process's memory, keeping the `maxEntries` most recent ids (oldest
 * forgotten first), so memory stays bounded however many notifications arrive.
 */
export function createMemorySeenStore(maxEntries = DEFAULT_SEEN_ENTRIES): SeenStore & {
  /** Ids currently remembered. */
  readonly size: number;
} {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add(id) {
      ids.delete(id);
      ids.add(id);
      if (ids.size > maxEntries) ids.delete(ids.values().next().value as string);
    },
    get size() {
      return ids.size;
    },
  };
}
