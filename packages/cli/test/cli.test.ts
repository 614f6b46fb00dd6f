import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
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
  return cliWith({}, ...argv);
}

/** Runs the CLI in-process with another environment or standard input. */
async function cliWith(options: { env?: NodeJS.ProcessEnv; stdin?: string | Buffer }, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = options.stdin === undefined ? undefined : Readable.from([Buffer.from(options.stdin)]);
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line), stdin };
  const code = await runCli(argv, io, options.env ?? env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const binPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'amazon-pay.mjs');

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

  it('creates --out-dir (and its parents) when it does not exist yet, readable only by its owner', async () => {
    const outDir = join(dir, 'fresh-project', 'keys');
    const result = await cli('keys', 'generate', '--out-dir', outDir, '--json');
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out).privateKeyPath).toBe(join(outDir, 'private.pem'));
    expect(readFileSync(join(outDir, 'private.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    if (process.platform !== 'win32') expect(statSync(outDir).mode & 0o777).toBe(0o700);
  });
});

describe('exit codes: 2 for a mistake found before anything is sent', () => {
  let keyDir: string;
  beforeAll(() => {
    keyDir = mkdtempSync(join(tmpdir(), 'amazon-pay-cli-keys-'));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(keyDir, 'public.pem'), rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(keyDir, 'ec.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(
      join(keyDir, 'encrypted.pem'),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }),
    );
  });
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

  // The cases the README lists, for `call` and `button sign`; none reaches the simulator.
  const cases: [string, (keys: string) => string[], RegExp][] = [
    ['a missing key', () => ['--private-key', ''], /missing --private-key/],
    [
      'a key file that does not exist',
      (k) => ['--private-key', join(k, 'nope.pem')],
      /cannot be read \(ENOENT\)/,
    ],
    ['a public key', (k) => ['--private-key', join(k, 'public.pem')], /expected a private key/],
    ['an EC key', (k) => ['--private-key', join(k, 'ec.pem')], /expected an RSA private key, got EC/],
    ['an encrypted key', (k) => ['--private-key', join(k, 'encrypted.pem')], /encrypted/],
  ];
  const callCases: typeof cases = [
    ...cases,
    ['an unknown region', () => ['--region', 'xx'], /unknown region "xx"/],
    ['a plain-http base URL', () => ['--base-url', 'http://pay-api.example'], /plain http/],
  ];

  it.each(callCases)('call with %s exits 2', async (_name, flags, message) => {
    const before = sim.requests.length;
    const result = await cli('call', 'getCheckoutSession', 'S01-x', ...flags(keyDir));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
    expect(sim.requests.length).toBe(before);
  });

  it.each(cases)('button sign with %s exits 2', async (_name, flags, message) => {
    const result = await cli('button', 'sign', join(dir, 'create.json'), ...flags(keyDir));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('button sign refuses the flags a button signature has no use for, saying why', async () => {
    for (const flag of ['--region', '--environment', '--base-url']) {
      const result = await cli('button', 'sign', join(dir, 'create.json'), flag, 'x');
      expect(result.code, flag).toBe(2);
      expect(result.err, flag).toContain(`${flag}: a button signature covers only the payload`);
    }
  });

  it('a button payload that fails its schema exits 2, naming the field', async () => {
    writeFileSync(
      join(keyDir, 'typo.json'),
      JSON.stringify({
        storeId: 'x',
        webCheckoutDetails: { checkoutReviewReturnURL: 'https://a.example/r' },
      }),
    );
    const result = await cli('button', 'sign', join(keyDir, 'typo.json'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('checkoutReviewReturnURL');
  });

  it.runIf(process.platform !== 'win32')(
    'a key path at a device (/dev/zero) exits 2 at once instead of reading forever',
    async () => {
      // /dev/null first: an unbounded read survives it and fails this test before it reaches /dev/zero.
      for (const device of ['/dev/null', '/dev/zero']) {
        const result = await cli('call', 'getCheckoutSession', 'S01-x', '--private-key', device);
        expect(result.code, device).toBe(2);
        expect(result.err, device).toContain('not a regular file');
      }
    },
  );

  it('a JSON file is read only when it is a regular file of at most 1 MiB', async () => {
    const large = join(dir, 'large.json');
    writeFileSync(large, JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }));
    const devices = process.platform === 'win32' ? [] : ['/dev/null', '/dev/zero'];
    // /dev/null before /dev/zero: an unbounded read survives the first and fails here before the second.
    for (const [path, message] of [
      [dir, 'not a regular file'],
      [large, 'is larger than 1048576 bytes'],
      ...devices.map((device) => [device, 'not a regular file']),
    ] as const) {
      for (const argv of [
        ['call', 'createCheckoutSession', '--body', path],
        ['button', 'sign', path],
      ]) {
        const result = await cli(...argv);
        expect(result.code, argv.join(' ')).toBe(2);
        expect(result.err, argv.join(' ')).toContain(message);
      }
    }
  });

  it('a private key given as PEM text on the command line is refused, and never echoed', async () => {
    const pem = readFileSync(env.AMAZON_PAY_PRIVATE_KEY!, 'utf8');
    const keyLine = pem.split('\n')[3]!;
    for (const argv of [
      ['call', 'getCheckoutSession', 'S01-x', '--private-key', pem],
      ['button', 'sign', join(dir, 'create.json'), '--private-key', pem],
      ['button', 'sign', join(dir, 'create.json'), `--private-key=${pem.replace(/\n/g, '\\n')}`],
    ]) {
      const result = await cli(...argv);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/visible to other users .*ps.* shell history/s);
      expect(result.err).toContain('--private-key-stdin');
      expect(result.err + result.out).not.toContain(keyLine);
    }
  });
});

