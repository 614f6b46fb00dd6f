import {
  bytesEqual,
  DerError,
  expectElement,
  integerBits,
  OID_RSA_ENCRYPTION,
  oidToString,
  pkcs1ToPkcs8,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from './der.js';
import { SignerError } from './errors.js';
import { opensshToPkcs1 } from './openssh.js';
import { decodePem, looksLikePem } from './pem.js';
import { nodeFs } from './platform.js';

/** Amazon Pay issues 2048-bit keys; anything smaller is refused. */
export const MIN_MODULUS_BITS = 2048;

/**
 * Most bytes read from a key file. A PEM RSA key is 1.7 kB (2048 bits) to 3.3 kB (4096 bits); a
 * larger file is not a key file, and a path at a log or a device must not be read into memory.
 */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A private key brought to PKCS#8, with its modulus size. */
export interface ParsedPrivateKey {
  /** PKCS#8 `PrivateKeyInfo` DER, ready for `crypto.subtle.importKey('pkcs8', ...)`. */
  pkcs8: Uint8Array;
  /** Size of the RSA modulus in bits. */
  modulusBits: number;
}

const NAMED_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.10': 'RSASSA-PSS-restricted RSA (re-export it as a plain rsaEncryption key)',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

/**
 * Reads an RSA private key synchronously from PEM text (PKCS#8 `PRIVATE KEY`, PKCS#1
 * `RSA PRIVATE KEY` or an unencrypted OpenSSH `OPENSSH PRIVATE KEY`; `\n` escapes as found in environment variables are undone) or, in Node, from a
 * file path. Checks it is unencrypted RSA of at least 2048 bits and returns it as PKCS#8 DER.
 * Throws {@link SignerError}; no message ever contains key material.
 */
export function parsePrivateKey(pemOrPath: string): ParsedPrivateKey {
  if (typeof pemOrPath !== 'string' || pemOrPath.trim() === '') {
    throw new SignerError('INVALID_CONFIG', 'privateKey must be PEM text or a path to a PEM file');
  }
  const fromFile = !looksLikePem(pemOrPath);
  const text = fromFile ? readKeyFile(pemOrPath) : pemOrPath;
  const block = (() => {
    try {
      return decodePem(text);
    } catch (error) {
      if (fromFile && error instanceof SignerError) {
        throw new SignerError('NOT_PEM', `${describePath(pemOrPath)} does not contain a PEM private key`);
      }
      throw error;
    }
  })();

  switch (block.label) {
    case 'ENCRYPTED PRIVATE KEY':
      throw encrypted();
    case 'RSA PRIVATE KEY': {
      if (block.headers['Proc-Type']?.includes('ENCRYPTED') || block.headers['DEK-Info'] !== undefined) {
        throw encrypted();
      }
      const modulusBits = guarded(() => pkcs1ModulusBits(block.der));
      return { pkcs8: pkcs1ToPkcs8(block.der), modulusBits: checkSize(modulusBits) };
    }
    case 'PRIVATE KEY': {
      const modulusBits = guarded(() => pkcs8ModulusBits(block.der));
      return { pkcs8: block.der, modulusBits: checkSize(modulusBits) };
    }
    case 'EC PRIVATE KEY':
    case 'DSA PRIVATE KEY':
      throw new SignerError('NOT_RSA', `expected an RSA private key, got a "${block.label}" PEM block`);
    case 'OPENSSH PRIVATE KEY': {
      // What `ssh-keygen -t rsa -b 2048 -f private.pem` writes (the .NET SDK README's command).
      const pkcs1 = opensshToPkcs1(block.der);
      const modulusBits = guarded(() => pkcs1ModulusBits(pkcs1));
      return { pkcs8: pkcs1ToPkcs8(pkcs1), modulusBits: checkSize(modulusBits) };
    }
    case 'PUBLIC KEY':
    case 'RSA PUBLIC KEY':
    case 'CERTIFICATE':
      throw new SignerError('NOT_PRIVATE_KEY', `expected a private key, got a "${block.label}" PEM block`);
    default:
      throw new SignerError(
        'NOT_PEM',
        `unexpected PEM block "${block.label}": expected PRIVATE KEY or RSA PRIVATE KEY`,
      );
  }
}

/** `RSAPrivateKey ::= SEQUENCE { version INTEGER, modulus INTEGER, ... }` */
export function pkcs1ModulusBits(der: Uint8Array): number {
  const sequence = expectElement(der, 0, TAG_SEQUENCE);
  const version = expectElement(der, sequence.start, TAG_INTEGER, sequence.end);
  const modulus = expectElement(der, version.end, TAG_INTEGER, sequence.end);
  return integerBits(der, modulus);
}

/** `PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, privateKey OCTET STRING }` */
export function pkcs8ModulusBits(der: Uint8Array): number {
  const info = expectElement(der, 0, TAG_SEQUENCE);
  const version = expectElement(der, info.start, TAG_INTEGER, info.end);
  const algorithm = expectElement(der, version.end, TAG_SEQUENCE, info.end);
  const oid = expectElement(der, algorithm.start, TAG_OID, algorithm.end);
  if (!bytesEqual(der, oid, OID_RSA_ENCRYPTION)) {
    const dotted = oidToString(der, oid);
    throw new SignerError(
      'NOT_RSA',
      `expected an RSA private key, got ${NAMED_OIDS[dotted] ?? `algorithm ${dotted}`}`,
    );
  }
  const privateKey = expectElement(der, algorithm.end, TAG_OCTET_STRING, info.end);
  return pkcs1ModulusBits(der.subarray(privateKey.start, privateKey.end));
}

function guarded(read: () => number): number {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) {
      throw new SignerError('INVALID_KEY', `the private key's DER structure is malformed (${error.message})`);
    }
    throw error;
  }
}

