import { AmazonPayAbortError, WebStoreClient } from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminPasswordHash } from './test-support/admin.js';
import { Agent } from './test-support/agent.js';
import { checkout, orderIdOf } from './test-support/buyer.js';

/**
 * The IPN handler's deadline reaches Amazon: when the handler gives up (answers 503 so SNS delivers
 * again), the storefront's calls to Amazon for that notification are aborted, not left running.
 */
const KEY_ID = 'SANDBOX-ADEADLINESTOREFRONT';
const MERCHANT_ID = 'A2DEADLINESTOREFRONT';
const HANDLER_TIMEOUT_MS = 500;

/** A client whose next read of a charge, once armed, waits for its caller's signal to abort. */
function stallingClient(client: WebStoreClient) {
  let armed = false;
  const stalled: { signal: AbortSignal | undefined; outcome: Promise<unknown> }[] = [];
  const wrapped = new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'getCharge') return value.bind(target);
      return (chargeId: string, options?: { signal?: AbortSignal }) => {
        if (!armed) return target.getCharge(chargeId, options);
        armed = false;
        const signal = options?.signal;
        // Without a signal there is nothing to wait for: the call goes through and the test fails.
        const aborted = signal
          ? new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
          : Promise.resolve();
        const outcome = aborted.then(() => target.getCharge(chargeId, options));
        stalled.push({ signal, outcome: outcome.catch((error: unknown) => error) });
        return outcome;
      };
    },
  });
  return {
    client: wrapped,
    stalled,
    arm() {
      armed = true;
    },
  };
}

describe("the IPN handler's deadline (context.signal)", () => {
  let sim: Simulator;
  let shop: RunningStorefront;
  let stalling: ReturnType<typeof stallingClient>;
  beforeAll(async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
    sim = await startSimulator({
      keys: [{ publicKeyId: KEY_ID, publicKey: publicKeyPem, merchantId: MERCHANT_ID }],
    });
    stalling = stallingClient(
      new WebStoreClient({ region: 'na', publicKeyId: KEY_ID, privateKey: privateKeyPem, baseUrl: sim.url }),
    );
    shop = await startStorefront(
      { STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD) },
      {
        port: 0,
        ipnHandlerTimeoutMs: HANDLER_TIMEOUT_MS,
        amazon: {
          client: stalling.client,
          account: {
            publicKeyId: KEY_ID,
            merchantId: MERCHANT_ID,
            storeId: 'amzn1.application-oa2-client.0000000000000000000000000000dead',
            checkoutJsUrl: `${sim.url}/checkout.js`,
          },
          verifyOptions: sim.notifications.verifyOptions(),
        },
      },
    );
    sim.notifications.subscribe(`${shop.url}/ipn`);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await sim?.close();
  });

  it('a notification whose handling outlives the deadline has its Amazon call aborted; nothing runs on', async () => {
    const result = await checkout(new Agent(), { url: shop.url, simUrl: sim.url }, '1111');
    const order = (await shop.orders.get(orderIdOf(result)))!;
    expect(order.status).toBe('authorized');
    await sim.notifications.settled();

    stalling.arm();
    const before = sim.requests.length;
    const logged = sim.notifications.log.length;
    const [change] = sim.stateChanges.filter(
      (c) => c.objectType === 'CHARGE' && c.objectId === order.chargeId,
    );
    sim.notifications.publish(change!);
    await sim.notifications.settled();

    // SNS was told to deliver again…
    const attempts = sim.notifications.log.slice(logged);
    expect(attempts.map((a) => a.status)).toEqual([503]);
    // …and the read it was waiting for got the handler's signal, aborted by the deadline.
    expect(stalling.stalled).toHaveLength(1);
    const [stalled] = stalling.stalled;
    expect(stalled!.signal).toBeInstanceOf(AbortSignal);
    expect(await stalled!.outcome).toBeInstanceOf(AmazonPayAbortError);
    // Amazon never saw the aborted read, nor anything after it.
    expect(sim.requests.slice(before)).toEqual([]);
  }, 60_000);
});
