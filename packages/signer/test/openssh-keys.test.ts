import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSigner, parsePrivateKey, SignerError, verifyButtonSignature } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'signer-openssh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasSshKeygen = spawnSync('ssh-keygen', ['-?'], { encoding: 'utf8' }).error === undefined;

/** RFC 4251 encoders, to build "openssh-key-v1" files when ssh-keygen is absent (and for odd cases). */
const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const sshString = (bytes: Uint8Array | string) => {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return Buffer.concat([u32(buffer.length), buffer]);
};
const mpint = (base64url: string) => {
  let bytes = Buffer.from(base64url, 'base64url');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
};

/** An OpenSSH private key file for a fresh RSA key, as ssh-keygen writes it; also the key's SPKI PEM. */
function buildOpenSshKey(options: { bits?: number; cipher?: string; type?: string } = {}) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: options.bits ?? 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  const type = options.type ?? 'ssh-rsa';
  const publicBlob = Buffer.concat([sshString(type), mpint(jwk.e!), mpint(jwk.n!)]);
  let secret = Buffer.concat([
    u32(0x1234abcd),
    u32(0x1234abcd),
    sshString(type),
    mpint(jwk.n!),
    mpint(jwk.e!),
    mpint(jwk.d!),
    mpint(jwk.qi!),
    mpint(jwk.p!),
    mpint(jwk.q!),
    sshString('merchant@shop'),
  ]);
  for (let pad = 1; secret.length % 8 !== 0; pad++) secret = Buffer.concat([secret, Buffer.from([pad])]);
  const encrypted = options.cipher !== undefined && options.cipher !== 'none';
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString(options.cipher ?? 'none'),
    sshString(encrypted ? 'bcrypt' : 'none'),
    sshString(encrypted ? Buffer.concat([sshString(Buffer.alloc(16)), u32(16)]) : ''),
    u32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body
    .toString('base64')
    .match(/.{1,70}/g)!
    .join('\n');
  return {
    pem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SignerError);
    return (error as SignerError).code;
  }
  return undefined;
}

async function signsVerifiably(privateKey: string, publicKeyPem: string) {
  const signer = createSigner({ publicKeyId: 'SANDBOX-AKEY', privateKey, region: 'eu' });
  const { payload, signature } = await signer.signButtonPayload({
    storeId: 'amzn1.application-oa2-client.x',
  });
  expect(await verifyButtonSignature(payload, signature, publicKeyPem)).toMatchObject({ ok: true });
}

describe('OpenSSH private keys', () => {
  it.skipIf(!hasSshKeygen)(
    'reads the key `ssh-keygen -t rsa -b 2048 -f private.pem` writes, by path and by content',
    async () => {
      const path = join(dir, 'private.pem');
      const made = spawnSync('ssh-keygen', [
        '-q',
        '-t',
        'rsa',
        '-b',
        '2048',
        '-N',
        '',
        '-C',
        'test',
        '-f',
        path,
      ]);
      expect(made.status).toBe(0);
      expect(readFileSync(path, 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');
      const spki = spawnSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', `${path}.pub`], {
        encoding: 'utf8',
      }).stdout;
      expect(parsePrivateKey(path).modulusBits).toBe(2048);
      await signsVerifiably(path, spki);
      await signsVerifiably(readFileSync(path, 'utf8'), spki);
    },
  );

  it.skipIf(!hasSshKeygen)(
    'refuses a passphrase-protected ssh-keygen key, naming the command that converts it',
    () => {
      const path = join(dir, 'encrypted.pem');
      spawnSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', 'secret phrase', '-f', path]);
      expect(() => parsePrivateKey(path)).toThrow(/ssh-keygen -p -m PEM -f private\.pem/);
      expect(codeOf(() => parsePrivateKey(path))).toBe('ENCRYPTED_KEY');
    },
  );

  it('reads an OpenSSH key built byte by byte (no ssh-keygen needed), including a 3072-bit one', async () => {
    for (const bits of [2048, 3072]) {
      const { pem, publicKeyPem } = buildOpenSshKey({ bits });
      expect(parsePrivateKey(pem).modulusBits).toBe(bits);
      await signsVerifiably(pem, publicKeyPem);
      // The converted key is the same key Node reads from PKCS#8.
      const privateKey = createPrivateKey({
        key: Buffer.from(parsePrivateKey(pem).pkcs8),
        format: 'der',
        type: 'pkcs8',
      });
      const spki = createPublicKey(privateKey);
      expect(spki.export({ type: 'spki', format: 'pem' })).toBe(publicKeyPem);
    }
  });

  it('refuses encrypted, non-RSA, small and damaged OpenSSH keys with clear codes', () => {
    const encrypted = buildOpenSshKey({ cipher: 'aes256-ctr' }).pem;
    expect(() => parsePrivateKey(encrypted)).toThrow(/ssh-keygen -p -m PEM -f private\.pem/);
    expect(codeOf(() => parsePrivateKey(buildOpenSshKey({ type: 'ssh-ed25519' }).pem))).toBe('NOT_RSA');
    expect(codeOf(() => parsePrivateKey(buildOpenSshKey({ bits: 1024 }).pem))).toBe('KEY_TOO_SMALL');
    const good = buildOpenSshKey().pem;
    const body = good.split('\n').slice(1, -2).join('');
    const truncated = Buffer.from(body, 'base64').subarray(0, 400).toString('base64');
    expect(
      codeOf(() =>
        parsePrivateKey(
          `-----BEGIN OPENSSH PRIVATE KEY-----\n${truncated}\n-----END OPENSSH PRIVATE KEY-----`,
        ),
      ),
    ).toBe('INVALID_KEY');
  });

  it('never puts key material in its messages', () => {
    const { pem } = buildOpenSshKey({ cipher: 'aes256-ctr' });
    try {
      parsePrivateKey(pem);
    } catch (error) {
      const base64 = pem.split('\n')[1]!;
      expect((error as Error).message).not.toContain(base64.slice(20, 50));
    }
  });
});
