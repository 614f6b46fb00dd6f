/**
 * MIRRORS `SeenStore` of @amazon-pay-ts/notifications (the contract agreed for its handler's
 * deduplication), declared here until that package ships it; then import it from there and delete
 * this file. Keep the two identical.
 */

/** Remembers notification ids so a redelivery, or the same message at two processes, acts once. */
export interface SeenStore {
  /** Insert-if-absent with expiry: records `id` for `ttlMs` unless it is present and unexpired.
   *  true = this caller now owns processing; false = processed or being processed elsewhere. Atomic. */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>;
  /** Processing succeeded: keep `id` for `ttlMs` (the retention window for redeliveries). */
  complete(id: string, ttlMs: number): void | Promise<void>;
  /** Processing failed or timed out: forget `id` so the next redelivery processes it. */
  release(id: string): void | Promise<void>;
}
