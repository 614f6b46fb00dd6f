import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCli, runSimulatorCli } from './cli-support.js';

// Proof from outside Node: the command-line simulator over TLS, a whole checkout driven by
// curl-checkout.sh — every API request signed by the openssl command line, the buyer's part through
// the control plane — and the IPNs it delivered verified with openssl too. Nothing here signs or
// verifies with our own code.
const run = promisify(execFile);
const script = fileURLToPath(new URL('./curl-checkout.sh', import.meta.url));
const haveTools = await Promise.all(
  [
    ['curl', '--version'],
    ['openssl', 'version'],
    ['bash', '--version'],
  ].map(([tool, arg]) =>
    run(tool!, [arg!]).then(
      () => true,
      () => false,
    ),
  ),
).then((found) => found.every(Boolean));

let cli: RunningCli;
let info: Awaited<RunningCli['started']>['info'];
let scratch: string;
const ipns: Array<Record<string, string>> = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    ipns.push(JSON.parse(body));
    res.writeHead(200).end();
  });
});

beforeAll(async () => {
  if (!haveTools) return;
  scratch = await mkdtemp(join(tmpdir(), 'simulator-curl-test-'));
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const ipnUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`;
  cli = runSimulatorCli(['--port', '0', '--tls', '--ipn-url', ipnUrl, '--seed', 'curl']);
  ({ info } = await cli.started);
});
afterAll(async () => {
  await cli?.stop();
  receiver.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** SNS's string to sign of a Notification, written out independently of both packages. */
function snsStringToSign(message: Record<string, string>): string {
  return ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
    .filter((field) => message[field] !== undefined)
    .map((field) => `${field}\n${message[field]}\n`)
    .join('');
}

describe.skipIf(!haveTools)('a checkout with curl and openssl only', () => {
  it('creates, approves, updates, completes, captures and refunds, and the IPNs arrive', async () => {
    const { stdout } = await run('bash', [script], {
      env: {
        ...process.env,
        SIM_URL: info.baseUrl,
        CA_FILE: info.caCertificatePath!,
        KEY_ID: info.publicKeyId,
        KEY_FILE: info.privateKeyPath!,
      },
    });
    const out = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(out.checkoutSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.redirect).toBe(
      `${info.baseUrl}/checkout/processing?amazonCheckoutSessionId=${out.checkoutSessionId}`,
    );
    expect(out.chargeId).toBe(`${out.chargePermissionId}-C000001`);
    expect(out.captureState).toBe('Captured');
    expect(out.refundStateAtFirst).toBe('RefundInitiated');
    expect(out.refundState).toBe('Refunded');
    expect(Number(out.deliveries)).toBeGreaterThanOrEqual(5);

    const kinds = ipns.map((ipn) => JSON.parse(ipn.Message!) as { ObjectType: string; ObjectId: string });
    expect(kinds).toContainEqual(expect.objectContaining({ ObjectType: 'REFUND', ObjectId: out.refundId }));
    expect(kinds).toContainEqual(expect.objectContaining({ ObjectType: 'CHARGE', ObjectId: out.chargeId }));

    // The refund's IPN, verified with openssl: its certificate (fetched over the simulator's TLS,
    // trusting only the printed CA) was issued by the simulated SNS CA, and signs the message.
    const refundIpn = ipns.find((ipn) => ipn.Message!.includes(out.refundId!))!;
    const certificate = join(scratch, 'signing.pem');
    await run('curl', [
      '-sS',
      '--fail',
      '--cacert',
      info.caCertificatePath!,
      '-o',
      certificate,
      refundIpn.SigningCertURL!,
    ]);
    await run('curl', [
      '-sS',
      '--fail',
      '--cacert',
      info.caCertificatePath!,
      '-o',
      join(scratch, 'sns-ca.pem'),
      `${info.baseUrl}/sns/ca.pem`,
    ]);
    await run('openssl', ['verify', '-CAfile', join(scratch, 'sns-ca.pem'), certificate]);
    const { stdout: publicKey } = await run('openssl', ['x509', '-pubkey', '-noout', '-in', certificate]);
    await writeFile(join(scratch, 'signing-public.pem'), publicKey);
    await writeFile(join(scratch, 'string-to-sign'), snsStringToSign(refundIpn));
    await writeFile(join(scratch, 'signature'), Buffer.from(refundIpn.Signature!, 'base64'));
    const { stdout: verified } = await run('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(scratch, 'signing-public.pem'),
      '-signature',
      join(scratch, 'signature'),
      join(scratch, 'string-to-sign'),
    ]);
    expect(verified.trim()).toBe('Verified OK');
  });
});
