/** Statuses worth another attempt: timeouts, throttling and transient server failures. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The defaults of the retry settings; the client README explains each. */
export const RETRY_DEFAULTS = {
  maxRetries: 3,
  timeoutMs: 60_000,
  attemptTimeoutMs: 20_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
} as const;

/** How one attempt ended, as far as the retry decision cares. */
export type AttemptOutcome =
  /** A response arrived and its body was read whole. */
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfter: string | null }
  /**
   * No complete response: refused, reset, cut off mid-body, or past `attemptTimeoutMs`.
   * `neverSent`: the failure proves the request never reached a server (connection refused, DNS).
   */
  | { readonly kind: 'failed'; readonly neverSent: boolean };

/** Everything the decision depends on after one attempt. */
export interface RetryState {
  readonly outcome: AttemptOutcome;
  /** Retries already made (0 after the first attempt). */
  readonly retries: number;
  /**
   * Whether repeating the request cannot act twice: it carries an idempotency key (Amazon replays
   * the first result) or is not a POST (Amazon's GET, PATCH and DELETE are idempotent).
   */
  readonly replaySafe: boolean;
  /** Milliseconds left before the call's deadline. */
  readonly msLeft: number;
  /** The current time, for `Retry-After` given as an HTTP date. */
  readonly nowMs: number;
}

/** The settings the decision reads. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  /** Source of jitter in [0, 1). */
  readonly random: () => number;
}

/** What to do after an attempt. */
export type RetryDecision =
  /** Hand the answer back as it is (a success, or a status not worth repeating). */
  | { readonly action: 'return' }
  /** Raise the failed attempt's error. */
  | { readonly action: 'throw' }
  /**
   * Wait `ms`, then try again. `mayHaveActed`: the attempt may have had its effect without the
   * caller seeing the answer (a lost reply, a 5xx), so a later refusal does not prove nothing happened.
   */
  | { readonly action: 'wait'; readonly ms: number; readonly mayHaveActed: boolean };

/**
 * The retry rule, as a pure function. Retried: a failed attempt when a repeat cannot act twice
 * (`replaySafe`) or the request provably never left; a retriable status, after its `Retry-After`
 * (seconds or HTTP date) or else exponential backoff with full jitter, unless that `Retry-After` is
 * longer than `maxRetryAfterMs`. Never past `maxRetries`, and never a wait that would end at or after
 * the deadline: the caller learns the outcome now instead.
 */
export function decideRetry(state: RetryState, policy: RetryPolicy): RetryDecision {
  const { outcome, retries } = state;
  const stop: RetryDecision = { action: outcome.kind === 'failed' ? 'throw' : 'return' };
  if (retries >= policy.maxRetries) return stop;
  let ms: number | undefined;
  if (outcome.kind === 'failed') {
    if (state.replaySafe || outcome.neverSent) ms = backoffDelay(retries, policy);
  } else if (RETRIABLE_STATUSES.has(outcome.status)) {
    const retryAfter = parseRetryAfter(outcome.retryAfter, state.nowMs);
    if (retryAfter === undefined) ms = backoffDelay(retries, policy);
    else if (retryAfter <= policy.maxRetryAfterMs) ms = retryAfter;
  }
  if (ms === undefined || ms >= state.msLeft) return stop;
  const mayHaveActed = outcome.kind === 'failed' ? !outcome.neverSent : outcome.status >= 500;
  return { action: 'wait', ms, mayHaveActed };
}

/** Full jitter: a uniform wait between 0 and min(maxDelayMs, baseDelayMs · 2^retry). */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

/** `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Connection errors that prove the request never reached a server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

/** Whether a fetch error proves the request never left (its `cause.code` says so). */
export function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NEVER_SENT.has(code);
}
