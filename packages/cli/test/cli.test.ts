import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

// End to end against the simulator on an ephemeral port: keys from `keys generate`, a signed
// createCheckoutSession and getCheckoutSession through `call`, button signing, and the errors.
const publicKeyId = 'SANDBOX-AEXAMPLETESTKEY0001';
let dir: string;
let sim: Simulator;
let env: NodeJS.ProcessEnv;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amazon-pay-cli-test-'));
  env = {};
  const generated = await cli('keys', 'generate', '--out-dir', dir, '--json');
  expect(generated.code).toBe(0);
  const { publicKeyPem, privateKeyPath } = JSON.parse(generated.out);
  sim = await startSimulator({ port: 0, keys: [{ publicKeyId, publicKey: publicKeyPem }] });
  env = {
    AMAZON_PAY_PUBLIC_KEY_ID: publicKeyId,
    AMAZON_PAY_PRIVATE_KEY: privateKeyPath,
    AMAZON_PAY_REGION: 'na',
    AMAZON_PAY_BASE_URL: sim.url,
  };
  writeFileSync(
    join(dir, 'create.json'),
    JSON.stringify({
      storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://merchant.example/review' },
    }),
  );
}, 60_000);

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('amazon-pay keys generate', () => {
  it('writes a private key only its owner can read, and refuses to overwrite it', async () => {
    expect(statSync(join(dir, 'private.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'public.pem'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    const again = await cli('keys', 'generate', '--out-dir', dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already holds private.pem');
  });
});

describe('amazon-pay call', () => {
  it('creates and reads a checkout session on the simulator, printing status and request id', async () => {
    const created = await cli('call', 'createCheckoutSession', '--body', join(dir, 'create.json'), '--json');
    expect(created.code).toBe(0);
    const answer = JSON.parse(created.out);
    expect(answer.status).toBe(201);
    expect(answer.requestId).toEqual(expect.any(String));
    const id = answer.body.checkoutSessionId as string;
    const read = await cli('call', 'getCheckoutSession', id);
    expect(read.code).toBe(0);
    expect(read.out).toContain('status:     200');
    expect(read.out).toMatch(/request id: \S+/);
    expect(read.out).toContain(`"checkoutSessionId": "${id}"`);
  });

  it("prints Amazon's error answer and exits 1", async () => {
    const missing = await cli('call', 'getCharge', 'S01-0000000-0000000-C000000', '--json');
    expect(missing.code).toBe(1);
    const answer = JSON.parse(missing.out);
    expect(answer.status).toBe(404);
    expect(answer.reasonCode).toBe('ResourceNotFound');
  });

  it('refuses bad input before any network call, with the usage', async () => {
    const before = sim.requests?.length;
    const cases = [
      [['call', 'noSuchOperation'], 'unknown operationId noSuchOperation'],
      [['call', 'getCheckoutSession'], 'getCheckoutSession needs checkoutSessionId'],
      [['call', 'createCheckoutSession'], 'needs --body file.json'],
      [['call', 'createCheckoutSession', '--body', join(dir, 'nope.json')], 'cannot read'],
      [['call', 'getCheckoutSession', 'x', '--body', join(dir, 'create.json')], 'takes no body'],
      [
        ['call', 'createCheckoutSession', '--body', join(dir, 'create.json'), '--bogus'],
        "Unknown option '--bogus'",
      ],
    ] as const;
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain(message);
    }
    const noKey = await runCli(['call', 'getCheckoutSession', 'x'], { out() {}, err() {} }, {});
    expect(noKey).toBe(2);
    expect(sim.requests?.length).toBe(before);
  });
});

describe('amazon-pay button sign', () => {
  it('signs a payload the signer verifies', async () => {
    const { verifyButtonSignature, loadPublicKey } = await import('@amazon-pay-ts/signer');
    const signed = await cli('button', 'sign', join(dir, 'create.json'), '--json');
    expect(signed.code).toBe(0);
    const { payload, signature } = JSON.parse(signed.out);
    const publicKey = await loadPublicKey(readFileSync(join(dir, 'public.pem'), 'utf8'));
    expect(await verifyButtonSignature(payload, signature, publicKey)).toEqual({ ok: true });
  });
});

describe('amazon-pay --help', () => {
  it.each(['keys', 'button', 'call', 'simulator'])('%s --help describes the command', async (command) => {
    const result = await cli(command, '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`amazon-pay ${command}`);
  });

  it('runs as an executable', () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'amazon-pay.mjs');
    const output = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(output).toContain('amazon-pay <command>');
  }, 60_000);
});
