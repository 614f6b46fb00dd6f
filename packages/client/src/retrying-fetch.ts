import { AmazonPayConfigError } from './errors.js';
import { readAgain } from './fetch-like.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';
import { RetriedCall } from './retried-call.js';
import { type RetryOptions, retrySettings } from './retry-options.js';
import { safeUrl } from './safe-url.js';

/** The fetch signature the retrying fetch wraps and returns. */
export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that retries what the client retries (the same `RetriedCall` and `decideRetry`), for an
 * openapi-fetch client of your own built from `@amazon-pay-ts/types`: transient statuses with
 * exponential backoff and full jitter or `Retry-After`, lost replies when a repeat cannot act twice
 * (the request carries `x-amz-pay-idempotency-key`, or is not a POST), and a stop when the request's
 * signal aborts or `timeoutMs` passes. Each attempt is bounded by `attemptTimeoutMs` from sending
 * until its body is read; redirects are never followed (a 3xx comes back as is).
 *
 * Placed under openapi-fetch's middleware it repeats what the middleware produced, one signature
 * included; the client itself retries around its whole pipeline instead, so that each attempt is
 * signed afresh. Errors: `AmazonPayNetworkError`, `AmazonPayTimeoutError`, `AmazonPayAbortError`.
 */
export function createRetryingFetch(options: RetryOptions & { fetch?: FetchFunction } = {}): FetchFunction {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new AmazonPayConfigError({ field: 'fetch', message: 'fetch must be a function' });
  }
  const settings = retrySettings(options);
  const inner: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async function retryingFetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // Read the body once: a Request body is a one-shot stream, and every attempt needs it.
    const body = request.body === null ? null : await request.arrayBuffer();
    const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
    const call = new RetriedCall<{ response: Response; bytes: ArrayBuffer }>(settings, {
      signal: request.signal,
      replaySafe: idempotencyKey !== undefined || request.method !== 'POST',
      describe: () => ({ method: request.method, url: safeUrl(request.url), idempotencyKey }),
    });
    const { answer } = await call.run(async (signal, progress) => {
      progress.phase = 'sent';
      const response = await inner(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        signal,
        redirect: 'manual',
      });
      progress.phase = 'answered';
      // Every body is read here, so the attempt's deadline covers it and a reply cut off is retried.
      return { response, bytes: await response.arrayBuffer() };
    });
    const { response, bytes } = answer;
    return readAgain(response, response.headers, bytes);
  };
}
