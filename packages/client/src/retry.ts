import {
  AmazonPayAbortError,
  AmazonPayConfigError,
  AmazonPayNetworkError,
  AmazonPayTimeoutError,
  type RequestContext,
} from './errors.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';
import { safeUrl } from './safe-url.js';

/** Statuses worth another attempt: timeouts, throttling and transient server failures. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The fetch signature the retrying fetch wraps and returns. */
export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** What `onRetry` receives before each retry. */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly status: number | undefined;
  readonly error: unknown;
  readonly request: Request;
}

/** Options of {@link createRetryingFetch}: the fetch to wrap, attempts, backoff, deadlines and hooks. */
export interface RetryOptions {
  /** The fetch each attempt goes through; put signing inside it so every attempt is signed afresh. */
  fetch?: FetchFunction;
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
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

/** The defaults of {@link RetryOptions}; the client README explains each. */
export const RETRY_DEFAULTS = {
  maxRetries: 3,
  timeoutMs: 60_000,
  attemptTimeoutMs: 20_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
} as const;

const retriesByResponse = new WeakMap<Response, number>();

/** How many retries preceded this response (0 when it answered the first attempt or did not come from a retrying fetch). */
export function retriesOf(response: Response): number {
  return retriesByResponse.get(response) ?? 0;
}

const uncertainByResponse = new WeakSet<Response>();

/**
 * Whether an earlier attempt of the call behind this response may have acted without the caller
 * seeing its answer (a lost reply, a 5xx). A later refusal (say, 422 "already canceled") then does
 * not prove that nothing happened.
 */
export function earlierAttemptMayHaveActed(response: Response): boolean {
  return uncertainByResponse.has(response);
}

/** Refuses settings that would disable a bound or make waits meaningless (NaN, Infinity, negatives). */
export function checkRetryOptions(options: RetryOptions): void {
  const positive = ['timeoutMs', 'attemptTimeoutMs'] as const;
  const nonNegative = ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const;
  for (const name of positive) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new AmazonPayConfigError(name, `${name} must be a finite positive number of milliseconds`);
    }
  }
  for (const name of nonNegative) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new AmazonPayConfigError(
        `retry.${name}`,
        `retry.${name} must be a finite number of milliseconds ≥ 0`,
      );
    }
  }
  const { maxRetries } = options;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 10)) {
    throw new AmazonPayConfigError('maxRetries', 'maxRetries must be an integer from 0 to 10');
  }
  for (const name of ['random', 'sleep', 'onRetry', 'fetch'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new AmazonPayConfigError(`retry.${name}`, `retry.${name} must be a function`);
    }
  }
}

/** Connection errors that prove the request never reached a server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NEVER_SENT.has(code);
}

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * A request as the operation methods hand it over: URL string, plain header object and body text,
 * so nothing is parsed, copied or read before the one `Request` the final fetch builds.
 */
export interface PlainRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly signal?: AbortSignal | undefined;
}

/** What {@link RetryingSend} resolves to: the final answer with its body already read as text. */
export interface PlainReply {
  /** The final response; its body is consumed (it is `body`). */
  readonly response: Response;
  readonly body: string;
  /** Retries before this answer. */
  readonly retries: number;
  /** See {@link earlierAttemptMayHaveActed}. */
  readonly uncertain: boolean;
}

/** {@link createRetryingFetch}'s attempts and failure rules for a {@link PlainRequest}. */
export type RetryingSend = (request: PlainRequest) => Promise<PlainReply>;

/**
 * A fetch that retries transient failures with exponential backoff and full jitter, honours
 * `Retry-After`, and stops everything when the request's signal aborts or `timeoutMs` passes.
 *
 * Each attempt is bounded by `attemptTimeoutMs` from sending until the body is fully read; the
 * body is read here, so a reply lost mid-body (reset, truncation, stall) is a failed attempt like a
 * reset before the headers. Failed attempts are retried only when a repeat cannot act twice: the
 * request carries `x-amz-pay-idempotency-key` (Amazon replays the first result) or is not a POST
 * (Amazon's GET, PATCH and DELETE are idempotent); a keyless POST is retried only when it provably
 * never left. Redirects are never followed (`redirect: 'manual'`): a 3xx is returned as is.
 *
 * It re-sends the request each time, so an inner signing fetch signs every attempt.
 * Errors: `AmazonPayNetworkError`, `AmazonPayTimeoutError`, `AmazonPayAbortError`, each with the
 * method, URL and idempotency key of the request.
 */
