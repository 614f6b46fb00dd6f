import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlPlaneClient } from '../src/control-plane/index.js';
import { type RunningCli, runSimulatorCli } from './cli-support.js';

// Issue 21, found 3: the merchant id that checkout.js and /checkout/start need was printed nowhere,
// and only our own client's configuration was. Now the start prints the merchant id, the key id,
// the base URL and the exact configuration of our client and of Amazon's Node, PHP, Java and .NET SDKs.
let cli: RunningCli;
let info: Awaited<RunningCli['started']>['info'];
beforeAll(async () => {
  cli = runSimulatorCli(['--port', '0']);
  ({ info } = await cli.started);
});
afterAll(() => cli.stop());

describe('what the command line prints', () => {
  it('the merchant id the control plane reports for the key, and the key id', async () => {
    const control = createControlPlaneClient({ baseUrl: info.baseUrl });
    const { merchants } = await control.getSimulatorInfo();
    expect(merchants).toEqual([{ merchantId: info.merchantId, publicKeyIds: [info.publicKeyId] }]);
    expect(cli.output()).toMatch(new RegExp(`merchant id +${info.merchantId}`));
    expect(cli.output()).toMatch(new RegExp(`public key id +${info.publicKeyId}`));
    expect(cli.output()).toContain(`control plane   ${info.baseUrl}/__simulator`);
  });

  it('the configuration of our client and of each official SDK', () => {
    const out = cli.output();
    const origin = new URL(info.baseUrl).host;
    expect(out).toContain('Node, @amazon-pay-ts/client:');
    expect(out).toContain(`baseUrl: '${info.baseUrl}'`);
    expect(out).toContain('Node, @amazonpay/amazon-pay-api-sdk-nodejs:');
    expect(out).toContain(`overrideServiceUrl: '${origin}'`);
    expect(out).toContain('PHP, amzn/amazon-pay-api-sdk-php:');
    expect(out).toContain(`'override_service_url' => '${new URL(info.baseUrl).hostname}'`);
    expect(out).toContain('Java, software.amazon.pay:amazon-pay-api-sdk-java:');
    expect(out).toContain('.NET, Amazon.Pay.API.SDK:');
    for (const sdk of ['PHP', 'Java', '.NET'])
      expect(out).toMatch(new RegExp(`${sdk.replace('.', '\\.')}.*https`, 's'));
  });
});

describe('listening on every interface', () => {
  it('prints a base URL clients can reach (127.0.0.1, not 0.0.0.0) and says where it listens', async () => {
    const wide = runSimulatorCli(['--port', '0', '--host', '0.0.0.0']);
    try {
      const { info: printed } = await wide.started;
      expect(printed.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(wide.output()).not.toContain('0.0.0.0:');
      expect(wide.output()).toContain(
        `listening on all interfaces (0.0.0.0); clients use ${printed.baseUrl} (API under`,
      );
      expect(wide.output()).toContain(`control plane   ${printed.baseUrl}/__simulator`);
      const control = createControlPlaneClient({ baseUrl: printed.baseUrl, token: printed.controlToken! });
      expect((await control.getSimulatorInfo()).baseUrl).toBe(printed.baseUrl);
    } finally {
      await wide.stop();
    }
  });
});

describe('a button with the wrong merchant id', () => {
  it('is told which merchant id belongs to its public key id', async () => {
    const form = new URLSearchParams({
      merchantId: 'AWHATEVER',
      publicKeyId: info.publicKeyId,
      ledgerCurrency: 'USD',
      placement: 'Cart',
      productType: 'PayAndShip',
      sandbox: 'true',
      payloadJSON: JSON.stringify({
        storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
      }),
      signature: 'c2lnbmF0dXJl',
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    const response = await fetch(`${info.baseUrl}/checkout/start`, { method: 'POST', body: form });
    const html = await response.text();
    expect(html).toContain(`does not belong to merchant &#39;AWHATEVER&#39;`);
    expect(html).toContain(`it belongs to merchant &#39;${info.merchantId}&#39;`);
  });
});
