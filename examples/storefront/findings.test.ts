import { request } from 'node:http';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminForm, adminPasswordHash, loginAdmin } from './test-support/admin.js';
import { Agent, formOf, type Page } from './test-support/agent.js';
import {
  buttonPayload,
  checkout,
  checkoutSessionOf,
  orderIdOf,
  placeAndPay,
  toReview,
} from './test-support/buyer.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from './test-support/postgres.js';

/**
 * Issue 18's red-team findings, one test each, against the storefront on the embedded simulator:
 * effects are counted on the simulator's state (refunds, charge states), never on mocks.
 */
let shop: RunningStorefront;
let hash: string;
const shopOf = (s: RunningStorefront) => ({ url: s.url, simUrl: s.sim!.url });

beforeAll(async () => {
  hash = await adminPasswordHash(ADMIN_PASSWORD);
  shop = await startStorefront({ STOREFRONT_ADMIN_PASSWORD_HASH: hash }, { port: 0 });
}, 60_000);
afterAll(() => shop?.close());

const refundsOf = (s: RunningStorefront, chargeId: string) =>
  Object.values(s.sim!.state.refunds).filter((r) => r.chargeId === chargeId);
const chargeState = (s: RunningStorefront, chargeId: string) =>
  s.sim!.state.charges[chargeId]?.statusDetails.state;

/** A buyer's paid (authorized) order: its id and charge id. */
async function paidOrder(s: RunningStorefront = shop, buyer = new Agent()) {
  const result = await checkout(buyer, shopOf(s), '1111');
  const id = orderIdOf(result);
  const order = await s.orders.get(id);
  expect(order?.status).toBe('authorized');
  return { id, chargeId: order!.chargeId!, buyer, result };
}

async function capturedOrder(admin: Agent) {
  const order = await paidOrder();
  const { page, form } = await adminForm(admin, shop.url, order.id, 'capture');
  await admin.submit(page, form);
  expect(chargeState(shop, order.chargeId)).toBe('Captured');
  return order;
}

/**
 * A shop whose next write of a charge id onto an order fails once, as a transient disk error
 * would: a trigger in the shop's own (embedded PostgreSQL) database raises inside the transaction.
 */
async function startWithFailingChargeWrite() {
  const faultyShop = await startStorefront({ STOREFRONT_ADMIN_PASSWORD_HASH: hash }, { port: 0 });
  const sim = faultyShop.sim!;
  const ipnEndpoint = `${faultyShop.url}/ipn`;
  return {
    shop: faultyShop,
    /**
     * Holds Amazon's IPNs back from the shop (its endpoint unsubscribed), so that only the path a
     * test means repairs the order; `deliver` subscribes again and sends the notifications of the
     * state changes made meanwhile, as SNS would deliver them late.
     */
    holdNotifications() {
      sim.notifications.unsubscribe(ipnEndpoint);
      const since = sim.stateChanges.length;
      return {
        async deliver() {
          sim.notifications.subscribe(ipnEndpoint);
          for (const change of sim.stateChanges.slice(since)) sim.notifications.publish(change);
          await sim.notifications.settled();
        },
      };
    },
    async failNextChargeWrite() {
      await faultyShop.db.query('CREATE SEQUENCE storefront_test_fault');
      await faultyShop.db.query(`CREATE FUNCTION storefront_test_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.charge_id IS NULL AND NEW.charge_id IS NOT NULL THEN
            IF nextval('storefront_test_fault') = 1 THEN
              RAISE EXCEPTION 'could not write block: Input/output error (injected by the test)';
            END IF;
          END IF;
          RETURN NEW;
        END $$`);
      await faultyShop.db.query(
        'CREATE TRIGGER storefront_test_fail_once BEFORE UPDATE ON storefront_orders FOR EACH ROW EXECUTE FUNCTION storefront_test_fail_once()',
      );
    },
  };
}

