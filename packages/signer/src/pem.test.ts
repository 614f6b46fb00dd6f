import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodePem, encodePem } from './pem.js';

describe('bytesToBase64', () => {
  it('matches Buffer for every length and content', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodePem / decodePem', () => {
  it('round-trip with 64-character lines', () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => i);
    const pem = encodePem('PUBLIC KEY', der);
    expect(pem.split('\n')[1]).toHaveLength(64);
    expect(decodePem(pem)).toEqual({ label: 'PUBLIC KEY', headers: {}, der });
  });
  it('reads RFC 1421 headers of legacy encrypted keys', () => {
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----';
    expect(decodePem(pem).headers).toEqual({ 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-256-CBC,00' });
  });
  it('requires matching BEGIN and END labels', () => {
    expect(() => decodePem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(/not PEM/);
  });
  // A lazy regular expression rescanned the rest of the text for every BEGIN: seconds on this input.
  it('refuses text with many unmatched BEGIN lines in linear time', () => {
    const text = '-----BEGIN A-----\n'.repeat(30_000);
    const started = performance.now();
    expect(() => decodePem(text)).toThrow(/not PEM/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