export function createRetryingFetch(options: RetryOptions = {}): FetchFunction {
  const run = retryLoop(options);
  return async function retryingFetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // Read the body once: a Request body is a one-shot stream, and every attempt needs it.
    const body = request.body === null ? null : await request.arrayBuffer();
    const outcome = await run(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
        signal: request.signal,
        idempotencyKey: request.headers.get(IDEMPOTENCY_HEADER) ?? undefined,
        asRequest: () => request,
      },
      readBytes,
    );
    const { response } = outcome;
    const complete = new Response(NULL_BODY.has(response.status) ? null : outcome.body, copyInit(response));
    retriesByResponse.set(complete, outcome.retries);
    if (outcome.uncertain) uncertainByResponse.add(complete);
    return complete;
  };
}

/**
 * The retrying fetch for a {@link PlainRequest}, as the operation methods send: the same attempts,
 * deadlines and retry rules as {@link createRetryingFetch}, but the body goes to the inner fetch as
 * the given string and the answer is read once as text, with no `Request` or `Response` copies.
 */
export function createRetryingSend(options: RetryOptions = {}): RetryingSend {
  const run = retryLoop(options);
  return (request) =>
    run(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        idempotencyKey: request.headers[IDEMPOTENCY_HEADER],
        asRequest: () =>
          new Request(request.url, { method: request.method, headers: request.headers, body: request.body }),
      },
      readText,
    );
}

const readBytes = (response: Response) => response.arrayBuffer();
const readText = (response: Response) => response.text();

interface Outgoing {
  readonly method: string;
  readonly url: string;
  readonly headers: HeadersInit;
  /** In memory, so every attempt can send it again. */
  readonly body: string | ArrayBuffer | null;
  readonly signal: AbortSignal | undefined;
  readonly idempotencyKey: string | undefined;
  /** For {@link RetryEvent.request}; called only when a retry is reported. */
  readonly asRequest: () => Request;
}

interface Outcome<Body> {
  response: Response;
  body: Body;
  retries: number;
  uncertain: boolean;
}

interface LoopSettings {
  readonly inner: FetchFunction;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly attemptTimeoutMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

function retryLoop(options: RetryOptions) {
  checkRetryOptions(options);
  const settings: LoopSettings = {
    inner: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    timeoutMs: options.timeoutMs ?? RETRY_DEFAULTS.timeoutMs,
    attemptTimeoutMs: options.attemptTimeoutMs ?? RETRY_DEFAULTS.attemptTimeoutMs,
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    onRetry: options.onRetry,
  };
  return <Body>(request: Outgoing, read: (response: Response) => Promise<Body>): Promise<Outcome<Body>> =>
    new RetriedCall(settings, request).run(read);
}

type Attempt<Body> =
  | { kind: 'answered'; response: Response; body: Body }
  | { kind: 'failed'; error: unknown; phase: 'headers' | 'body'; timedOut: boolean }
  | { kind: 'stopped'; error: unknown };

/**
 * One call through the retrying fetch. The call's deadline and the caller's signal stop it; each
 * attempt has its own controller, aborted by its own deadline or by the call stopping.
 *
 * Per attempt there is one `AbortController` and one timer, set to whichever comes first of the
 * attempt's deadline and the call's; the call itself needs neither (a controller exists only while
 * waiting between attempts, for `sleep`): this runs on every operation, so it allocates little.
 */
class RetriedCall {
  readonly #settings: LoopSettings;
  readonly #request: Outgoing;
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
  readonly #onCallerAbort = (): void => this.#stop(this.#request.signal?.reason);

  constructor(settings: LoopSettings, request: Outgoing) {
    this.#settings = settings;
    this.#request = request;
    this.#deadline = Date.now() + settings.timeoutMs;
  }

