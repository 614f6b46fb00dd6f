import { beforeEach, describe, expect, it } from 'vitest';
import { AmazonPayAbortError, AmazonPayNetworkError, AmazonPayTimeoutError } from '../src/errors.js';
import { createRetryingFetch } from '../src/retrying-fetch.js';
import { useTestServer } from './support/server.js';

const server = useTestServer();

const waits: number[] = [];
const instantSleep = async (ms: number) => {
  waits.push(ms);
};
beforeEach(() => {
  waits.length = 0;
});

describe('createRetryingFetch', () => {
  it('retries 500, 500 then returns the 200, re-sending the same body and headers', async () => {
    server.enqueue({ status: 500 }, { status: 500 }, { status: 200, body: { ok: true } });
    const retries: number[] = [];
    const retryingFetch = createRetryingFetch({
      maxRetries: 2,
      sleep: instantSleep,
      onRetry: (event) => retries.push(event.retry),
    });
    const response = await retryingFetch(`${server.url}/v2/charges`, {
      method: 'POST',
      headers: { 'x-amz-pay-idempotency-key': 'k1', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(retries).toEqual([1, 2]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(new Set(server.requests.map((r) => r.headers['x-amz-pay-idempotency-key']))).toEqual(
      new Set(['k1']),
    );
    expect(waits).toHaveLength(2);
  });

  it('waits what Retry-After says on 429', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 });
    const response = await createRetryingFetch({ sleep: instantSleep })(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(waits).toEqual([1000]);
  });

  it('really waits a short Retry-After with the default sleep', async () => {
    server.enqueue({ status: 503, headers: { 'retry-after': '0' } }, { status: 200 });
    const response = await createRetryingFetch()(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs: the response comes back as is', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '3600' } });
    const response = await createRetryingFetch({ sleep: instantSleep })(`${server.url}/x`);
    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries %i', async (status) => {
    server.enqueue({ status });
    const response = await createRetryingFetch({ sleep: instantSleep })(`${server.url}/x`);
    expect(response.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it.each([408, 425, 429, 500, 502, 503, 504])('retries %i', async (status) => {
    server.enqueue({ status });
    const response = await createRetryingFetch({ sleep: instantSleep })(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries + 1 attempts and returns the last answer', async () => {
    server.fallback = () => ({ status: 503 });
    const retries: number[] = [];
    const response = await createRetryingFetch({
      maxRetries: 3,
      sleep: instantSleep,
      onRetry: (event) => retries.push(event.retry),
    })(`${server.url}/x`);
    expect(response.status).toBe(503);
    expect(retries).toEqual([1, 2, 3]);
    expect(server.requests).toHaveLength(4);
  });

  it('retries a connection dropped before any response, then reports a typed network error', async () => {
    server.fallback = () => ({ hangUp: true });
    const error = await createRetryingFetch({ maxRetries: 2, sleep: instantSleep })(`${server.url}/x`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmazonPayNetworkError);
    expect((error as AmazonPayNetworkError).retries).toBe(2);
    expect((error as AmazonPayNetworkError).cause).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(3);
  });

  it('stops at once when aborted during a backoff wait', async () => {
    server.fallback = () => ({ status: 500 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = createRetryingFetch({ baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 })(
      `${server.url}/x`,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(AmazonPayAbortError);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
    expect(server.requests).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const error = await createRetryingFetch()(`${server.url}/x`, { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmazonPayAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('timeoutMs covers a slow answer', async () => {
    server.enqueue({ status: 200, delayMs: 2000 });
    const started = Date.now();
    const error = await createRetryingFetch({ timeoutMs: 100 })(`${server.url}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect((error as AmazonPayTimeoutError).timeoutMs).toBe(100);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('timeoutMs covers the waits between attempts', async () => {
    server.fallback = () => ({ status: 503 });
    const started = Date.now();
    const error = await createRetryingFetch({
      timeoutMs: 100,
      baseDelayMs: 10,
      random: () => 0.99,
      // A wait that only the deadline ends.
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    })(`${server.url}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmazonPayTimeoutError);
    expect((error as AmazonPayTimeoutError).retries).toBe(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('does not start a wait that would end past the deadline: the answer comes back at once', async () => {
    server.fallback = () => ({ status: 503 });
    const started = Date.now();
    let retried = false;
    const response = await createRetryingFetch({
      timeoutMs: 100,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      random: () => 0.99,
      onRetry: () => {
        retried = true;
      },
    })(`${server.url}/x`);
    expect(response.status).toBe(503);
    expect(retried).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('calls the inner fetch with a fresh request per attempt (so a signer inside re-signs)', async () => {
    server.enqueue({ status: 502 }, { status: 200 });
    const seen: Request[] = [];
    const inner = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      request.headers.set('x-attempt', String(seen.length));
      return fetch(request);
    };
    await createRetryingFetch({ fetch: inner, sleep: instantSleep })(`${server.url}/x`);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(server.requests.map((r) => r.headers['x-attempt'])).toEqual(['1', '2']);
  });

  it('reports each retry to onRetry', async () => {
    server.enqueue({ status: 500 }, { status: 504 });
    const events: { retry: number; status: number | undefined }[] = [];
    await createRetryingFetch({
      sleep: instantSleep,
      onRetry: (e) => events.push({ retry: e.retry, status: e.status }),
    })(`${server.url}/x`);
    expect(events).toEqual([
      { retry: 1, status: 500 },
      { retry: 2, status: 504 },
    ]);
  });

  it('passes errors that are not network errors through untouched', async () => {
    const boom = new RangeError('signer broke');
    const error = await createRetryingFetch({
      fetch: async () => {
        throw boom;
      },
    })(`${server.url}/x`).catch((e: unknown) => e);
    expect(error).toBe(boom);
  });
});
