import {
  AmazonPayAbortError,
  AmazonPayNetworkError,
  AmazonPayTimeoutError,
  type RequestContext,
} from './errors.js';
import { isThenable } from './log.js';
import { type AttemptOutcome, decideRetry, neverSent } from './retry-decision.js';
import type { RetryEvent, RetrySettings } from './retry-options.js';

/**
 * How far one attempt got, set by the attempt itself: still `preparing` (building and signing the
 * request: an error here is not a network failure and is not retried), `sent` (handed to fetch) or
 * `answered` (the response headers arrived; its body is being read).
 */
export interface AttemptProgress {
  phase: 'preparing' | 'sent' | 'answered';
}

/** What an attempt resolves to: at least the response, whose body it has read whole. */
export interface AttemptAnswer {
  readonly response: { readonly status: number; readonly headers: { get(name: string): string | null } };
}

/** One attempt: send with `signal` (aborted when the attempt or the call ends), read the whole answer. */
export type Attempt<A extends AttemptAnswer> = (signal: AbortSignal, progress: AttemptProgress) => Promise<A>;

/** The call a {@link RetriedCall} runs. */
export interface CallPlan {
  /** The caller's signal: aborts everything, waits included. */
  readonly signal: AbortSignal | undefined;
  /** A repeat cannot act twice (see `RetryState.replaySafe`). */
  readonly replaySafe: boolean;
  /** What errors say about the request; called only when one is raised. */
  readonly describe: () => RequestContext;
  /** Told before each retry, instead of `settings.onRetry` (the client's logger and hooks). */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** The answer that ended a call, with what the retries learnt. */
export interface CallOutcome<A> {
  readonly answer: A;
  /** Retries before this answer. */
  readonly retries: number;
  /**
   * Whether an earlier attempt may have acted without the caller seeing its answer (a lost reply,
   * a 5xx): a later refusal (say, 422 "already canceled") then does not prove that nothing happened.
   */
  readonly uncertain: boolean;
}

type AttemptResult<A> =
  | { readonly kind: 'answered'; readonly answer: A }
  | {
      readonly kind: 'failed';
      readonly error: unknown;
      readonly phase: AttemptProgress['phase'];
      readonly timedOut: boolean;
      readonly neverSent: boolean;
    }
  | { readonly kind: 'stopped'; readonly error: unknown };

/**
 * One call's attempts, deadlines and waits: the attempts decide nothing, {@link decideRetry} decides
 * after each one, and this class holds only the timers and aborts. The call's deadline and the
 * caller's signal stop it at once, a wait included; each attempt has its own controller, aborted by
 * its own deadline or by the call stopping. Per attempt there is one controller and one timer, set to
 * whichever comes first of the attempt's deadline and the call's (this runs on every call, so it
 * allocates little).
 */
export class RetriedCall<A extends AttemptAnswer> {
  readonly #settings: RetrySettings;
  readonly #plan: CallPlan;
  readonly #deadline: number;
  #retries = 0;
  #sent = false;
  #uncertain = false;
  /** Set once the caller aborted or the call's deadline passed. */
  #stopped = false;
  #stopReason: unknown;
  #timedOut = false;
  /** The attempt in flight: its controller and what rejects its race. */
  #attempt: { controller: AbortController; reject: (reason: unknown) => void } | undefined;
  /** The signal handed to `sleep`, while waiting between attempts. */
  #waiting: AbortController | undefined;
  /** Listens to the caller's signal, when there is one. */
  #onCallerAbort: (() => void) | undefined;

  /** Starts the call's deadline now. */
  constructor(settings: RetrySettings, plan: CallPlan) {
    this.#settings = settings;
    this.#plan = plan;
    this.#deadline = Date.now() + settings.timeoutMs;
  }

