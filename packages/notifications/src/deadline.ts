/** What {@link Deadline.race} resolves to when the deadline came first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** A time limit: its signal aborts when it passes, and work raced against it stops being awaited. */
export interface Deadline {
  /** Aborted when the time is up (pass it on: fetch, the merchant's callback). */
  readonly signal: AbortSignal;
  /** The work's result, or TIMED_OUT if the time ran out first (the work is then left to settle alone). */
  race<T>(work: () => T | PromiseLike<T>): Promise<Awaited<T> | typeof TIMED_OUT>;
  /** Stops the timer; call when done. */
  clear(): void;
}

/** Starts a deadline `ms` from now (a timer, so fake timers can drive it in tests). */
export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms);
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve(TIMED_OUT), { once: true });
  });
  return {
    signal: controller.signal,
    race(work) {
      // A synchronous throw becomes a rejection; a rejection after the deadline is not left unhandled.
      const running = Promise.resolve().then(work);
      running.catch(() => {});
      return Promise.race([running, expired]);
    },
    clear: () => clearTimeout(timer),
  };
}

/** Runs `work` for at most `ms`; resolves to its error (or a timeout error), or undefined when it succeeded. */
export async function attempt(work: () => unknown, ms: number): Promise<unknown> {
  const deadline = startDeadline(ms);
  try {
    const outcome = await deadline.race(work);
    return outcome === TIMED_OUT ? new Error(`no answer within ${ms} ms`) : undefined;
  } catch (error) {
    return error;
  } finally {
    deadline.clear();
  }
}