function checkSize(modulusBits: number): number {
  if (modulusBits < MIN_MODULUS_BITS) {
    throw new SignerError(
      'KEY_TOO_SMALL',
      `the RSA key is ${modulusBits} bits; Amazon Pay keys must be at least ${MIN_MODULUS_BITS} bits`,
    );
  }
  return modulusBits;
}

function encrypted(): SignerError {
  return new SignerError(
    'ENCRYPTED_KEY',
    'the private key is encrypted: decrypt it first (openssl pkey -in key.pem -out plain.pem) or pass a CryptoKey',
  );
}

function readKeyFile(path: string): string {
  if (/^[A-Za-z0-9+/=\s]{200,}$/.test(path)) {
    throw new SignerError(
      'NOT_PEM',
      'privateKey looks like base64 without PEM armour: wrap it in -----BEGIN PRIVATE KEY----- / -----END PRIVATE KEY----- lines',
    );
  }
  const fs = nodeFs();
  if (!fs) {
    const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
    throw new SignerError(
      'UNSUPPORTED_PLATFORM',
      node
        ? `privateKey is not PEM text, and Node ${node} cannot read it as a file path synchronously (process.getBuiltinModule needs Node >= 20.16, as this package's engines say): upgrade Node or pass the PEM contents`
        : 'privateKey is not PEM text and this platform cannot read files synchronously: pass the PEM contents instead',
    );
  }
  const asPath = `privateKey is not PEM text, so it was read as a file path: ${describePath(path)}`;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting for one. It
    // changes nothing for a regular file, the only kind read. (Absent on Windows.)
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    // The type of what was opened, not of what the path named a moment before: a swap between a
    // check and the read cannot slip a device or a pipe in.
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) {
      const kind = stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a named pipe (FIFO)' : 'a device';
      throw new SignerError('KEY_FILE_INVALID', `${asPath} is ${kind}, not a regular file`);
    }
    // One byte over the limit tells "at the limit" from "over it", whatever stat said (files grow).
    const buffer = new Uint8Array(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_KEY_FILE_BYTES) {
        throw new SignerError('KEY_FILE_INVALID', `${asPath} is larger than ${MAX_KEY_FILE_BYTES} bytes`);
      }
    }
    return new TextDecoder().decode(buffer.subarray(0, length));
  } catch (error) {
    if (error instanceof SignerError) throw error;
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new SignerError('KEY_FILE_NOT_FOUND', `${asPath} cannot be read (${code})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Names the path in messages only when it plainly is one: short segments ending in a file name
 * with an extension, and no run of 20+ base64 characters (a key line pasted where a path goes must
 * never reach a log). Anything else is described without being quoted.
 */
function describePath(path: string): string {
  const parts = path.split(/[/\\]/);
  const plainPath =
    path.length <= 260 &&
    /^[\w .~:/\\-]+$/.test(path) &&
    parts.every((part) => part.length <= 64) &&
    /\.[A-Za-z0-9]{1,8}$/.test(parts.at(-1) ?? '') &&
    !/[A-Za-z0-9+/=]{20,}/.test(path.replace(/[/\\]/g, ' '));
  return plainPath ? `"${path}"` : `the given path (${path.length} characters, not shown)`;
}
