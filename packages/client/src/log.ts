import type { Logger } from './config.js';

/**
 * `logger.warn`, isolated: a logger that throws (or rejects) must not turn a call that moved money
 * into a failure, so whatever it throws is dropped.
 */
export function warnSafely(
  logger: Logger | undefined,
  message: string,
  details: Record<string, unknown>,
): void {
  if (logger === undefined) return;
  try {
    const result: unknown = logger.warn(message, details);
    if (isThenable(result)) result.then(undefined, () => undefined);
  } catch {
    // The call's outcome stands; the logger's failure is the logger's.
  }
}

/** Whether a listener's return value is a promise (whose rejection must be caught). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
