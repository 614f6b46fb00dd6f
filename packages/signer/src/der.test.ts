import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeElement, encodeLength, expectElement, integerBits, pkcs1ToPkcs8, readElement } from './der.js';

describe('encodeLength', () => {
  it('uses the short form below 128', () => {
    expect([...encodeLength(0)]).toEqual([0]);
    expect([...encodeLength(127)]).toEqual([127]);
  });
  it('uses 0x8N plus N big-endian bytes from 128 up', () => {
    expect([...encodeLength(128)]).toEqual([0x81, 0x80]);
    expect([...encodeLength(255)]).toEqual([0x81, 0xff]);
    expect([...encodeLength(256)]).toEqual([0x82, 0x01, 0x00]);
    expect([...encodeLength(1190)]).toEqual([0x82, 0x04, 0xa6]);
    expect([...encodeLength(65536)]).toEqual([0x83, 0x01, 0x00, 0x00]);
  });
  it('rejects negative or fractional lengths', () => {
    expect(() => encodeLength(-1)).toThrow(RangeError);
    expect(() => encodeLength(1.5)).toThrow(RangeError);
  });
  it('round-trips through readElement', () => {
    for (const size of [0, 1, 127, 128, 255, 256, 1000, 70000]) {
      const element = encodeElement(0x04, new Uint8Array(size));
      const read = readElement(element, 0);
      expect(read.end - read.start).toBe(size);
      expect(read.end).toBe(element.length);
    }
  });
});

describe('readElement', () => {
  it('refuses truncated or indefinite-length input', () => {
    expect(() => readElement(Uint8Array.of(0x30), 0)).toThrow();
    expect(() => readElement(Uint8Array.of(0x30, 0x05, 0x00), 0)).toThrow(/past/);
    expect(() => readElement(Uint8Array.of(0x30, 0x80, 0x00, 0x00), 0)).toThrow(/length form/);
    expect(() => expectElement(Uint8Array.of(0x02, 0x00), 0, 0x30)).toThrow(/expected tag/);
  });
});

describe('integerBits', () => {
  it('ignores a leading sign octet', () => {
    const der = Uint8Array.of(0x02, 0x03, 0x00, 0x80, 0x01);
    expect(integerBits(der, readElement(der, 0))).toBe(16);
  });
});

describe('pkcs1ToPkcs8', () => {
  it('produces exactly what OpenSSL exports as PKCS#8 for the same key', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'der' });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(Buffer.from(pkcs1ToPkcs8(new Uint8Array(pkcs1)))).toEqual(pkcs8);
    expect(() =>
      createPrivateKey({ key: Buffer.from(pkcs1ToPkcs8(pkcs1)), format: 'der', type: 'pkcs8' }),
    ).not.toThrow();
  });
});
