import type { AddressInfo } from 'node:net';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { createNotificationHandler, type Notification } from '@amazon-pay-ts/notifications';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { serve } from '@hono/node-server';
import { createStorefront, type StorefrontConfig } from './app.js';
import { applyNotification, type ObjectChange } from './order-sync.js';
import { createJsonFileOrderStore, createMemoryOrderStore, type OrderStore } from './orders.js';
import type { Product } from './pages.js';

type Env = Record<string, string | undefined>;

export interface RunningStorefront {
  /** Where the shop answers, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The embedded simulator, or undefined when running against Amazon's sandbox. */
  sim: Simulator | undefined;
  /** The shop's Amazon Pay client (for tests and scripts that act as the merchant). */
  client: WebStoreClient;
  orders: OrderStore;
  close(): Promise<void>;
}

const LEDGER: Record<string, StorefrontConfig['ledgerCurrency']> = { na: 'USD', eu: 'EUR', jp: 'JPY' };
const SIMULATED_KEY_ID = 'SANDBOX-ASTOREFRONTSIMULATED';
const SIMULATED_MERCHANT_ID = 'A2STOREFRONTSIMULATED';
const SIMULATED_STORE_ID = 'amzn1.application-oa2-client.5107e2b0e0e94c2f9a3c4d2f71b5f0aa';

function productFor(currencyCode: StorefrontConfig['ledgerCurrency']): Product {
  return {
    sku: 'TEE-SANDBOX',
    name: 'Sandbox tee',
    description: 'A soft cotton tee, printed with the Amazon Pay sandbox card numbers.',
    price: currencyCode === 'JPY' ? '2500' : '19.99',
    currencyCode,
  };
}

/** The changed object an IPN names, whatever its type. */
function changeOf(notification: Notification): ObjectChange {
  const objectId =
    notification.objectType === 'CHARGE'
      ? notification.chargeId
      : notification.objectType === 'REFUND'
        ? notification.refundId
        : notification.objectType === 'CHARGE_PERMISSION'
          ? notification.chargePermissionId
          : notification.objectType === 'CHARGEBACK'
            ? notification.disputeId
            : notification.objectId;
  return {
    objectType: notification.objectType,
    objectId,
    chargePermissionId: notification.chargePermissionId,
  };
}

/**
 * Starts the storefront. Without Amazon credentials in `env` it starts the simulator in-process and
 * points the client and the button at it; with AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY,
 * AMAZON_PAY_STORE_ID and AMAZON_PAY_MERCHANT_ID it talks to Amazon's sandbox and loads Amazon's
 * checkout.js instead; the code paths are the same.
 */
export async function startStorefront(
  env: Env = process.env,
  overrides: { port?: number; orders?: OrderStore } = {},
): Promise<RunningStorefront> {
  const region = (env.AMAZON_PAY_REGION ?? 'na').toLowerCase();
  const ledgerCurrency = LEDGER[region];
  if (!ledgerCurrency) throw new Error(`AMAZON_PAY_REGION must be na, eu or jp (got ${region})`);
  const real = env.AMAZON_PAY_PUBLIC_KEY_ID !== undefined;
  let sim: Simulator | undefined;
  let client: WebStoreClient;
  let account: Pick<StorefrontConfig, 'merchantId' | 'publicKeyId' | 'storeId' | 'checkoutJsUrl'>;

  if (real) {
    const missing = ['AMAZON_PAY_PRIVATE_KEY', 'AMAZON_PAY_STORE_ID', 'AMAZON_PAY_MERCHANT_ID'].filter(
      (n) => !env[n],
    );
    if (missing.length) throw new Error(`with AMAZON_PAY_PUBLIC_KEY_ID set, also set ${missing.join(', ')}`);
    const publicKeyId = env.AMAZON_PAY_PUBLIC_KEY_ID!;
    client = new WebStoreClient({
      region: region as 'na',
      publicKeyId,
      privateKey: env.AMAZON_PAY_PRIVATE_KEY!,
      ...(/^(live|sandbox)-/i.test(publicKeyId) ? {} : { environment: 'sandbox' as const }),
    });
    account = {
      publicKeyId,
      merchantId: env.AMAZON_PAY_MERCHANT_ID!,
      storeId: env.AMAZON_PAY_STORE_ID!,
      checkoutJsUrl: env.AMAZON_PAY_CHECKOUT_JS ?? `https://static-${region}.payments-amazon.com/checkout.js`,
    };
  } else {
    const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
    sim = await startSimulator({
      keys: [{ publicKeyId: SIMULATED_KEY_ID, publicKey: publicKeyPem, merchantId: SIMULATED_MERCHANT_ID }],
    });
    client = new WebStoreClient({
      region: region as 'na',
      publicKeyId: SIMULATED_KEY_ID,
      privateKey: privateKeyPem,
      baseUrl: sim.url,
      validateResponses: 'strict',
    });
    account = {
      publicKeyId: SIMULATED_KEY_ID,
      merchantId: SIMULATED_MERCHANT_ID,
      storeId: SIMULATED_STORE_ID,
      checkoutJsUrl: env.AMAZON_PAY_CHECKOUT_JS ?? `${sim.url}/checkout.js`,
    };
  }

  const orders =
    overrides.orders ??
    (env.STOREFRONT_ORDERS_FILE
      ? await createJsonFileOrderStore(env.STOREFRONT_ORDERS_FILE)
      : createMemoryOrderStore());
  // Amazon's IPNs, verified before anything reads them. Against the simulator the handler trusts
  // the simulator's SNS certificate (and only there); against Amazon, only Amazon SNS.
  const ipnHandler = createNotificationHandler({
    ...(sim ? sim.notifications.verifyOptions() : {}),
    onNotification: async (notification) => {
      await applyNotification(client, orders, changeOf(notification));
    },
  });
  const app = createStorefront({
    ipnHandler,
    client,
    orders,
    ...account,
    ledgerCurrency,
    sandbox: true,
    product: productFor(ledgerCurrency),
    ...(env.STOREFRONT_PUBLIC_URL ? { publicUrl: env.STOREFRONT_PUBLIC_URL } : {}),
  });

  const host = env.HOST ?? '127.0.0.1';
  const port = overrides.port ?? Number(env.PORT ?? 3000);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  // With Amazon, register ${STOREFRONT_PUBLIC_URL}/ipn in Seller Central instead.
  sim?.notifications.subscribe(`${url}/ipn`);
  return {
    url,
    sim,
    client,
    orders,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim?.close();
    },
  };
}
