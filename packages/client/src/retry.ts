import { AmazonPayAbortError, AmazonPayNetworkError, AmazonPayTimeoutError } from './errors.js';

/** Statuses worth another attempt: timeouts, throttling and transient server failures. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly status: number | undefined;
  readonly error: unknown;
  readonly request: Request;
}

export interface RetryOptions {
  /** The fetch each attempt goes through; put signing inside it so every attempt is signed afresh. */
  fetch?: FetchFunction;
  /** Attempts after the first. Default 3. */
  maxRetries?: number;
  /** Deadline for the whole call, every attempt and wait included. */
  timeoutMs?: number;
  /** First backoff ceiling; doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8000 ms. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the response is returned as is. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** How to wait; must reject when `signal` aborts. Tests inject an instant one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

const retriesByResponse = new WeakMap<Response, number>();

/** How many retries preceded this response (0 when it answered the first attempt or did not come from a retrying fetch). */
export function retriesOf(response: Response): number {
  return retriesByResponse.get(response) ?? 0;
}

/**
 * A fetch that retries transient failures with exponential backoff and full jitter, honours
 * `Retry-After`, and stops everything when the request's signal aborts or `timeoutMs` passes.
 * It re-sends a fresh copy of the request each time, so an inner signing fetch signs every attempt.
 * Errors: `AmazonPayNetworkError` (no response after every attempt), `AmazonPayTimeoutError`, `AmazonPayAbortError`.
 */
export function createRetryingFetch(options: RetryOptions = {}): FetchFunction {
  const inner = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const { timeoutMs, onRetry } = options;

  return async function retryingFetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // One controller for the whole call, held strongly here: the caller's signal and the deadline
    // both abort it. (AbortSignal.any/timeout and the signal copies made by each new Request hold
    // each other only weakly; once collected, an abort would never reach the fetch.)
    const controller = new AbortController();
    const { signal } = controller;
    const onCallerAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onCallerAbort();
    else request.signal.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
          }, timeoutMs);
    // Never keeps a process alive; left running after a response so the deadline also covers the body.
    (timer as { unref?: () => void } | undefined)?.unref?.();
    const whenStopped = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    whenStopped.catch(() => undefined);
    let retries = 0;

    const stopped = (cause?: unknown): Error =>
      timedOut && !request.signal.aborted
        ? new AmazonPayTimeoutError(timeoutMs ?? 0, retries, { cause: cause ?? signal.reason })
        : new AmazonPayAbortError(retries, { cause: request.signal.reason ?? cause });

    try {
      // Read the body once: a Request body is a one-shot stream, and every attempt needs it.
      const body = request.body === null ? null : await request.arrayBuffer();
      for (;;) {
        if (signal.aborted) throw stopped();
        // Each attempt goes to the inner fetch as (url, init) rather than a new Request: a signing
        // fetch can then sign the bytes it already has without reading a stream or building a Request.
        const attempt: RequestInit = {
          method: request.method,
          headers: request.headers,
          body,
          signal,
          redirect: request.redirect,
        };
        let response: Response | undefined;
        let failure: unknown;
        try {
          // The race makes an abort or the deadline effective at once, even if the fetch misses it.
          response = await Promise.race([inner(request.url, attempt), whenStopped]);
        } catch (error) {
          if (signal.aborted) throw stopped(error);
          // Fetch reports "no response" (refused, reset, DNS, TLS) as a TypeError; anything else is not ours to retry.
          if (!(error instanceof TypeError)) throw error;
          failure = error;
        }

        let delayMs: number | undefined;
        if (retries < maxRetries) {
          if (response === undefined) {
            delayMs = backoffDelay(retries, baseDelayMs, maxDelayMs, random);
          } else if (RETRIABLE_STATUSES.has(response.status)) {
            const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
            if (retryAfter === undefined) delayMs = backoffDelay(retries, baseDelayMs, maxDelayMs, random);
            else if (retryAfter <= maxRetryAfterMs) delayMs = retryAfter;
          }
        }
        if (delayMs === undefined) {
          if (response === undefined) {
            throw new AmazonPayNetworkError(
              `no response from ${new URL(request.url).host} after ${retries + 1} attempt${retries ? 's' : ''}: ${describe(failure)}`,
              retries,
              { cause: failure },
            );
          }
          retriesByResponse.set(response, retries);
          return response;
        }
        // Free the connection of the answer we are discarding.
        await response?.body?.cancel().catch(() => undefined);
        retries += 1;
        onRetry?.({ retry: retries, delayMs, status: response?.status, error: failure, request });
        try {
          await sleep(delayMs, signal);
        } catch (error) {
          throw stopped(error);
        }
      }
    } catch (error) {
      if (timer !== undefined) clearTimeout(timer);
      throw error;
    } finally {
      // A long-lived caller signal must not collect one listener per call.
      request.signal.removeEventListener('abort', onCallerAbort);
    }
  };
}

/** Full jitter: a uniform wait between 0 and min(maxDelay, base · 2^retry). */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
}

/** `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
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

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
