import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSigner,
  parseAuthorizationHeader,
  type SignatureAlgorithm,
  sha256Hex,
  stringToSign,
} from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const hasOpenssl = openssl.status === 0;
const dir = mkdtempSync(join(tmpdir(), 'signer-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** openssl verifying a signature over `message` with RSASSA-PSS/SHA-256 and the given salt length. */
function opensslVerifies(
  publicKeyPem: string,
  message: string,
  signatureBase64: string,
  salt: number,
): boolean {
  const pub = join(dir, 'pub.pem');
  const data = join(dir, 'data.txt');
  const sig = join(dir, 'sig.bin');
  writeFileSync(pub, publicKeyPem);
  writeFileSync(data, message);
  writeFileSync(sig, Buffer.from(signatureBase64, 'base64'));
  const args = ['dgst', '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', `rsa_pss_saltlen:${salt}`];
  const result = spawnSync('openssl', [...args, '-verify', pub, '-signature', sig, data], {
    encoding: 'utf8',
  });
  return result.status === 0 && result.stdout.includes('Verified OK');
}

describe.skipIf(!hasOpenssl)(
  `interop with ${hasOpenssl ? openssl.stdout.trim() : 'openssl (not installed: skipped)'}`,
  () => {
    const { privateKeyPem, publicKeyPem } = sharedKeys();

    it.each([
      ['AMZN-PAY-RSASSA-PSS-V2', 32],
      ['AMZN-PAY-RSASSA-PSS', 20],
    ] as const)(
      'openssl verifies %s request signatures with salt length %i, and only that one',
      async (algorithm, salt) => {
        const signer = createSigner({ publicKeyId: 'K', privateKey: privateKeyPem, region: 'jp', algorithm });
        const signed = await signer.sign(
          new Request('https://pay-api.amazon.jp/v2/refunds', {
            method: 'POST',
            body: '{"refundAmount":{"amount":"500"}}',
          }),
        );
        const authorization = parseAuthorizationHeader(signed.headers.get('authorization')!)!;
        const headerBlock = authorization.signedHeaders
          .map((name) => `${name}:${signed.headers.get(name)}\n`)
          .join('');
        const canonical = [
          'POST',
          '/v2/refunds',
          '',
          headerBlock,
          authorization.signedHeaders.join(';'),
          await sha256Hex(await signed.text()),
        ].join('\n');
        const message = stringToSign(algorithm as SignatureAlgorithm, await sha256Hex(canonical));
        expect(opensslVerifies(publicKeyPem, message, authorization.signature, salt)).toBe(true);
        expect(opensslVerifies(publicKeyPem, message, authorization.signature, salt === 32 ? 20 : 32)).toBe(
          false,
        );
        expect(opensslVerifies(publicKeyPem, `${message}0`, authorization.signature, salt)).toBe(false);
      },
    );

    it('openssl verifies button signatures', async () => {
      const signer = createSigner({ publicKeyId: 'K', privateKey: privateKeyPem, region: 'na' });
      const { payload, signature } = await signer.signButtonPayload({
        storeId: 'amzn1.application-oa2-client.x',
      });
      const message = stringToSign('AMZN-PAY-RSASSA-PSS-V2', await sha256Hex(payload));
      expect(opensslVerifies(publicKeyPem, message, signature, 32)).toBe(true);
    });

    it('a PKCS#1 key from `openssl genrsa -traditional` signs verifiably', async () => {
      const keyFile = join(dir, 'traditional.pem');
      const generated = spawnSync('openssl', ['genrsa', '-traditional', '-out', keyFile, '2048'], {
        encoding: 'utf8',
      });
      if (generated.status !== 0) execFileSync('openssl', ['genrsa', '-out', keyFile, '2048']);
      const publicPem = execFileSync('openssl', ['rsa', '-in', keyFile, '-pubout'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      const signer = createSigner({ publicKeyId: 'K', privateKey: keyFile, region: 'na' });
      const { payload, signature } = await signer.signButtonPayload('{}');
      expect(
        opensslVerifies(
          publicPem,
          stringToSign('AMZN-PAY-RSASSA-PSS-V2', await sha256Hex(payload)),
          signature,
          32,
        ),
      ).toBe(true);
    });
  },
);
