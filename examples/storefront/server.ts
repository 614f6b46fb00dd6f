import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebStoreClient } from '@amazon-pay-ts/client';
import {
  createNotificationHandler,
  type Notification,
  type VerifyOptions,
} from '@amazon-pay-ts/notifications';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createAdminActions } from './admin-actions.js';
import { hashPassword, parsePasswordHash } from './admin-password.js';
import { createStorefront, type StorefrontConfig, type StorefrontLogger } from './app.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { applyNotification, type ObjectChange } from './order-sync.js';
import { createOrderStore, type OrderStore } from './orders.js';
import type { Product } from './pages.js';
import { publicOrigin } from './public-origin.js';
import { createSessionStore, randomToken } from './sessions.js';
import { createSqlSeenStore } from './sql-seen-store.js';

type Env = Record<string, string | undefined>;

export interface RunningStorefront {
  /** Where the shop answers, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The origin it signs into Amazon's return URLs and expects in every POST's Origin. */
  publicUrl: string;
  /** The embedded simulator, or undefined when running against Amazon (or a given simulator). */
  sim: Simulator | undefined;
  /** The shop's Amazon Pay client (for tests and scripts that act as the merchant). */
  client: WebStoreClient;
  orders: OrderStore;
  db: Database;
  /** Local mode without STOREFRONT_ADMIN_PASSWORD_HASH: the file (mode 600) holding this run's admin password. */
  adminPasswordFile: string | undefined;
  close(): Promise<void>;
}

/** An Amazon Pay to talk to instead of the one the environment names (tests: a simulator in another process). */
export interface AmazonConnection {
  client: WebStoreClient;
  account: Pick<StorefrontConfig, 'merchantId' | 'publicKeyId' | 'storeId' | 'checkoutJsUrl'>;
  /** Trust for its IPNs (a simulator's `notifications.verifyOptions()`). */
  verifyOptions?: VerifyOptions;
}

export interface StorefrontOverrides {
  port?: number;
  amazon?: AmazonConnection;
  /** How long a started admin action is owned by one process before another may repeat it. */
  actionLeaseMs?: number;
  /** The IPN handler's deadline (the notifications package's `handlerTimeoutMs`; its default otherwise). */
  ipnHandlerTimeoutMs?: number;
  /** Where failed requests (and, with `warn`, refused or failed IPNs) are told; silent without one. */
  logger?: StorefrontLogger;
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
    notificationId: notification.notificationId,
    objectType: notification.objectType,
    objectId,
    chargePermissionId: notification.chargePermissionId,
  };
}

/**
 * Starts the storefront. Without Amazon credentials in `env` it is in local mode: it starts the
 * simulator in-process, keeps its data in an in-memory PGlite and makes this run's admin password;
 * with AMAZON_PAY_PUBLIC_KEY_ID (and friends) it talks to Amazon and needs STOREFRONT_PUBLIC_URL,
 * STOREFRONT_ADMIN_PASSWORD_HASH and a database (DATABASE_URL or STOREFRONT_DATA_DIR).
 */