describe('issue 18 findings', () => {
  it('1. anyone can refund: without an admin login no refund is made and no order is listed', async () => {
    const admin = new Agent();
    await loginAdmin(admin, shop.url);
    const order = await capturedOrder(admin);

    const attacker = new Agent();
    const listing = await attacker.get(`${shop.url}/admin`);
    expect(listing.html).not.toContain(order.id);
    const refund = await attacker.request(`${shop.url}/admin/orders/${order.id}/refund`, {
      form: { amount: '19.99' },
      headers: { origin: shop.url },
    });
    expect(refund.status).not.toBe(200);
    expect(refundsOf(shop, order.chargeId)).toHaveLength(0);
  });

  it('2. a double submit of the refund form refunds once; a new form refunds again', async () => {
    const admin = new Agent();
    await loginAdmin(admin, shop.url);
    const order = await capturedOrder(admin);
    const { page, form } = await adminForm(admin, shop.url, order.id, 'refund');

    await Promise.all([
      admin.submit(page, form, { amount: '5.00' }),
      admin.submit(page, form, { amount: '5.00' }),
    ]);
    expect(refundsOf(shop, order.chargeId).map((r) => r.refundAmount.amount)).toEqual(['5.00']);
    // The browser retries the same POST later: still one refund.
    await admin.submit(page, form, { amount: '5.00' });
    expect(refundsOf(shop, order.chargeId)).toHaveLength(1);
    expect((await shop.orders.get(order.id))?.refunds).toHaveLength(1);

    // A second intent (a fresh form) is a second refund.
    const again = await adminForm(admin, shop.url, order.id, 'refund');
    await admin.submit(again.page, again.form, { amount: '5.00' });
    expect(refundsOf(shop, order.chargeId)).toHaveLength(2);
  });

  it('3. cross-site requests do not act: no token or a foreign Origin is refused, admin and buyer side', async () => {
    const admin = new Agent();
    await loginAdmin(admin, shop.url);
    const order = await paidOrder();
    const { page, form } = await adminForm(admin, shop.url, order.id, 'capture');
    const evil = { origin: 'https://evil.example' };

    // A page on another site posts to the shop with the admin's cookies: it cannot read the token.
    const forged = await admin.request(form.action, { form: {}, headers: evil });
    expect(forged.status).toBe(403);
    // Even with a token, a foreign Origin is refused.
    const foreign = await admin.request(form.action, { form: form.fields, headers: evil });
    expect(foreign.status).toBe(403);
    expect(chargeState(shop, order.chargeId)).toBe('Authorized');

    // Buyer side: placing an order from another site creates nothing.
    const buyer = new Agent();
    const review = await toReview(buyer, shopOf(shop), '1111');
    const place = formOf(review, /place-order/);
    const refused = await buyer.request(place.action, { form: place.fields, headers: evil });
    expect(refused.status).toBe(403);
    const sessionId = checkoutSessionOf(review);
    expect((await shop.orders.list()).filter((o) => o.checkoutSessionId === sessionId)).toHaveLength(0);

    // The same forms from the shop's own pages work.
    await admin.submit(page, form);
    expect(chargeState(shop, order.chargeId)).toBe('Captured');
  });

  it('4. a failed write after the payment shows "we are checking your payment", then reconciles from Amazon: one charge', async () => {
    const faulty = await startWithFailingChargeWrite();
    try {
      const buyer = new Agent();
      const review = await toReview(buyer, shopOf(faulty.shop), '1111');
      const sessionId = checkoutSessionOf(review);
      await faulty.failNextChargeWrite();
      faulty.holdNotifications(); // only the reload may repair the order here
      const result = await placeAndPay(buyer, review);
      expect(result.status).toBe(200);
      expect(result.html).toMatch(/checking your payment/i);
      expect(result.html).not.toContain('AmazonPayButton');

      // Amazon has one authorized charge; the next load of the page reconciles the order from it.
      const session = faulty.shop.sim!.state.checkoutSessions[sessionId]!;
      const charges = Object.values(faulty.shop.sim!.state.charges).filter(
        (c) => c.chargePermissionId === session.chargePermissionId,
      );
      expect(charges.map((c) => c.statusDetails.state)).toEqual(['Authorized']);
      const reloaded = await buyer.get(result.url);
      expect(reloaded.html).toMatch(/data-order-status>authorized</);
      const order = (await faulty.shop.orders.get(orderIdOf(reloaded)))!;
      expect(order.chargeId).toBe(charges[0]!.chargeId);

      // The store is not poisoned: the next buyer's order is written.
      const next = await checkout(new Agent(), shopOf(faulty.shop), '1111');
      expect(next.html).toMatch(/data-order-status>authorized</);
    } finally {
      await faulty.shop.close();
    }
  });

  /** Pays for an order while its charge write fails; IPNs held. The stored order knows no charge. */
  async function paidWithFailedWrite(faulty: Awaited<ReturnType<typeof startWithFailingChargeWrite>>) {
    const buyer = new Agent();
    const review = await toReview(buyer, shopOf(faulty.shop), '1111');
    const sessionId = checkoutSessionOf(review);
    await faulty.failNextChargeWrite();
    const held = faulty.holdNotifications();
    const result = await placeAndPay(buyer, review);
    expect(result.html).toMatch(/checking your payment/i);
    const sim = faulty.shop.sim!;
    const session = sim.state.checkoutSessions[sessionId]!;
    const charges = Object.values(sim.state.charges).filter(
      (c) => c.chargePermissionId === session.chargePermissionId,
    );
    expect(charges.map((c) => c.statusDetails.state)).toEqual(['Authorized']);
    // The "checking" page links the buyer to his order.
    const orderId = /href="\/orders\/([A-Za-z0-9-]+)"/.exec(result.html)?.[1] ?? '';
    expect((await faulty.shop.orders.findBy('checkoutSessionId', sessionId))?.id).toBe(orderId);
    const stored = (await faulty.shop.orders.get(orderId))!;
    expect(stored).toMatchObject({ status: 'awaiting-payment', chargeId: null, chargePermissionId: null });
    return {
      buyer,
      held,
      orderId,
      sessionId,
      charge: charges[0]!,
      permissionId: session.chargePermissionId!,
    };
  }
  /**
   * The order is recorded as Amazon has it (authorized, its charge and permission, `event` in its
   * history), and Amazon still holds one charge and one completed checkout: recovery only read.
   */
  async function expectRecovered(
    faulty: Awaited<ReturnType<typeof startWithFailingChargeWrite>>,
    paid: Awaited<ReturnType<typeof paidWithFailedWrite>>,
    events: RegExp[],
  ) {
    const order = (await faulty.shop.orders.get(paid.orderId))!;
    expect(order).toMatchObject({
      status: 'authorized',
      chargeId: paid.charge.chargeId,
      chargePermissionId: paid.permissionId,
    });
    expect(order.history.map((h) => h.event)).toEqual(
      expect.arrayContaining(events.map((event) => expect.stringMatching(event))),
    );
    const sim = faulty.shop.sim!;
    expect(
      Object.values(sim.state.charges).filter((c) => c.chargePermissionId === paid.permissionId),
    ).toHaveLength(1);
    expect(completions(faulty.shop, paid.sessionId)).toHaveLength(1);
  }
  const completions = (s: RunningStorefront, sessionId: string) =>
    s.sim!.requests.filter((r) => r.operationId === 'completeCheckoutSession' && r.path.includes(sessionId));

  it("4b. after a failed write, Amazon's IPN finds the order through the charge permission's merchantReferenceId and records it", async () => {
    const faulty = await startWithFailingChargeWrite();
    try {
      const paid = await paidWithFailedWrite(faulty);
      const sim = faulty.shop.sim!;
      expect(sim.state.chargePermissions[paid.permissionId]?.merchantMetadata?.merchantReferenceId).toBe(
        paid.orderId,
      );
      // No page is loaded: the notifications alone bring the order up to date.
      await paid.held.deliver();
      await expectRecovered(faulty, paid, [/reconciled from Amazon Pay/, /^notification /]);
      // The buyer's order page now shows it without asking Amazon to pay again.
      const own = await paid.buyer.get(`${faulty.shop.url}/orders/${paid.orderId}`);
      expect(own.html).toMatch(/data-order-status>authorized</);
    } finally {
      await faulty.shop.close();
    }
  });

  it("4c. after a failed write, the buyer's order page reconciles the order from Amazon; a stranger's does not", async () => {
    const faulty = await startWithFailingChargeWrite();
    try {
      const paid = await paidWithFailedWrite(faulty);
      const sim = faulty.shop.sim!;

      const before = sim.requests.length;
      const stranger = await new Agent().get(`${faulty.shop.url}/orders/${paid.orderId}`);
      expect(stranger.status).toBe(404);
      expect(sim.requests.length).toBe(before); // nothing is asked of Amazon for him
      expect((await faulty.shop.orders.get(paid.orderId))?.chargeId).toBeNull();

      const own = await paid.buyer.get(`${faulty.shop.url}/orders/${paid.orderId}`);
      expect(own.status).toBe(200);
      expect(own.html).toMatch(/data-order-status>authorized</);
      await expectRecovered(faulty, paid, [/reconciled from Amazon Pay/]);

      // The late IPNs find the order recorded and change nothing more at Amazon.
      await paid.held.deliver();
      expect((await faulty.shop.orders.get(paid.orderId))?.chargeId).toBe(paid.charge.chargeId);
      expect(completions(faulty.shop, paid.sessionId)).toHaveLength(1);
    } finally {
      await faulty.shop.close();
    }
  });

  it('5. two processes on one database keep every order (PostgreSQL)', async (ctx) => {
    const skip = postgresUnavailable();
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const db: TestDatabase = await freshDatabase();
    const env = { STOREFRONT_ADMIN_PASSWORD_HASH: hash, DATABASE_URL: db.url };
    const [a, b] = await Promise.all([startStorefront(env, { port: 0 }), startStorefront(env, { port: 0 })]);
    try {
      const results = await Promise.all(
        [a, b, a, b].map((s) => checkout(new Agent(), shopOf(s), '1111').then(orderIdOf)),
      );
      for (const s of [a, b]) {
        const ids = (await s.orders.list()).map((o) => o.id);
        expect(ids.sort()).toEqual([...results].sort());
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
      await db.drop();
    }
  }, 120_000);

  it('6. another buyer cannot take over a declined order, and a double-submitted review makes one order', async () => {
    const victim = new Agent();
    const declined = await checkout(victim, shopOf(shop), '3434');
    const victimOrder = /\/checkout\/review\?order=([A-Za-z0-9-]+)/.exec(declined.html)?.[1];
    expect(victimOrder).toBeDefined();
    const before = (await shop.orders.get(victimOrder!))!;
    expect(before.status).toBe('declined');

    const attacker = new Agent();
    const review = await toReview(attacker, shopOf(shop), '1111');
    const place = formOf(review, /place-order/);
    await attacker.submit(review, place, { order: victimOrder! });
    const after = (await shop.orders.get(victimOrder!))!;
    expect(after.checkoutSessionId).toBe(before.checkoutSessionId);
    expect(after.status).toBe('declined');

    const buyer = new Agent();
    const twice = await toReview(buyer, shopOf(shop), '1111');
    const form = formOf(twice, /place-order/);
    await Promise.all([buyer.submit(twice, form), buyer.submit(twice, form)]);
    const sessionId = checkoutSessionOf(twice);
    expect((await shop.orders.list()).filter((o) => o.checkoutSessionId === sessionId)).toHaveLength(1);
  });

  it("7. an order page shows the buyer's name and address only to the session that placed it", async () => {
    const { id, buyer } = await paidOrder();
    const own = await buyer.get(`${shop.url}/orders/${id}`);
    expect(own.status).toBe(200);
    expect(own.html).toContain('Seattle');

    const stranger = await new Agent().get(`${shop.url}/orders/${id}`);
    expect(stranger.status).toBe(404);
    expect(stranger.html).not.toContain('Seattle');
    expect(stranger.html).not.toContain(id);
  });

  it('8. the Host header never reaches the signed return URLs; outside local mode the public URL is required', async () => {
    const page = await new Promise<Page>((resolve, reject) => {
      const req = request(shop.url, { headers: { host: 'evil.example' } }, (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          html += chunk;
        });
        res.on('end', () => resolve({ url: shop.url, status: res.statusCode ?? 0, html }));
      });
      req.on('error', reject);
      req.end();
    });
    const urls = Object.values(buttonPayload(page).webCheckoutDetails);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${shop.url}/`)).toBe(true);

    const { privateKeyPem } = await generateKeyPairPem();
    await expect(
      startStorefront(
        {
          AMAZON_PAY_PUBLIC_KEY_ID: 'SANDBOX-AFINDINGEIGHT',
          AMAZON_PAY_PRIVATE_KEY: privateKeyPem,
          AMAZON_PAY_STORE_ID: 'amzn1.application-oa2-client.0000',
          AMAZON_PAY_MERCHANT_ID: 'AFINDINGEIGHT',
          STOREFRONT_ADMIN_PASSWORD_HASH: hash,
        },
        { port: 0 },
      ),
    ).rejects.toThrow(/STOREFRONT_PUBLIC_URL/);
  });
});
