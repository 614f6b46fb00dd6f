/**
 * How many entries each of the simulator's logs (requests, state changes, IPN deliveries) keeps
 * unless told otherwise: a simulator left running (a container, a shared dev server) would
 * otherwise hold every request it was ever sent, including unauthenticated ones.
 */
export const DEFAULT_MAX_LOG_ENTRIES = 10_000;

/** Appends `entry`, dropping the oldest entries past `limit` (newest kept). */
export function appendCapped<T>(log: T[], entry: T, limit: number = DEFAULT_MAX_LOG_ENTRIES): void {
  log.push(entry);
  if (log.length > limit) log.splice(0, log.length - limit);
}