  async run<Body>(read: (response: Response) => Promise<Body>): Promise<Outcome<Body>> {
    const settings = this.#settings;
    const request = this.#request;
    const callerSignal = request.signal;
    if (callerSignal?.aborted) this.#stop(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    const replaySafe = request.idempotencyKey !== undefined || request.method !== 'POST';
    try {
      for (;;) {
        if (!this.#stopped && this.#deadline - Date.now() <= 0) this.#expire();
        if (this.#stopped) throw this.#stoppedError();
        const attempt = await this.#runAttempt(read);
        if (attempt.kind === 'stopped') throw this.#stoppedError(attempt.error);
        let delayMs: number | undefined;
        if (this.#retries < settings.maxRetries) {
          if (attempt.kind === 'failed') {
            if (replaySafe || neverSent(attempt.error)) delayMs = this.#backoff();
          } else if (RETRIABLE_STATUSES.has(attempt.response.status)) {
            const retryAfter = parseRetryAfter(attempt.response.headers.get('retry-after'), Date.now());
            if (retryAfter === undefined) delayMs = this.#backoff();
            else if (retryAfter <= settings.maxRetryAfterMs) delayMs = retryAfter;
          }
        }
        // A wait that would end past the deadline is not started: the caller learns now.
        if (delayMs !== undefined && Date.now() + delayMs >= this.#deadline) delayMs = undefined;
        if (delayMs === undefined) {
          if (attempt.kind === 'failed') throw this.#attemptError(attempt);
          return {
            response: attempt.response,
            body: attempt.body,
            retries: this.#retries,
            uncertain: this.#uncertain,
          };
        }
        if (attempt.kind === 'failed' ? !neverSent(attempt.error) : attempt.response.status >= 500) {
          this.#uncertain = true;
        }
        this.#retries += 1;
        settings.onRetry?.({
          retry: this.#retries,
          delayMs,
          status: attempt.kind === 'answered' ? attempt.response.status : undefined,
          error: attempt.kind === 'failed' ? attempt.error : undefined,
          request: request.asRequest(),
        });
        await this.#wait(delayMs);
      }
    } finally {
      // A long-lived caller signal must not collect one listener per call.
      callerSignal?.removeEventListener('abort', this.#onCallerAbort);
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

  #backoff(): number {
    const { baseDelayMs, maxDelayMs, random } = this.#settings;
    return backoffDelay(this.#retries, baseDelayMs, maxDelayMs, random);
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

  async #runAttempt<Body>(read: (response: Response) => Promise<Body>): Promise<Attempt<Body>> {
    const { inner, attemptTimeoutMs } = this.#settings;
    const request = this.#request;
    const controller = new AbortController();
    let reject!: (reason: unknown) => void;
    // The race makes an abort or a deadline effective at once, even if the fetch misses it.
    const whenAborted = new Promise<never>((_, rejectRace) => {
      reject = rejectRace;
    });
    whenAborted.catch(() => undefined);
    this.#attempt = { controller, reject };
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
        reject(reason);
      },
      callEndsFirst ? Math.max(1, callLeftMs) : attemptTimeoutMs,
    );
    (timer as { unref?: () => void }).unref?.();
    let phase: 'headers' | 'body' = 'headers';
    let response: Response | undefined;
    try {
      this.#sent = true;
      // Each attempt goes to the inner fetch as (url, init) rather than a new Request: a signing
      // fetch can then sign the bytes it already has without reading a stream or building a Request.
      response = await Promise.race([
        inner(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
          redirect: 'manual',
        }),
        whenAborted,
      ]);
      // Every body is read here, error bodies too (they are small): the attempt's deadline then
      // covers it, and a reply lost mid-body is retried like one lost before the headers.
      phase = 'body';
      const body = await Promise.race([read(response), whenAborted]);
      return { kind: 'answered', response, body };
    } catch (error) {
      await response?.body?.cancel().catch(() => undefined);
      if (this.#stopped) return { kind: 'stopped', error };
      if (attemptTimedOut) return { kind: 'failed', error, phase, timedOut: true };
      // Fetch reports "no response" (refused, reset, DNS, TLS, body cut off) as a TypeError;
      // anything else is not ours to retry.
      if (!(error instanceof TypeError)) throw error;
      return { kind: 'failed', error, phase, timedOut: false };
    } finally {
      clearTimeout(timer);
      this.#attempt = undefined;
    }
  }

  #stoppedError(cause?: unknown): Error {
    const callerSignal = this.#request.signal;
    return this.#timedOut && !callerSignal?.aborted
      ? new AmazonPayTimeoutError(this.#settings.timeoutMs, this.#retries, {
          cause: cause ?? this.#stopReason,
          context: contextOf(this.#request),
        })
      : new AmazonPayAbortError(this.#retries, {
          cause: callerSignal?.reason ?? cause,
          context: contextOf(this.#request),
          sent: this.#sent,
        });
  }

  #attemptError(attempt: Extract<Attempt<unknown>, { kind: 'failed' }>): Error {
    const retries = this.#retries;
    const attempts = `${retries + 1} attempt${retries ? 's' : ''}`;
    if (attempt.timedOut) {
      return new AmazonPayTimeoutError(this.#settings.attemptTimeoutMs, retries, {
        cause: attempt.error,
        context: contextOf(this.#request),
        what: attempt.phase === 'body' ? 'reply body not complete' : 'no response headers',
      });
    }
    const what = attempt.phase === 'body' ? 'reply cut off mid-body' : 'no response';
    return new AmazonPayNetworkError(
      `${what} from ${hostOf(this.#request.url)} after ${attempts}: ${describe(attempt.error)}`,
      retries,
      {
        cause: attempt.error,
        context: contextOf(this.#request),
        mayHaveSucceeded: attempt.phase === 'body' || !neverSent(attempt.error),
      },
    );
  }
}

/** What errors say about the request; built only when one is raised. */
function contextOf(request: Outgoing): RequestContext {
  return { method: request.method, url: safeUrl(request.url), idempotencyKey: request.idempotencyKey };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparseable URL)';
  }
}

function copyInit(response: Response): ResponseInit {
  return { status: response.status, statusText: response.statusText, headers: response.headers };
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
