import { PENDING_AUTHORIZATION_MS } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { createOrderStore, type Order } from './orders.js';
import { ADMIN_PASSWORD, adminForm, adminPasswordHash, loginAdmin } from './test-support/admin.js';
import { Agent, type Form, type Page } from './test-support/agent.js';
import { checkout, orderIdOf } from './test-support/buyer.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from './test-support/postgres.js';
import {
  type ChildShop,
  type SharedAmazon,
  startChildShop,
  startSharedSimulator,
} from './test-support/processes.js';

/**
 * Two storefront processes behind one (imaginary) load balancer, sharing one PostgreSQL and one
 * Amazon Pay (the simulator, which delivers every IPN to both at once, as a redelivery would).
 */
const unavailable = postgresUnavailable();
const suite = unavailable ? describe.skip : describe;

suite(`two storefront processes on one PostgreSQL${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`, () => {
  let amazon: SharedAmazon;
  let server: TestDatabase;
  let db: Database;
  let shops: ChildShop[] = [];
  beforeAll(async () => {
    [amazon, server] = await Promise.all([startSharedSimulator(), freshDatabase()]);
    const env = {
      DATABASE_URL: server.url,
      STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD),
    };
    shops = await Promise.all([startChildShop(amazon, env), startChildShop(amazon, env)]);
    for (const shop of shops) amazon.sim.notifications.subscribe(`${shop.url}/ipn`);
    db = await openDatabase({ DATABASE_URL: server.url });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(shops.map((s) => s.kill()));
    await db?.close();
    await amazon?.sim.close();
    await server?.drop();
  });

  const shopOf = (i: number) => ({ url: shops[i % 2]!.url, simUrl: amazon.sim.url });
  /**
   * The same form as the load balancer would hand it to the other process: same cookies (one host),
   * same fields and one-time token, from that process's own origin (behind a balancer both share one).
   */
  const atShop = (page: Page, form: Form, i: number) => {
    const [from, to] = [new URL(page.url).origin, shops[i]!.url];
    return {
      page: { ...page, url: page.url.replace(from, to) },
      form: { ...form, action: form.action.replace(from, to) },
    };
  };

  it('concurrent orders at both processes are all kept', async () => {
    const placed = await Promise.all(
      Array.from({ length: 6 }, (_, i) => checkout(new Agent(), shopOf(i), '1111').then(orderIdOf)),
    );
    const stored = (await createOrderStore(db).list()).map((o) => o.id);
    for (const id of placed) expect(stored).toContain(id);
    expect(new Set(placed).size).toBe(6);
  }, 120_000);

  it('the same IPN delivered to both processes at once is acted on once', async () => {
    const pending = await checkout(new Agent(), shopOf(0), '0701');
    const orderId = orderIdOf(pending);
    amazon.sim.clock.advance(PENDING_AUTHORIZATION_MS);
    await amazon.sim.notifications.settled();

    const orders = await createOrderStore(db).list();
    expect(orders.find((o) => o.id === orderId)?.status).toBe('authorized');
    // Every notification reached both processes (same NotificationId, answered 200 by both)…
    const log = amazon.sim.notifications.log;
    const ids = [...new Set(log.map((e) => e.notificationId))];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const answered = log.filter((e) => e.notificationId === id && e.status === 200).map((e) => e.endpoint);
      expect(new Set(answered)).toEqual(new Set(shops.map((s) => `${s.url}/ipn`)));
    }
    // …and each was acted on by exactly one of them: one history entry per notification.
    const acted = (id: string, all: Order[]) =>
      all.flatMap((o) => o.history).filter((h) => h.event.startsWith(`notification ${id}:`)).length;
    for (const id of ids) expect(acted(id, orders)).toBe(1);
  }, 120_000);

  it('one refund form submitted to both processes at once makes one refund at Amazon', async () => {
    const paid = await checkout(new Agent(), shopOf(0), '1111');
    const orderId = orderIdOf(paid);
    const admin = new Agent();
    await loginAdmin(admin, shops[0]!.url);
    const capture = await adminForm(admin, shops[0]!.url, orderId, 'capture');
    await admin.submit(capture.page, capture.form);
    const order = (await createOrderStore(db).get(orderId))!;
    expect(order.status).toBe('captured');
    const chargeId = order.chargeId!;
    const refundsAtAmazon = () =>
      Object.values(amazon.sim.state.refunds)
        .filter((r) => r.chargeId === chargeId)
        .map((r) => r.refundAmount.amount)
        .sort();

    // Three intents (three forms), each double-submitted: one to each process, concurrently.
    for (const amount of ['1.00', '2.00', '3.00']) {
      const { page, form } = await adminForm(admin, shops[1]!.url, orderId, 'refund');
      const answers = await Promise.all(
        [0, 1].map((i) => {
          const there = atShop(page, form, i);
          return admin.submit(there.page, there.form, { amount });
        }),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.url).toMatch(/\/admin\?notice=(done|in-progress)$/);
      }
    }
    expect(refundsAtAmazon()).toEqual(['1.00', '2.00', '3.00']);
    // Every createRefund Amazon saw beyond the first of each key was its replay of the first.
    const calls = amazon.sim.requests.filter((r) => r.operationId === 'createRefund');
    expect(calls.filter((c) => !c.replayed)).toHaveLength(3);
    const stored = (await createOrderStore(db).get(orderId))!;
    expect(stored.refunds.map((r) => r.amount).sort()).toEqual(['1.00', '2.00', '3.00']);
    for (const shop of shops) expect(shop.stderr()).not.toMatch(/Error/);
  }, 120_000);
});
