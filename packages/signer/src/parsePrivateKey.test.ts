import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SignerError } from './errors.js';
import { MAX_KEY_FILE_BYTES, parsePrivateKey } from './parsePrivateKey.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8Pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pkcs1Pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs8Der = new Uint8Array(rsa.privateKey.export({ type: 'pkcs8', format: 'der' }));
const keyBody = pkcs8Pem.split('\n')[5]!; // a line of base64 key material, to look for in messages

const dir = mkdtempSync(join(tmpdir(), 'signer-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(input: string): SignerError {
  try {
    parsePrivateKey(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SignerError);
    const message = (error as SignerError).message;
    expect(message).not.toContain(keyBody);
    expect(message).not.toContain('MII');
    return error as SignerError;
  }
  throw new Error('expected parsePrivateKey to throw');
}

describe('parsePrivateKey', () => {
  it('reads PKCS#8 PEM', () => {
    const parsed = parsePrivateKey(pkcs8Pem);
    expect(parsed.modulusBits).toBe(2048);
    expect(parsed.pkcs8).toEqual(pkcs8Der);
  });
  it('converts PKCS#1 PEM to the same PKCS#8 bytes', () => {
    expect(parsePrivateKey(pkcs1Pem).pkcs8).toEqual(pkcs8Der);
  });
  it('accepts CRLF line ends, surrounding text and \\n escapes from environment variables', () => {
    expect(parsePrivateKey(pkcs8Pem.replace(/\n/g, '\r\n')).modulusBits).toBe(2048);
    expect(parsePrivateKey(`key follows\n${pkcs1Pem}\ntrailer`).modulusBits).toBe(2048);
    expect(parsePrivateKey(pkcs8Pem.replace(/\n/g, '\\n')).pkcs8).toEqual(pkcs8Der);
  });
  it('reads a file path', () => {
    const file = join(dir, 'private.pem');
    writeFileSync(file, pkcs1Pem);
    expect(parsePrivateKey(file).pkcs8).toEqual(pkcs8Der);
  });
  it('reports a missing file with its path', () => {
    const error = errorOf(join(dir, 'missing.pem'));
    expect(error.code).toBe('KEY_FILE_NOT_FOUND');
    expect(error.message).toContain('missing.pem');
    expect(error.message).toContain('ENOENT');
  });
  it('never echoes a key line given where a path was expected', () => {
    // One base64 line of a PEM body, as a stray copy-paste puts it into privateKey.
    const line = pkcs8Pem.split('\n')[1]!;
    const error = errorOf(line);
    expect(error.code).toBe('KEY_FILE_NOT_FOUND');
    expect(error.message).not.toContain(line.slice(0, 16));
    const slashed =
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7/abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    expect(errorOf(slashed).message).not.toContain('MIIEvQIBADANBgkq');
  });
  it('reports a file without a PEM key', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    expect(errorOf(file).code).toBe('NOT_PEM');
  });
  it('refuses base64 without PEM armour, without echoing it', () => {
    const error = errorOf(Buffer.from(pkcs8Der).toString('base64'));
    expect(error.code).toBe('NOT_PEM');
  });
  it('refuses a PEM block with broken base64', () => {
    expect(errorOf('-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----').code).toBe('NOT_PEM');
  });
  it('refuses encrypted PKCS#8 and encrypted PKCS#1', () => {
    const encrypted8 = rsa.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'pw',
    });
    const encrypted1 = rsa.privateKey.export({
      type: 'pkcs1',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'pw',
    });
    expect(errorOf(encrypted8 as string).code).toBe('ENCRYPTED_KEY');
    expect(errorOf(encrypted1 as string).code).toBe('ENCRYPTED_KEY');
  });
  it('refuses EC and Ed25519 keys in either container', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(errorOf(ec.export({ type: 'sec1', format: 'pem' }) as string).code).toBe('NOT_RSA');
    const ecPkcs8 = errorOf(ec.export({ type: 'pkcs8', format: 'pem' }) as string);
    expect(ecPkcs8.code).toBe('NOT_RSA');
    expect(ecPkcs8.message).toContain('EC');
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(errorOf(ed).message).toContain('Ed25519');
  });
  it('refuses keys under 2048 bits', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const error = errorOf(small.export({ type: 'pkcs8', format: 'pem' }) as string);
    expect(error.code).toBe('KEY_TOO_SMALL');
    expect(error.message).toContain('1024');
    expect(errorOf(small.export({ type: 'pkcs1', format: 'pem' }) as string).code).toBe('KEY_TOO_SMALL');
  });
  it('refuses public keys and certificates given as private keys', () => {
    expect(errorOf(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string).code).toBe(
      'NOT_PRIVATE_KEY',
    );
  });
  it('refuses a truncated key as malformed', () => {
    const truncated = Buffer.from(pkcs8Der.subarray(0, 300)).toString('base64');
    const pem = `-----BEGIN PRIVATE KEY-----\n${truncated}\n-----END PRIVATE KEY-----`;
    expect(errorOf(pem).code).toBe('INVALID_KEY');
  });
  it('refuses empty input as a configuration error', () => {
    expect(errorOf('  ').code).toBe('INVALID_CONFIG');
  });
});

describe('parsePrivateKey: bounded key file reads', () => {
  // Each case fails fast with KEY_FILE_INVALID; an unbounded read would hang (a FIFO waits for a
  // writer, /dev/zero never ends) or fill memory. Cases that an unbounded read survives (a delayed
  // writer, /dev/null) come before those it would not, so a regression fails instead of hanging.
  const posix = process.platform !== 'win32';
  let writer: ChildProcess | undefined;
  afterEach(() => {
    writer?.kill('SIGKILL');
    writer = undefined;
  });

  it.runIf(posix)('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(dir, 'key.fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer that shows up late: a blocking open() would wait for it, then read its text.
    writer = spawn('sh', ['-c', `sleep 3; printf 'not a key' > '${fifo}'`], { stdio: 'ignore' });
    const error = errorOf(fifo);
    expect(error.code).toBe('KEY_FILE_INVALID');
    expect(error.message).toContain('"' + fifo + '"');
    expect(error.message).toMatch(/named pipe \(FIFO\), not a regular file/);
  });

  it.runIf(posix)('refuses devices such as /dev/null and /dev/zero', () => {
    for (const device of ['/dev/null', '/dev/zero']) {
      const error = errorOf(device);
      expect(error.code, device).toBe('KEY_FILE_INVALID');
      expect(error.message, device).toMatch(/is a device, not a regular file/);
    }
  });

  it('refuses a directory', () => {
    const keys = join(dir, 'keys.d');
    mkdirSync(keys);
    const error = errorOf(keys);
    expect(error.code).toBe('KEY_FILE_INVALID');
    expect(error.message).toContain('directory');
  });

  it('reads at most MAX_KEY_FILE_BYTES, even when a key sits at the start of a larger file', () => {
    expect(MAX_KEY_FILE_BYTES).toBe(64 * 1024);
    const file = join(dir, 'large.pem');
    writeFileSync(file, pkcs8Pem + '#'.repeat(MAX_KEY_FILE_BYTES));
    const error = errorOf(file);
    expect(error.code).toBe('KEY_FILE_INVALID');
    expect(error.message).toContain('larger than 65536 bytes');
    // Exactly at the limit is still read.
    writeFileSync(file, pkcs8Pem.padEnd(MAX_KEY_FILE_BYTES, '\n'));
    expect(parsePrivateKey(file).pkcs8).toEqual(pkcs8Der);
  });
});
