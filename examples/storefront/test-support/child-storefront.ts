import { WebStoreClient } from '@amazon-pay-ts/client';
import { startStorefront } from '../server.js';

/**
 * A storefront in a process of its own, for the tests that need real processes (a crash, two shops
 * on one database). It talks to the Amazon Pay the parent names (a simulator in the test process,
 * maybe behind a proxy) and prints one JSON line with its URL when it listens.
 *
 *   CHILD_AMAZON_URL, CHILD_KEY_ID, CHILD_PRIVATE_KEY, CHILD_MERCHANT_ID, CHILD_STORE_ID,
 *   CHILD_CHECKOUT_JS, CHILD_VERIFY (JSON: trusted certificate origins and topic ARNs),
 *   CHILD_LEASE_MS, and the storefront's own variables (DATABASE_URL, STOREFRONT_DATA_DIR, …).
 */
const env = process.env;
function need(name: string): string {
  const value = env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}
const verify = JSON.parse(need('CHILD_VERIFY')) as {
  trustedCertificateOrigins: string[];
  allowedTopicArns: string[];
};
const shop = await startStorefront(env, {
  port: 0,
  // Failed requests on stderr, where the tests look for them.
  logger: { error: (message, error) => console.error(message, error) },
  actionLeaseMs: Number(need('CHILD_LEASE_MS')),
  amazon: {
    client: new WebStoreClient({
      region: 'na',
      publicKeyId: need('CHILD_KEY_ID'),
      privateKey: need('CHILD_PRIVATE_KEY'),
      baseUrl: need('CHILD_AMAZON_URL'),
      maxRetries: 0,
    }),
    account: {
      publicKeyId: need('CHILD_KEY_ID'),
      merchantId: need('CHILD_MERCHANT_ID'),
      storeId: need('CHILD_STORE_ID'),
      checkoutJsUrl: need('CHILD_CHECKOUT_JS'),
    },
    verifyOptions: verify,
  },
});
process.stdout.write(`${JSON.stringify({ url: shop.url })}\n`);
process.once('SIGTERM', () => void shop.close().then(() => process.exit(0)));
