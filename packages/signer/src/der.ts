/**
 * Just enough DER to unwrap and wrap RSA private keys; not a general ASN.1 library.
 *
 * @module @amazon-pay-ts/signer/der
 */

/** DER tag of an INTEGER. */
export const TAG_INTEGER = 0x02;
/** DER tag of an OCTET STRING. */
export const TAG_OCTET_STRING = 0x04;
/** DER tag of NULL. */
export const TAG_NULL = 0x05;
/** DER tag of an OBJECT IDENTIFIER. */
export const TAG_OID = 0x06;
/** DER tag of a (constructed) SEQUENCE. */
export const TAG_SEQUENCE = 0x30;

/** DER encoding of rsaEncryption, 1.2.840.113549.1.1.1. */
export const OID_RSA_ENCRYPTION = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);

/** One element found by {@link readElement}: its tag and where its content lies. */
export interface DerElement {
  /** The element's tag byte. */
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset just past the last content byte. */
  end: number;
}

/** Malformed or truncated DER. */
export class DerError extends Error {}

/** Reads the tag-length header at `offset`; throws {@link DerError} if it runs past `limit`. */
export function readElement(der: Uint8Array, offset: number, limit = der.length): DerElement {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    // Indefinite (0) lengths are BER, not DER; more than 4 octets cannot describe a key.
    if (octets === 0 || octets > 4) throw new DerError('unsupported length form');
    if (start + octets > limit) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    start += octets;
  }
  const end = start + length;
  if (end > limit) throw new DerError('element runs past its container');
  return { tag, start, end };
}

/** Reads an element and checks its tag. */
export function expectElement(der: Uint8Array, offset: number, tag: number, limit?: number): DerElement {
  const element = readElement(der, offset, limit);
  if (element.tag !== tag)
    throw new DerError(`expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
  return element;
}

/** DER length octets: short form below 128, else 0x8N followed by N big-endian bytes. */
export function encodeLength(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0)
    throw new RangeError('length must be a non-negative integer');
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element: tag, DER length, contents. */
export function encodeElement(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const size = contents.reduce((sum, part) => sum + part.length, 0);
  const length = encodeLength(size);
  const out = new Uint8Array(1 + length.length + size);
  out[0] = tag;
  out.set(length, 1);
  let offset = 1 + length.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Wraps a PKCS#1 `RSAPrivateKey` in a PKCS#8 `PrivateKeyInfo` (version 0, rsaEncryption with NULL
 * parameters), the form WebCrypto imports.
 */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  return encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_INTEGER, Uint8Array.of(0)),
    encodeElement(TAG_SEQUENCE, encodeElement(TAG_OID, OID_RSA_ENCRYPTION), encodeElement(TAG_NULL)),
    encodeElement(TAG_OCTET_STRING, pkcs1),
  );
}

/** Bit length of a DER INTEGER's value (leading zero octets and bits not counted). */
export function integerBits(der: Uint8Array, element: DerElement): number {
  let i = element.start;
  while (i < element.end && der[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(der[i]!));
}

/** True if the element's content bytes are exactly `expected`. */
export function bytesEqual(der: Uint8Array, element: DerElement, expected: Uint8Array): boolean {
  if (element.end - element.start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (der[element.start + i] !== expected[i]) return false;
  return true;
}

/** Dotted form of an OID, for error messages (OIDs name algorithms; they are not key material). */
export function oidToString(der: Uint8Array, element: DerElement): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = element.start; i < element.end; i++) {
    value = value * 128 + (der[i]! & 0x7f);
    if ((der[i]! & 0x80) === 0) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
