import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, SYNC_HASH_LIMIT, sha256Hex, sha256HexNow, sha256HexSync, toHex } from './sha256.js';

const reference = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256HexSync', () => {
  it('matches FIPS 180-2 test vectors', () => {
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256HexSync('')).toBe(EMPTY_SHA256);
  });
  it('agrees with node:crypto at every padding boundary', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'x'.repeat(length);
      expect(sha256HexSync(text)).toBe(reference(text));
    }
  });
  it('agrees with node:crypto on random bytes and strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256HexSync(bytes) === reference(bytes)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => sha256HexSync(text) === reference(text)),
      {
        numRuns: 200,
      },
    );
  });
});

describe('sha256HexNow', () => {
  it('agrees with the JavaScript hash on strings (as UTF-8, lone surrogates too) and bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => sha256HexNow(text) === sha256HexSync(text)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256HexNow(bytes) === sha256HexSync(bytes)),
      { numRuns: 100 },
    );
    expect(sha256HexNow('\ud800')).toBe(reference('\ufffd'));
  });
});

describe('sha256Hex', () => {
  it('hashes large inputs through WebCrypto with the same result', async () => {
    const big = new Uint8Array(SYNC_HASH_LIMIT + 1).fill(7);
    expect(await sha256Hex(big)).toBe(reference(big));
    expect(await sha256Hex('é')).toBe(reference('é'));
  });
  it('toHex is lower-case, two digits a byte', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
  });
});