export async function startStorefront(
  env: Env = process.env,
  overrides: StorefrontOverrides = {},
): Promise<RunningStorefront> {
  const region = (env.AMAZON_PAY_REGION ?? 'na').toLowerCase();
  const ledgerCurrency = LEDGER[region];
  if (!ledgerCurrency) throw new Error(`AMAZON_PAY_REGION must be na, eu or jp (got ${region})`);
  const real = env.AMAZON_PAY_PUBLIC_KEY_ID !== undefined && !overrides.amazon;
  const local = !real;

  // Every configuration error before anything starts.
  if (env.STOREFRONT_ORDERS_FILE)
    throw new Error('STOREFRONT_ORDERS_FILE is gone: use STOREFRONT_DATA_DIR or DATABASE_URL');
  if (real) {
    const missing = ['AMAZON_PAY_PRIVATE_KEY', 'AMAZON_PAY_STORE_ID', 'AMAZON_PAY_MERCHANT_ID'].filter(
      (n) => !env[n],
    );
    if (missing.length) throw new Error(`with AMAZON_PAY_PUBLIC_KEY_ID set, also set ${missing.join(', ')}`);
    publicOrigin(env.STOREFRONT_PUBLIC_URL, false, '');
    if (!env.STOREFRONT_ADMIN_PASSWORD_HASH) {
      throw new Error('set STOREFRONT_ADMIN_PASSWORD_HASH (make one with `storefront:hash-password`)');
    }
    if (!env.DATABASE_URL && !env.STOREFRONT_DATA_DIR) {
      throw new Error(
        'set DATABASE_URL (PostgreSQL) or STOREFRONT_DATA_DIR (embedded): orders must outlive the process',
      );
    }
  }
  if (env.STOREFRONT_ADMIN_PASSWORD_HASH) parsePasswordHash(env.STOREFRONT_ADMIN_PASSWORD_HASH);

  let sim: Simulator | undefined;
  let amazon: AmazonConnection;
  if (overrides.amazon) {
    amazon = overrides.amazon;
  } else if (real) {
    const publicKeyId = env.AMAZON_PAY_PUBLIC_KEY_ID!;
    amazon = {
      client: new WebStoreClient({
        region: region as 'na',
        publicKeyId,
        privateKey: env.AMAZON_PAY_PRIVATE_KEY!,
        ...(/^(live|sandbox)-/i.test(publicKeyId) ? {} : { environment: 'sandbox' as const }),
      }),
      account: {
        publicKeyId,
        merchantId: env.AMAZON_PAY_MERCHANT_ID!,
        storeId: env.AMAZON_PAY_STORE_ID!,
        checkoutJsUrl:
          env.AMAZON_PAY_CHECKOUT_JS ?? `https://static-${region}.payments-amazon.com/checkout.js`,
      },
    };
  } else {
    const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
    sim = await startSimulator({
      keys: [{ publicKeyId: SIMULATED_KEY_ID, publicKey: publicKeyPem, merchantId: SIMULATED_MERCHANT_ID }],
    });
    amazon = {
      client: new WebStoreClient({
        region: region as 'na',
        publicKeyId: SIMULATED_KEY_ID,
        privateKey: privateKeyPem,
        baseUrl: sim.url,
        validateResponses: 'strict',
      }),
      account: {
        publicKeyId: SIMULATED_KEY_ID,
        merchantId: SIMULATED_MERCHANT_ID,
        storeId: SIMULATED_STORE_ID,
        checkoutJsUrl: env.AMAZON_PAY_CHECKOUT_JS ?? `${sim.url}/checkout.js`,
      },
      // Trusts the simulator's SNS certificate and topic: only here, never against Amazon.
      verifyOptions: sim.notifications.verifyOptions(),
    };
  }

  const cleanup: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  };
  if (sim) cleanup.push(() => sim.close());
  try {
    // Local mode without a hash: a fresh random password for this run, in a file only this user
    // can read. Nothing secret is printed.
    let adminPasswordFile: string | undefined;
    let adminPasswordHash = env.STOREFRONT_ADMIN_PASSWORD_HASH;
    if (!adminPasswordHash) {
      const dir = await mkdtemp(join(tmpdir(), 'storefront-admin-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const password = randomToken(18);
      adminPasswordFile = join(dir, 'admin-password');
      await writeFile(adminPasswordFile, `${password}\n`, { mode: 0o600 });
      adminPasswordHash = await hashPassword(password);
    }

    const db = await openDatabase(env);
    cleanup.push(() => db.close());
    const { client } = amazon;
    const orders = createOrderStore(db);
    const adminActions = createAdminActions({
      db,
      client,
      orders,
      ...(overrides.actionLeaseMs !== undefined ? { leaseMs: overrides.actionLeaseMs } : {}),
    });
    // Amazon's IPNs, verified before anything reads them, only for this merchant, and acted on
    // once across every process that shares the database (the SQL seen store), however often SNS
    // delivers them.
    const ipnHandler = createNotificationHandler({
      ...(amazon.verifyOptions ?? {}),
      merchantId: amazon.account.merchantId,
      seen: createSqlSeenStore(db),
      ...(overrides.logger?.warn ? { logger: { warn: overrides.logger.warn.bind(overrides.logger) } } : {}),
      ...(overrides.ipnHandlerTimeoutMs !== undefined
        ? { handlerTimeoutMs: overrides.ipnHandlerTimeoutMs }
        : {}),
      // The handler's deadline (context.signal) bounds every call to Amazon: work it gave up on
      // (answered 503, so SNS delivers again) stops instead of running on beside the redelivery.
      onNotification: async (notification, { signal }) => {
        const order = await applyNotification(client, orders, changeOf(notification), { signal });
        if (order && !signal.aborted) await adminActions.resume(order.id, { signal });
      },
    });

    // Listen first: in local mode the public origin is the address the shop got.
    let app: Hono | undefined;
    const host = env.HOST ?? '127.0.0.1';
    const port = overrides.port ?? Number(env.PORT ?? 3000);
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: (request) => (app ? app.fetch(request) : new Response(null, { status: 503 })),
          port,
          hostname: host,
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    const publicUrl = publicOrigin(env.STOREFRONT_PUBLIC_URL, local, url);

    app = createStorefront({
      ipnHandler,
      logger: overrides.logger,
      client,
      orders,
      sessions: createSessionStore(db),
      adminActions,
      adminPasswordHash,
      publicUrl,
      ...amazon.account,
      ledgerCurrency,
      // The button's environment is the client's (from the key id or AMAZON_PAY_ENVIRONMENT): a
      // sandbox button in front of a live client would start checkouts the client cannot find.
      sandbox: client.environment !== 'live',
      product: productFor(ledgerCurrency),
    });
    // With Amazon, register ${STOREFRONT_PUBLIC_URL}/ipn in Seller Central instead.
    sim?.notifications.subscribe(`${url}/ipn`);
    return { url, publicUrl, sim, client, orders, db, adminPasswordFile, close };
  } catch (error) {
    await close();
    throw error;
  }
}
