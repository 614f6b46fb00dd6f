import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from './admin-password.js';
import { type RunningStorefront, startStorefront } from './server.js';

// Starting against Amazon and rendering the product page calls nothing at Amazon: the button
// payload is signed locally, so this runs offline.
describe('storefront with Amazon credentials', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  async function shopWith(publicKeyId: string): Promise<RunningStorefront> {
    const dataDir = await mkdtemp(join(tmpdir(), 'storefront-live-key-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const { privateKeyPem } = await generateKeyPairPem();
    const shop = await startStorefront(
      {
        AMAZON_PAY_PUBLIC_KEY_ID: publicKeyId,
        AMAZON_PAY_PRIVATE_KEY: privateKeyPem,
        AMAZON_PAY_STORE_ID: 'amzn1.application-oa2-client.0000',
        AMAZON_PAY_MERCHANT_ID: 'ALIVEKEYTEST',
        STOREFRONT_PUBLIC_URL: 'https://shop.example',
        STOREFRONT_ADMIN_PASSWORD_HASH: await hashPassword('a long enough admin password'),
        STOREFRONT_DATA_DIR: dataDir,
      },
      { port: 0 },
    );
    cleanup.push(() => shop.close());
    return shop;
  }

  it("renders the button for the client's environment: live for a LIVE- key, sandbox for a SANDBOX- key", async () => {
    for (const [keyId, sandbox] of [
      ['LIVE-ALIVEKEYTEST', false],
      ['SANDBOX-ALIVEKEYTEST', true],
    ] as const) {
      const shop = await shopWith(keyId);
      const html = await (await fetch(`${shop.url}/`)).text();
      expect(html).toContain(`"sandbox":${sandbox}`);
      expect(html).not.toContain(`"sandbox":${!sandbox}`);
    }
  });
});