describe('--private-key-stdin', () => {
  it('reads the PEM text from standard input', async () => {
    const pem = readFileSync(env.AMAZON_PAY_PRIVATE_KEY!, 'utf8');
    const { AMAZON_PAY_PRIVATE_KEY: _fromEnv, ...withoutKey } = env;
    const signed = await cliWith(
      { env: withoutKey, stdin: pem },
      'button',
      'sign',
      join(dir, 'create.json'),
      '--private-key-stdin',
      '--json',
    );
    expect(signed.code, signed.err).toBe(0);
    const created = await cliWith(
      { env: withoutKey, stdin: pem },
      'call',
      'createCheckoutSession',
      '--body',
      join(dir, 'create.json'),
      '--private-key-stdin',
      '--json',
    );
    expect(created.code, created.err).toBe(0);
    expect(JSON.parse(created.out).status).toBe(201);
  });

  it('refuses --private-key with it, an empty input and an endless one, with exit code 2', async () => {
    const pem = readFileSync(env.AMAZON_PAY_PRIVATE_KEY!, 'utf8');
    const both = await cliWith(
      { stdin: pem },
      'button',
      'sign',
      join(dir, 'create.json'),
      '--private-key-stdin',
      '--private-key',
      env.AMAZON_PAY_PRIVATE_KEY!,
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('either --private-key or --private-key-stdin');
    for (const [stdin, message] of [
      ['', 'standard input was empty'],
      [Buffer.alloc(1024 * 1024, 65), 'more than 65536 bytes'],
    ] as const) {
      const sign = ['button', 'sign', join(dir, 'create.json'), '--private-key-stdin'];
      const refused = await cliWith({ stdin }, ...sign);
      expect(refused.code, message).toBe(2);
      expect(refused.err).toContain(message);
    }
  });

  it('works from a shell pipe in the executable', () => {
    const pem = readFileSync(env.AMAZON_PAY_PRIVATE_KEY!, 'utf8');
    const result = spawnSync(
      process.execPath,
      [
        binPath,
        'button',
        'sign',
        join(dir, 'create.json'),
        '--private-key-stdin',
        '--public-key-id',
        publicKeyId,
      ],
      {
        input: pem,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('algorithm:   AMZN-PAY-RSASSA-PSS-V2');
  }, 60_000);
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

  it('reaches a simulator over plain http on a host other than loopback only with --allow-insecure-http', async () => {
    // A simulator on a test network: this machine's own non-loopback address (or, on a machine with
    // none, 0.0.0.0, which connects locally but is not a loopback name to the client).
    const address =
      Object.values(networkInterfaces())
        .flat()
        .find((a) => a && !a.internal && a.family === 'IPv4')?.address ?? '0.0.0.0';
    const { publicKeyPem } = JSON.parse(
      (await cli('keys', 'generate', '--out-dir', join(dir, 'insecure'), '--json')).out,
    );
    const remote = await startSimulator({ host: address, keys: [{ publicKeyId, publicKey: publicKeyPem }] });
    try {
      const baseUrl = `http://${address}:${new URL(remote.url).port}`;
      const flags = ['--base-url', baseUrl, '--private-key', join(dir, 'insecure', 'private.pem')];
      const refused = await cli(
        'call',
        'createCheckoutSession',
        '--body',
        join(dir, 'create.json'),
        ...flags,
      );
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('plain http');
      expect(refused.err).toContain('pass --allow-insecure-http');
      expect(remote.requests).toHaveLength(0);
      const sent = await cli(
        'call',
        'createCheckoutSession',
        '--body',
        join(dir, 'create.json'),
        ...flags,
        '--allow-insecure-http',
        '--json',
      );
      expect(sent.err).toBe('');
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.out).status).toBe(201);
      expect(remote.requests).toHaveLength(1);
    } finally {
      await remote.close();
    }
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

  it('refuses a --simulation-code the operation does not have before sending (exit 2)', async () => {
    const created = JSON.parse(
      (await cli('call', 'createCheckoutSession', '--body', join(dir, 'create.json'), '--json')).out,
    );
    const id = created.body.checkoutSessionId as string;
    const before = sim.requests?.length;
    const result = await cli('call', 'getCheckoutSession', id, '--simulation-code', 'HardDeclined', '--json');
    expect(result.code).toBe(2);
    expect(result.err).toContain('getCheckoutSession has no sandbox simulations');
    const typo = await cli('call', 'getCharge', 'S01-x', '--simulation-code', 'ExpiredUnusedd', '--json');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain(
      'is not a simulation code of getCharge; use one of ExpiredUnused, AmazonCanceled',
    );
    expect(sim.requests?.length).toBe(before);
  });

  it('sends --header and --simulation-code, signed, and refuses a malformed --header before sending', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(404, { 'content-type': 'application/json', 'x-amz-pay-request-id': 'req-1' });
      response.end(JSON.stringify({ reasonCode: 'ResourceNotFound', message: 'not here' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const call = ['call', 'getCharge', 'S01-x', '--base-url', baseUrl];
      const result = await cli(
        ...call,
        '--header',
        'x-amz-pay-authtoken: delegated-token',
        '--header',
        'X-Merchant-Trace:abc 123',
        '--simulation-code',
        'ExpiredUnused',
      );
      expect(result.code).toBe(1);
      expect(seen).toHaveLength(1);
      const headers = seen[0]!;
      expect(headers['x-amz-pay-authtoken']).toBe('delegated-token');
      expect(headers['x-merchant-trace']).toBe('abc 123');
      expect(headers['x-amz-pay-simulation-code']).toBe('ExpiredUnused');
      expect(headers.authorization).toMatch(/SignedHeaders=[^,]*x-merchant-trace/);
      for (const bad of ['no-colon', ': value', 'bad name: v']) {
        const refused = await cli(...call, '--header', bad);
        expect(refused.code, bad).toBe(2);
        expect(refused.err, bad).toContain('--header');
      }
      expect(seen).toHaveLength(1);
    } finally {
      server.close();
    }
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

  it('signs for a key id without a LIVE-/SANDBOX- prefix, which needs no environment either', async () => {
    const { verifyButtonSignature, loadPublicKey } = await import('@amazon-pay-ts/signer');
    const { AMAZON_PAY_REGION: _region, AMAZON_PAY_BASE_URL: _baseUrl, ...noRegion } = env;
    const legacy = { ...noRegion, AMAZON_PAY_PUBLIC_KEY_ID: 'AHLEGACYKEYID0001' };
    const signed = await cliWith({ env: legacy }, 'button', 'sign', join(dir, 'create.json'), '--json');
    expect(signed.code, signed.err).toBe(0);
    const { payload, signature, algorithm, publicKeyId: keyId } = JSON.parse(signed.out);
    expect(keyId).toBe('AHLEGACYKEYID0001');
    const publicKey = await loadPublicKey(readFileSync(join(dir, 'public.pem'), 'utf8'));
    expect(await verifyButtonSignature(payload, signature, publicKey, algorithm)).toEqual({ ok: true });
  });

  it('needs no region (a button signature has none) and prints the algorithm for createCheckoutSessionConfig', async () => {
    const { verifyButtonSignature, loadPublicKey } = await import('@amazon-pay-ts/signer');
    const { AMAZON_PAY_REGION: _region, AMAZON_PAY_BASE_URL: _baseUrl, ...noRegion } = env;
    const text = await cliWith({ env: noRegion }, 'button', 'sign', join(dir, 'create.json'));
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('algorithm:   AMZN-PAY-RSASSA-PSS-V2');
    const json = await cliWith(
      { env: noRegion },
      'button',
      'sign',
      join(dir, 'create.json'),
      '--algorithm',
      'AMZN-PAY-RSASSA-PSS',
      '--json',
    );
    expect(json.code, json.err).toBe(0);
    const { payload, signature, algorithm, publicKeyId: keyId } = JSON.parse(json.out);
    expect(algorithm).toBe('AMZN-PAY-RSASSA-PSS');
    expect(keyId).toBe(publicKeyId);
    const publicKey = await loadPublicKey(readFileSync(join(dir, 'public.pem'), 'utf8'));
    expect(await verifyButtonSignature(payload, signature, publicKey, algorithm)).toEqual({ ok: true });
    const unknown = await cliWith(
      { env: noRegion },
      'button',
      'sign',
      join(dir, 'create.json'),
      '--algorithm',
      'RSA',
    );
    expect(unknown.code).toBe(2);
  });
});

describe('amazon-pay --help', () => {
  it.each(['keys', 'button', 'call', 'simulator'])(
    '%s --help describes the command on stdout',
    async (command) => {
      const result = await cli(command, '--help');
      expect(result.code).toBe(0);
      expect(result.out).toContain(`amazon-pay ${command}`);
      expect(result.err).toBe('');
    },
  );

  it('asked for, help goes to stdout with exit code 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = await cli(...argv);
      expect(result.code).toBe(0);
      expect(result.out).toContain('amazon-pay <command>');
      expect(result.err).toBe('');
    }
  });

  it('after a usage mistake, the usage goes to stderr with exit code 2 and stdout stays empty', async () => {
    for (const argv of [
      [],
      ['nope'],
      ['keys'],
      ['call'],
      ['button', 'sign'],
      ['call', 'getCheckoutSession', 'x', '--bogus'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.out, argv.join(' ')).toBe('');
      expect(result.err, argv.join(' ')).toMatch(/amazon-pay/);
    }
    expect((await cli()).err).toContain('amazon-pay <command>');
  });

  it('runs as an executable: --help on stdout, a usage mistake on stderr', () => {
    const output = execFileSync(process.execPath, [binPath, '--help'], { encoding: 'utf8' });
    expect(output).toContain('amazon-pay <command>');
    const mistake = spawnSync(process.execPath, [binPath], { encoding: 'utf8' });
    expect(mistake.status).toBe(2);
    expect(mistake.stdout).toBe('');
    expect(mistake.stderr).toContain('amazon-pay <command>');
  }, 60_000);
});
