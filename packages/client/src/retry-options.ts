import { AmazonPayConfigError, type RequestContext } from './errors.js';
import { RETRY_DEFAULTS, type RetryPolicy } from './retry-decision.js';

/** What `onRetry` receives before each retry. */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  /** The attempt that is repeated (1 for the first attempt). */
  readonly attempt: number;
  /** The wait before the next attempt. */
  readonly delayMs: number;
  /** The status that is retried, or undefined after a lost reply. */
  readonly status: number | undefined;
  /** `x-amz-pay-request-id` of the answer that is retried, when one came. */
  readonly requestId: string | undefined;
  /** The failure that is retried, or undefined after a retriable status. */
  readonly error: unknown;
  /** The request that is repeated: operation, method, URL (without credentials) and idempotency key. */
  readonly context: RequestContext;
}

/** Attempts, backoff, deadlines and hooks of a retried call. */
export interface RetryOptions {
  /** Attempts after the first, 0–10. Default 3. */
  maxRetries?: number;
  /** Deadline for the whole call, every attempt, body read and wait included. Default 60 s. */
  timeoutMs?: number;
  /** Deadline of one attempt, from sending until the whole body is read. Default 20 s. */
  attemptTimeoutMs?: number;
  /** First backoff ceiling; doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8000 ms. */
  maxDelayMs?: number;
  /**
   * A `Retry-After` longer than this (or than the time left before `timeoutMs`) is not waited for:
   * the response is returned as is. Default 20 s.
   */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** How to wait; must reject when `signal` aborts. Tests inject an instant one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called before each wait; what it throws is ignored (it cannot change the call). */
  onRetry?: (event: RetryEvent) => void;
}

/** {@link RetryOptions} with every default applied. */
export interface RetrySettings extends RetryPolicy {
  readonly timeoutMs: number;
  readonly attemptTimeoutMs: number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

/** Why `value` is not a deadline (a finite number of milliseconds above 0), or undefined when it is one. */
export function deadlineIssue(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? undefined
    : 'must be a finite positive number of milliseconds';
}

/** Why `value` is not a retry count (an integer from 0 to 10), or undefined when it is one. */
export function maxRetriesIssue(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10
    ? undefined
    : 'must be an integer from 0 to 10';
}

/** Refuses settings that would disable a bound or make waits meaningless (NaN, Infinity, negatives). */
export function checkRetryOptions(options: RetryOptions): void {
  const nonNegative = ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const;
  for (const name of ['timeoutMs', 'attemptTimeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && deadlineIssue(value) !== undefined) {
      throw new AmazonPayConfigError({
        field: name,
        message: `${name} must be a finite positive number of milliseconds`,
      });
    }
  }
  for (const name of nonNegative) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new AmazonPayConfigError({
        field: `retry.${name}`,
        message: `retry.${name} must be a finite number of milliseconds ≥ 0`,
      });
    }
  }
  const { maxRetries } = options;
  if (maxRetries !== undefined && maxRetriesIssue(maxRetries) !== undefined) {
    throw new AmazonPayConfigError({
      field: 'maxRetries',
      message: 'maxRetries must be an integer from 0 to 10',
    });
  }
  for (const name of ['random', 'sleep', 'onRetry'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new AmazonPayConfigError({ field: `retry.${name}`, message: `retry.${name} must be a function` });
    }
  }
}

/**
 * `settings` for one call that set its own `timeoutMs` and/or `maxRetries` (already checked); the
 * attempt deadline never outlives the call's.
 */
export function withCallLimits(
  settings: RetrySettings,
  timeoutMs: number | undefined,
  maxRetries: number | undefined,
): RetrySettings {
  const callTimeoutMs = timeoutMs ?? settings.timeoutMs;
  return {
    ...settings,
    timeoutMs: callTimeoutMs,
    attemptTimeoutMs: Math.min(settings.attemptTimeoutMs, callTimeoutMs),
    maxRetries: maxRetries ?? settings.maxRetries,
  };
}

/** Checks `options` and fills in the defaults. */
export function retrySettings(options: RetryOptions = {}): RetrySettings {
  checkRetryOptions(options);
  const timeoutMs = options.timeoutMs ?? RETRY_DEFAULTS.timeoutMs;
  return {
    maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    timeoutMs,
    // One attempt never outlives the call.
    attemptTimeoutMs: Math.min(options.attemptTimeoutMs ?? RETRY_DEFAULTS.attemptTimeoutMs, timeoutMs),
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    onRetry: options.onRetry,
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
