import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCli, runSimulatorCli } from './cli-support.js';

// The configurations the command line prints are run exactly as printed, each in a process of its
// own against the command-line simulator over TLS: our client (trusting the printed CA through
// NODE_EXTRA_CA_CERTS) and Amazon's official Node SDK through a whole checkout.
const run = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');

let cli: RunningCli;
let info: Awaited<RunningCli['started']>['info'];
beforeAll(async () => {
  cli = runSimulatorCli(['--port', '0', '--tls']);
  ({ info } = await cli.started);
});
afterAll(() => cli.stop());

/** The code printed under `sdk`'s heading, without its comment lines. */
function printed(sdk: string): string {
  const lines = cli.output().split('\n');
  const start = lines.findIndex((line) => line.trim() === `${sdk}:`);
  expect(start, `no configuration printed for ${sdk}`).toBeGreaterThan(-1);
  const code: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    ')) break;
    if (!line.trim().startsWith('//')) code.push(line.trim());
  }
  return code.join('\n').replace(/;$/, '');
}

const createBody = {
  storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
  webCheckoutDetails: {
    checkoutReviewReturnUrl: 'https://shop.example/review',
    checkoutResultReturnUrl: 'https://shop.example/result',
  },
};

describe('printed client configurations, run as printed', () => {
  it('our client reaches the https simulator, trusting only the printed CA', async () => {
    const program = `import { WebStoreClient } from '@amazon-pay-ts/client';
const client = ${printed('Node, @amazon-pay-ts/client')};
const session = await client.createCheckoutSession(${JSON.stringify(createBody)});
console.log(session.statusDetails.state);`;
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@amazon-pay-ts/source', '--import', 'tsx', '--input-type=module', '-e', program],
      { cwd: packageDir, env: { ...process.env, NODE_EXTRA_CA_CERTS: info.caCertificatePath! } },
    );
    expect(stdout.trim()).toBe('Open');
    // Without the CA the same program is refused: the certificate is not trusted by default.
    const refused = await run(
      process.execPath,
      ['--conditions=@amazon-pay-ts/source', '--import', 'tsx', '--input-type=module', '-e', program],
      { cwd: packageDir, env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } },
    ).catch((error: { stderr: string }) => error);
    expect((refused as { stderr: string }).stderr).toMatch(/certificate|self-signed|UNABLE_TO/i);
  });

  it("Amazon's official Node SDK runs a whole checkout against the command-line simulator over TLS", async () => {
    const control = `${info.baseUrl}/__simulator`;
    const program = `const client = ${printed('Node, @amazonpay/amazon-pay-api-sdk-nodejs')};
const approve = (id, body) => fetch('${control}/checkout-sessions/' + id + '/approve', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
}).then((r) => { if (!r.ok) throw new Error('approve ' + r.status); });
const key = () => ({ 'x-amz-pay-idempotency-key': crypto.randomUUID().replace(/-/g, '') });
const amount = { amount: '25.00', currencyCode: 'USD' };
(async () => {
  const created = await client.createCheckoutSession(${JSON.stringify(createBody)}, key());
  const id = created.data.checkoutSessionId;
  await approve(id, { paymentMethod: '1111' });
  await client.updateCheckoutSession(id, { paymentDetails: { paymentIntent: 'Authorize', chargeAmount: amount } });
  await approve(id, {});
  const completed = await client.completeCheckoutSession(id, { chargeAmount: amount });
  const captured = await client.captureCharge(completed.data.chargeId, { captureAmount: amount }, key());
  const refund = await client.createRefund({ chargeId: completed.data.chargeId, refundAmount: { amount: '5.00', currencyCode: 'USD' } }, key());
  console.log(JSON.stringify({ url: '${info.baseUrl}', completed: completed.data.statusDetails.state, captured: captured.data.statusDetails.state, refund: refund.data.statusDetails.state }));
})().catch((error) => { console.error(error.response ? JSON.stringify(error.response.data) : error); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', program], { cwd: repoRoot });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toEqual({
      url: expect.stringMatching(/^https:/),
      completed: 'Completed',
      captured: 'Captured',
      refund: 'RefundInitiated',
    });
    // The SDK's requests reached the simulator as signed API calls, each accepted.
    const { stdout: log } = await run('curl', [
      '-sS',
      '--cacert',
      info.caCertificatePath!,
      `${control}/requests`,
    ]);
    const { requests } = JSON.parse(log) as { requests: Array<{ operationId: string; status: number }> };
    expect(requests.slice(-5).map((r) => `${r.operationId} ${r.status}`)).toEqual([
      'createCheckoutSession 201',
      'updateCheckoutSession 200',
      'completeCheckoutSession 200',
      'captureCharge 200',
      'createRefund 201',
    ]);
  });
});
