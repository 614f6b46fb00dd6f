import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds types, signer and client with their own tsconfig.build.json into a throwaway node_modules,
// exactly as they would be published (dist + package.json exports), then loads the client from a
// plain ESM file and from a CommonJS file (Node >= 20.19 can require() ES modules).
const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-consumer-'));
  const scope = join(root, 'node_modules', '@amazon-pay-ts');
  mkdirSync(scope, { recursive: true });
  for (const name of ['types', 'signer', 'client']) {
    const target = join(scope, name);
    mkdirSync(target);
    cpSync(join(packagesDir, name, 'package.json'), join(target, 'package.json'));
    execFileSync(
      process.execPath,
      [
        tsc,
        '-p',
        join(packagesDir, name, 'tsconfig.build.json'),
        '--outDir',
        join(target, 'dist'),
        '--declarationMap',
        'false',
        '--sourceMap',
        'false',
      ],
      { stdio: 'pipe' },
    );
  }
  for (const dependency of ['zod', 'openapi-fetch']) {
    const resolved = realpathSync(dirname(require.resolve(`${dependency}/package.json`)));
    symlinkSync(resolved, join(root, 'node_modules', dependency), 'dir');
  }
  const program = (load: string) => `
${load}
const { AmazonPayClient, AmazonPayConfigError, formatAmazonTimestamp } = mod;
const { generateKeyPairPem } = signer;
(async () => {
  const keys = await generateKeyPairPem(2048);
  const client = new AmazonPayClient({ region: 'de', environment: 'sandbox', publicKeyId: 'AKEY', privateKey: keys.privateKeyPem });
  const { signature } = await client.generateButtonSignature({ storeId: 's', webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' } });
  let configError = '';
  try { new AmazonPayClient({ region: 'xx', publicKeyId: 'A', privateKey: 'k' }); } catch (e) { configError = e instanceof AmazonPayConfigError ? e.field : 'wrong'; }
  console.log(JSON.stringify({ baseUrl: client.baseUrl, signed: signature.length > 100, configError, ts: formatAmazonTimestamp(new Date(0)) }));
})().catch((e) => { console.error(e); process.exit(1); });
`;
  writeFileSync(
    join(root, 'consumer.cjs'),
    program(`const mod = require('@amazon-pay-ts/client'); const signer = require('@amazon-pay-ts/signer');`),
  );
  writeFileSync(
    join(root, 'consumer.mjs'),
    program(`import * as mod from '@amazon-pay-ts/client'; import * as signer from '@amazon-pay-ts/signer';`),
  );
}, 180_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const expected = {
  baseUrl: 'https://pay-api.amazon.eu/sandbox',
  signed: true,
  configError: 'region',
  ts: '19700101T000000Z',
};

describe('published build', () => {
  it.each(['consumer.mjs', 'consumer.cjs'])('%s loads and uses the client', (file) => {
    const output = execFileSync(process.execPath, ['--no-warnings', join(root, file)], { encoding: 'utf8' });
    expect(JSON.parse(output.trim())).toEqual(expected);
  });
});
