import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUri } from './canonicalUri.js';

describe('canonicalUri', () => {
  it('keeps an already-canonical path', () => {
    expect(canonicalUri('/v2/checkoutSessions/abc-123_X.~')).toBe('/v2/checkoutSessions/abc-123_X.~');
  });
  it('turns an empty path into /', () => {
    expect(canonicalUri('')).toBe('/');
  });
  it('adds a leading slash', () => {
    expect(canonicalUri('v2/charges')).toBe('/v2/charges');
  });
  it('keeps empty segments: //x is another resource than /x', () => {
    expect(canonicalUri('//v2///charges//')).toBe('//v2///charges//');
    expect(canonicalUri('//v2/a b')).toBe('//v2/a%20b');
  });
  it('never resolves dot segments', () => {
    expect(canonicalUri('/v2/charges/../x')).toBe('/v2/charges/../x');
    expect(canonicalUri('/v2/./charges/%2E%2e/x')).toBe('/v2/./charges/../x');
  });
  it('encodes characters outside the unreserved set in path ids', () => {
    expect(canonicalUri("/v2/charges/a b+c!'()*@")).toBe('/v2/charges/a%20b%2Bc%21%27%28%29%2A%40');
  });
  it('encodes unicode as UTF-8 bytes', () => {
    expect(canonicalUri('/ሴ')).toBe('/%E1%88%B4');
    expect(canonicalUri('/😀')).toBe('/%F0%9F%98%80');
  });
  it('reads percent-escapes as the bytes they stand for, so raw and URL.pathname forms agree', () => {
    const raw = "/v2/refunds/S01-ab cd'é~";
    expect(canonicalUri(new URL(`https://h${raw}`).pathname)).toBe(canonicalUri(raw));
    expect(canonicalUri('/a%7eb%c3%a9')).toBe('/a~b%C3%A9');
  });
  it('keeps an encoded slash inside its segment, in upper case', () => {
    expect(canonicalUri('/a%2Fb')).toBe('/a%2Fb');
    expect(canonicalUri('/a%2fb')).toBe('/a%2Fb');
    expect(canonicalUri('/v2/charges/..%2Fx')).toBe('/v2/charges/..%2Fx');
    expect(canonicalUri('/v2/buyers/a%2Fb%2Bc%3D')).toBe('/v2/buyers/a%2Fb%2Bc%3D');
  });
  it('splits on literal slashes only: each segment is its decoded bytes, RFC 3986 encoded', () => {
    const segment = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = '/' + segments.map((s) => encodeURIComponent(toWellFormed(s))).join('/');
        const canonical = canonicalUri(path);
        expect(canonical.split('/').map((s) => decodeURIComponent(s))).toEqual(
          ['', ...segments].map(toWellFormed),
        );
        expect(canonical).toMatch(/^(?:\/|[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(canonicalUri(canonical)).toBe(canonical);
        expect(canonicalUri(path.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()))).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });
  it('encodes a bare percent sign', () => {
    expect(canonicalUri('/100%/x%zz')).toBe('/100%25/x%25zz');
  });

  // A backtracking regular expression took seconds on the first path and never finished on long ones;
  // the bound is generous so a slow machine cannot flake, it only has to catch exponential blow-up.
  it('runs in linear time on paths with escapes', () => {
    const started = performance.now();
    expect(canonicalUri('/sandbox/v2/checkoutSessions/abcdef%3A')).toBe(
      '/sandbox/v2/checkoutSessions/abcdef%3A',
    );
    expect(canonicalUri('/v2/checkoutSessions/checkoutSessionId:A 1')).toBe(
      '/v2/checkoutSessions/checkoutSessionId%3AA%201',
    );
    const long = `/v2/charges/${'abcdefghi%3A'.repeat(450)}/${'x%2'.repeat(800)}/${'é~ '.repeat(800)}`;
    expect(long.length).toBeGreaterThanOrEqual(10_000);
    const canonical = canonicalUri(long);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(canonical).toBe(
      `/v2/charges/${'abcdefghi%3A'.repeat(450)}/${'x%252'.repeat(800)}/${'%C3%A9~%20'.repeat(800)}`,
    );
  });
});

/** Lone surrogates as U+FFFD, as the signer's UTF-8 encoding writes them. */
function toWellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
