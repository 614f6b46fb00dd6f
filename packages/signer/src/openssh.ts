import { encodeElement, TAG_INTEGER, TAG_SEQUENCE } from './der.js';
import { SignerError } from './errors.js';

const MAGIC = 'openssh-key-v1\0';
const utf8 = new TextDecoder();

/** The command that turns an OpenSSH key (encrypted or not) into PEM this package reads, in place. */
export const OPENSSH_CONVERSION = 'ssh-keygen -p -m PEM -f private.pem';

/**
 * Converts the body of an `OPENSSH PRIVATE KEY` PEM block (what `ssh-keygen -t rsa` writes by
 * default, "openssh-key-v1") holding one unencrypted RSA key into PKCS#1 `RSAPrivateKey` DER.
 * OpenSSH stores n, e, d, iqmp, p and q; the CRT exponents d mod (p-1) and d mod (q-1) are derived.
 * Errors never contain key material.
 */
export function opensshToPkcs1(data: Uint8Array): Uint8Array {
  const reader = new SshReader(data);
  if (utf8.decode(reader.take(MAGIC.length)) !== MAGIC) throw malformed('no openssh-key-v1 header');
  const cipher = reader.text();
  const kdf = reader.text();
  reader.bytes(); // KDF options
  if (cipher !== 'none' || kdf !== 'none') {
    throw new SignerError(
      'ENCRYPTED_KEY',
      `the OpenSSH private key is encrypted with a passphrase: remove it and rewrite the key as PEM with \`${OPENSSH_CONVERSION}\` (enter the old passphrase, then an empty one), or pass a CryptoKey`,
    );
  }
  if (reader.uint32() !== 1) throw malformed('expected exactly one key');
  reader.bytes(); // public key
  const secret = new SshReader(reader.bytes());
  const check = secret.uint32();
  if (secret.uint32() !== check) throw malformed('check integers differ');
  const type = secret.text();
  if (type !== 'ssh-rsa') {
    throw new SignerError(
      'NOT_RSA',
      `expected an RSA private key, got an OpenSSH "${type.slice(0, 40)}" key`,
    );
  }
  const n = secret.mpint();
  const e = secret.mpint();
  const d = secret.mpint();
  const iqmp = secret.mpint();
  const p = secret.mpint();
  const q = secret.mpint();
  if (p * q !== n) throw malformed('p·q is not the modulus');
  return encodeElement(
    TAG_SEQUENCE,
    ...[0n, n, e, d, p, q, d % (p - 1n), d % (q - 1n), iqmp].map(derInteger),
  );
}

function malformed(reason: string): SignerError {
  return new SignerError('INVALID_KEY', `the OpenSSH private key is malformed (${reason})`);
}

/** A non-negative DER INTEGER: big-endian, with a leading zero byte when the top bit is set. */
function derInteger(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return encodeElement(TAG_INTEGER, bytes);
}

/** RFC 4251 wire types: uint32, string (length-prefixed bytes), mpint (two's complement, big-endian). */
class SshReader {
  #offset = 0;
  constructor(readonly data: Uint8Array) {}

  take(length: number): Uint8Array {
    if (length < 0 || this.#offset + length > this.data.length) throw malformed('truncated');
    const out = this.data.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return out;
  }

  uint32(): number {
    const [a, b, c, d] = this.take(4) as unknown as [number, number, number, number];
    return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  }

  bytes(): Uint8Array {
    return this.take(this.uint32());
  }

  text(): string {
    return utf8.decode(this.bytes());
  }

  mpint(): bigint {
    const bytes = this.bytes();
    if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) throw malformed('negative integer');
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    return value;
  }
}
