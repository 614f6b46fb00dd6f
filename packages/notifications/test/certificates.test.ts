// Issue 19, finding 5: certificate fetching is bounded in bytes read and in fetches made.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCertificateCache,
  createSnsVerifier,
  DEFAULT_CERTIFICATE_RETRY_MS,
  NotificationError,
  verifySnsMessage,
} from '../src/index.js';
import { reasonOf } from './helpers/requests.js';
import { CERT_URL, createTestSns, type TestSns } from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

/** A body of `total` bytes made on demand, counting what the reader pulled. */
function countingStream(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) {
          controller.close();
          return;
        }
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe('the default certificate fetch', () => {
  it('stops reading a streamed body without content-length at the size bound (40 MB offered)', async () => {
    const { stream, counter } = countingStream(40 * 1024 * 1024);
    const streaming = (async () => new Response(stream)) as unknown as typeof fetch;
    const message = JSON.stringify(await sns.sign({}));
    expect(await reasonOf(verifySnsMessage(message, { fetch: streaming }))).toBe('CERTIFICATE_UNAVAILABLE');
    expect(counter.pulled).toBeLessThanOrEqual(256 * 1024);
  });

  it('still reads a real certificate streamed without content-length', async () => {
    const bytes = new TextEncoder().encode(sns.certificatePem);
    const streamed = (async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
            controller.close();
          },
        }),
      )) as unknown as typeof fetch;
    expect(await reasonOf(verifySnsMessage(JSON.stringify(await sns.sign({})), { fetch: streamed }))).toBe(
      'accepted',
    );
  });

  it('passes an abort signal (its timeout) and refuses redirects', async () => {
    const inits: RequestInit[] = [];
    const recording = (async (_url: string, init: RequestInit) => {
      inits.push(init);
      return new Response(sns.certificatePem);
    }) as unknown as typeof fetch;
    await verifySnsMessage(JSON.stringify(await sns.sign({})), { fetch: recording });
    expect(inits[0]?.redirect).toBe('error');
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('failed certificate fetches are remembered for a while (negative cache)', () => {
  it('100 messages naming one unreachable certificate URL cause one fetch per interval', async () => {
    let now = Date.now();
    let fetches = 0;
    const verifier = createSnsVerifier({
      now: () => now,
      fetchCertificate: async () => {
        fetches += 1;
        throw new Error('HTTP 404');
      },
    });
    const bogus = CERT_URL.replace('.pem', '-bogus.pem');
    const message = JSON.stringify(await sns.sign({ SigningCertURL: bogus }));
    for (let i = 0; i < 50; i++)
      expect(await reasonOf(verifier.verify(message))).toBe('CERTIFICATE_UNAVAILABLE');
    const concurrent = await Promise.all(
      Array.from({ length: 50 }, () => reasonOf(verifier.verify(message))),
    );
    expect(new Set(concurrent)).toEqual(new Set(['CERTIFICATE_UNAVAILABLE']));
    expect(fetches).toBe(1);
    now += DEFAULT_CERTIFICATE_RETRY_MS + 1;
    expect(await reasonOf(verifier.verify(message))).toBe('CERTIFICATE_UNAVAILABLE');
    expect(fetches).toBe(2);
  });

  it('a certificate that is not one (INVALID_CERTIFICATE) is remembered too', async () => {
    let fetches = 0;
    const verifier = createSnsVerifier({
      fetchCertificate: async () => {
        fetches += 1;
        return '<html>not a certificate</html>';
      },
    });
    const message = JSON.stringify(await sns.sign({}));
    for (let i = 0; i < 10; i++) expect(await reasonOf(verifier.verify(message))).toBe('INVALID_CERTIFICATE');
    expect(fetches).toBe(1);
  });

  it('is bounded in entries, and a URL that works again is fetched after the interval', async () => {
    let now = 0;
    let failing = true;
    const cache = createCertificateCache(
      async () => {
        if (failing) throw new Error('connection reset');
        return sns.certificatePem;
      },
      { maxEntries: 4, maxFailures: 8, retryAfterMs: 1_000, now: () => now },
    );
    for (let i = 0; i < 20; i++) {
      await cache.key(CERT_URL.replace('.pem', `-${i}.pem`), 'SHA-256').catch(() => {});
    }
    expect(cache.failures).toBe(8);
    await expect(cache.key(CERT_URL, 'SHA-256')).rejects.toThrow(NotificationError);
    failing = false;
    await expect(cache.key(CERT_URL, 'SHA-256')).rejects.toThrow(NotificationError);
    now += 1_001;
    await expect(cache.key(CERT_URL, 'SHA-256')).resolves.toBeDefined();
    expect(cache.size).toBe(1);
  });
});