  /** Runs attempts until the decision returns an answer or throws. */
  async run(attempt: Attempt<A>): Promise<CallOutcome<A>> {
    const settings = this.#settings;
    const callerSignal = this.#plan.signal;
    if (callerSignal?.aborted) this.#stop(callerSignal.reason);
    else if (callerSignal) {
      this.#onCallerAbort = () => this.#stop(callerSignal.reason);
      callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    try {
      for (;;) {
        if (!this.#stopped && this.#deadline - Date.now() <= 0) this.#expire();
        if (this.#stopped) throw this.#stoppedError();
        const result = await this.#runAttempt(attempt);
        if (result.kind === 'stopped') throw this.#stoppedError(result.error);
        const outcome: AttemptOutcome =
          result.kind === 'answered'
            ? {
                kind: 'answered',
                status: result.answer.response.status,
                retryAfter: result.answer.response.headers.get('retry-after'),
              }
            : { kind: 'failed', neverSent: result.neverSent };
        const nowMs = Date.now();
        const decision = decideRetry(
          {
            outcome,
            retries: this.#retries,
            replaySafe: this.#plan.replaySafe,
            msLeft: this.#deadline - nowMs,
            nowMs,
          },
          settings,
        );
        if (decision.action !== 'wait') {
          if (result.kind === 'failed') throw this.#attemptError(result);
          return { answer: result.answer, retries: this.#retries, uncertain: this.#uncertain };
        }
        if (decision.mayHaveActed) this.#uncertain = true;
        this.#retries += 1;
        const notify = this.#plan.onRetry ?? settings.onRetry;
        if (notify !== undefined) {
          const answer = result.kind === 'answered' ? result.answer.response : undefined;
          const event: RetryEvent = {
            retry: this.#retries,
            attempt: this.#retries,
            delayMs: decision.ms,
            status: answer?.status,
            requestId: answer?.headers.get('x-amz-pay-request-id') ?? undefined,
            error: result.kind === 'failed' ? result.error : undefined,
            context: this.#plan.describe(),
          };
          // A notice that throws must not change the call: it is the listener's failure.
          try {
            const returned: unknown = notify(event);
            if (isThenable(returned)) returned.then(undefined, () => undefined);
          } catch {}
        }
        await this.#wait(decision.ms);
      }
    } finally {
      // A long-lived caller signal must not collect one listener per call.
      if (this.#onCallerAbort) callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    }
  }

  /** Stops the call: aborts the attempt in flight or the wait. */
  #stop(reason: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopReason = reason;
    this.#attempt?.controller.abort(reason);
    this.#attempt?.reject(reason);
    this.#waiting?.abort(reason);
  }

  #expire(): void {
    this.#timedOut = true;
    this.#stop(new DOMException(`no answer within ${this.#settings.timeoutMs} ms`, 'TimeoutError'));
  }

  async #wait(delayMs: number): Promise<void> {
    const waiting = new AbortController();
    this.#waiting = waiting;
    // The wait ends before the deadline, but a slow `sleep` must not outlive it.
    const timer = setTimeout(() => this.#expire(), Math.max(1, this.#deadline - Date.now()));
    (timer as { unref?: () => void }).unref?.();
    try {
      await this.#settings.sleep(delayMs, waiting.signal);
    } catch (error) {
      throw this.#stoppedError(error);
    } finally {
      clearTimeout(timer);
      this.#waiting = undefined;
    }
  }

  async #runAttempt(attempt: Attempt<A>): Promise<AttemptResult<A>> {
    const { attemptTimeoutMs } = this.#settings;
    const controller = new AbortController();
    // One timer: the attempt's deadline or the call's, whichever comes first.
    const callLeftMs = this.#deadline - Date.now();
    const callEndsFirst = callLeftMs <= attemptTimeoutMs;
    let attemptTimedOut = false;
    const timer = setTimeout(
      () => {
        if (callEndsFirst) {
          this.#expire();
          return;
        }
        attemptTimedOut = true;
        const reason = new DOMException(`attempt exceeded ${attemptTimeoutMs} ms`, 'TimeoutError');
        controller.abort(reason);
        this.#attempt?.reject(reason);
      },
      callEndsFirst ? Math.max(1, callLeftMs) : attemptTimeoutMs,
    );
    (timer as { unref?: () => void }).unref?.();
    const progress: AttemptProgress = { phase: 'preparing' };
    try {
      // Settled by the attempt, or at once by an abort or a deadline (through `reject`), even if the
      // attempt misses its signal.
      const answer = await new Promise<A>((resolve, reject) => {
        this.#attempt = { controller, reject };
        attempt(controller.signal, progress).then(resolve, reject);
      });
      return { kind: 'answered', answer };
    } catch (error) {
      if (progress.phase !== 'preparing') this.#sent = true;
      if (this.#stopped) return { kind: 'stopped', error };
      const { phase } = progress;
      if (attemptTimedOut) {
        return { kind: 'failed', error, phase, timedOut: true, neverSent: phase === 'preparing' };
      }
      // Fetch reports "no response" (refused, reset, DNS, TLS, body cut off) as a TypeError; anything
      // else, or anything before the request left, is not ours to retry.
      if (phase === 'preparing' || !(error instanceof TypeError)) throw error;
      return {
        kind: 'failed',
        error,
        phase,
        timedOut: false,
        neverSent: phase === 'sent' && neverSent(error),
      };
    } finally {
      if (progress.phase !== 'preparing') this.#sent = true;
      clearTimeout(timer);
      this.#attempt = undefined;
    }
  }

  #stoppedError(cause?: unknown): Error {
    const callerSignal = this.#plan.signal;
    const context = this.#plan.describe();
    return this.#timedOut && !callerSignal?.aborted
      ? new AmazonPayTimeoutError({
          ...context,
          timeoutMs: this.#settings.timeoutMs,
          retries: this.#retries,
          cause: cause ?? this.#stopReason,
        })
      : new AmazonPayAbortError({
          ...context,
          retries: this.#retries,
          cause: callerSignal?.reason ?? cause,
          mayHaveSucceeded: this.#sent,
        });
  }

  #attemptError(attempt: Extract<AttemptResult<A>, { kind: 'failed' }>): Error {
    const retries = this.#retries;
    const context = this.#plan.describe();
    const afterRetries = `(after ${retries} ${retries === 1 ? 'retry' : 'retries'})`;
    if (attempt.timedOut) {
      const what = attempt.phase === 'answered' ? 'reply body not complete' : 'no response headers';
      return new AmazonPayTimeoutError({
        ...context,
        timeoutMs: this.#settings.attemptTimeoutMs,
        retries,
        cause: attempt.error,
        message: `${what} within ${this.#settings.attemptTimeoutMs} ms ${afterRetries}`,
      });
    }
    const what = attempt.phase === 'answered' ? 'reply cut off mid-body' : 'no response';
    const attempts = `${retries + 1} attempt${retries ? 's' : ''}`;
    return new AmazonPayNetworkError({
      ...context,
      retries,
      cause: attempt.error,
      message: `${what} from ${hostOf(context.url)} after ${attempts}: ${describe(attempt.error)}`,
      mayHaveSucceeded: attempt.phase === 'answered' || !attempt.neverSent,
    });
  }
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return '(unparseable URL)';
  }
}

/** A failure in a few words, for a message: its message and its cause's. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
