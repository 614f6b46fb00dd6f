import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  EMPTY_SHA256,
  sha256Hex,
  signedHeaderList,
  stringToSign,
} from '../src/index.js';
import java from './fixtures/java-sdk-canonical-vectors.json' with { type: 'json' };
import published from './fixtures/published-examples.json' with { type: 'json' };

describe("Amazon's Java SDK canonical-request vectors", () => {
  it.each(java.vectors)('$name', async (vector) => {
    const canonical = canonicalRequest({
      method: vector.method,
      canonicalUri: canonicalUri(vector.path),
      canonicalQuery: canonicalQuery(vector.query as [string, string][]),
      canonicalHeaders: canonicalHeaders(java.headers),
      signedHeaders: signedHeaderList(java.headers),
      payloadHash: await sha256Hex(vector.body),
    });
    expect(await sha256Hex(canonical)).toBe(vector.stringToSignHash);
  });
});

describe("the 'Signing requests' documentation example", () => {
  it('produces the published canonical request line for line', () => {
    const built = canonicalRequest({
      method: published.method,
      canonicalUri: canonicalUri(published.path),
      canonicalQuery: canonicalQuery(published.query),
      canonicalHeaders: canonicalHeaders(published.headers),
      signedHeaders: signedHeaderList(published.headers),
      payloadHash: published.payloadHash,
    });
    expect(built).toBe(published.canonicalRequest);
  });

  it('its string to sign is the algorithm name and the hash of that text', async () => {
    const hash = await sha256Hex(published.canonicalRequest);
    expect(stringToSign('AMZN-PAY-RSASSA-PSS-V2', hash)).toBe(`AMZN-PAY-RSASSA-PSS-V2\n${hash}`);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the button payload vector', () => {
  it('hashes to the published digest', async () => {
    expect(await sha256Hex(published.button.payload)).toBe(published.button.sha256);
  });

  it('the empty body hashes to the well-known empty digest', async () => {
    expect(await sha256Hex('')).toBe(EMPTY_SHA256);
  });
});
