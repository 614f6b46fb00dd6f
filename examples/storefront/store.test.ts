import type { SeenStore } from '@amazon-pay-ts/notifications';
import { runSeenStoreContract } from '@amazon-pay-ts/notifications/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { createOrderStore, type NewOrder, type OrderStore } from './orders.js';
import { createSessionStore } from './sessions.js';
import { createSqlSeenStore } from './sql-seen-store.js';
import { freshDatabase, postgresUnavailable, type TestDatabase } from './test-support/postgres.js';

/**
 * The store's contract, run against every backend: the embedded PGlite always, a real PostgreSQL
 * server when one is there (`.ci/run` installs one; elsewhere the suite says why it is skipped).
 */
const unavailable = postgresUnavailable();
const backends: { name: string; skip?: string; open(): Promise<{ db: Database; drop?(): Promise<void> }> }[] =
  [
    { name: 'embedded PGlite', open: async () => ({ db: await openDatabase({}) }) },
    {
      name: 'PostgreSQL',
      ...(unavailable ? { skip: unavailable } : {}),
      async open() {
        const server: TestDatabase = await freshDatabase();
        return { db: await openDatabase({ DATABASE_URL: server.url }), drop: server.drop };
      },
    },
  ];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends) {
  const suite = backend.skip ? describe.skip : describe;
  suite(`store contract: ${backend.name}${backend.skip ? ` — SKIPPED: ${backend.skip}` : ''}`, () => {
    let db: Database;
    let drop: (() => Promise<void>) | undefined;
    let orders: OrderStore;
    beforeAll(async () => {
      ({ db, drop } = await backend.open());
      orders = createOrderStore(db);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    let n = 0;
    const fields = (buyerSession: string): NewOrder => ({
      checkoutSessionId: `cs-${++n}-${Math.random()}`,
      buyerSession,
      item: 'Sandbox tee',
      amount: '19.99',
      currencyCode: 'USD',
    });

    it('opening again migrates nothing twice (two processes may start together)', async () => {
      await Promise.all([
        import('./db/schema.js').then((m) => m.migrate(db)),
        import('./db/schema.js').then((m) => m.migrate(db)),
      ]);
    });

    it('a checkout session belongs to the first buyer who reviews it; its order is made once', async () => {
      const order = fields('buyer-a');
      expect(await orders.bindCheckout(order.checkoutSessionId, 'buyer-a')).toBe(true);
      expect(await orders.bindCheckout(order.checkoutSessionId, 'buyer-b')).toBe(false);
      expect(await orders.bindCheckout(order.checkoutSessionId, 'buyer-a')).toBe(true);
      const [first, second] = await Promise.all([orders.place(order), orders.place(order)]);
      expect(first?.id).toBeDefined();
      expect(second?.id).toBe(first?.id);
      expect(await orders.place({ ...order, buyerSession: 'buyer-b' })).toBeUndefined();
      // Unbound sessions take no order at all.
      expect(await orders.place(fields('buyer-a'))).toBeUndefined();
    });

    it('only its own buyer retries a declined order, once per new checkout session', async () => {
      const original = fields('buyer-a');
      await orders.bindCheckout(original.checkoutSessionId, 'buyer-a');
      const order = (await orders.place(original))!;
      const next = fields('buyer-a');
      await orders.bindCheckout(next.checkoutSessionId, 'buyer-a');
      expect(await orders.retry(order.id, 'buyer-a', next.checkoutSessionId)).toBeUndefined(); // not declined
      await orders.update(order.id, 'declined', (o) => {
        o.status = 'declined';
      });
      const stolen = fields('buyer-b');
      await orders.bindCheckout(stolen.checkoutSessionId, 'buyer-b');
      expect(await orders.retry(order.id, 'buyer-b', stolen.checkoutSessionId)).toBeUndefined();
      expect(await orders.retry(order.id, 'buyer-a', stolen.checkoutSessionId)).toBeUndefined(); // not his session
      const retried = await orders.retry(order.id, 'buyer-a', next.checkoutSessionId);
      expect(retried).toMatchObject({
        id: order.id,
        checkoutSessionId: next.checkoutSessionId,
        status: 'awaiting-payment',
      });
      expect((await orders.retry(order.id, 'buyer-a', next.checkoutSessionId))?.id).toBe(order.id);
      expect((await orders.findBy('checkoutSessionId', next.checkoutSessionId))?.id).toBe(order.id);
    });

    it('concurrent updates of one order are all kept, each with its history entry', async () => {
      const f = fields('buyer-a');
      await orders.bindCheckout(f.checkoutSessionId, 'buyer-a');
      const order = (await orders.place(f))!;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          orders.update(order.id, `refund R${i}`, (o) => {
            o.refunds.push({ refundId: `R${i}`, amount: '1.00', state: 'RefundInitiated' });
          }),
        ),
      );
      const stored = (await orders.get(order.id))!;
      expect(stored.refunds.map((r) => r.refundId).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `R${i}`).sort(),
      );
      expect(stored.history).toHaveLength(13);
      await expect(orders.update('ORD-MISSING', 'x', () => {})).rejects.toThrow('no order ORD-MISSING');
    });

    it('a transaction that throws leaves nothing behind', async () => {
      const f = fields('buyer-a');
      await orders.bindCheckout(f.checkoutSessionId, 'buyer-a');
      const order = (await orders.place(f))!;
      await expect(
        db.transaction(async (tx) => {
          await orders.update(
            order.id,
            'charge recorded',
            (o) => void Object.assign(o, { chargeId: 'C-1' }),
            tx,
          );
          throw new Error('the write after it failed');
        }),
      ).rejects.toThrow('the write after it failed');
      expect((await orders.get(order.id))?.chargeId).toBeNull();
      // …and the store keeps working.
      await orders.update(order.id, 'charge recorded', (o) => void Object.assign(o, { chargeId: 'C-1' }));
      expect((await orders.findBy('chargeId', 'C-1'))?.id).toBe(order.id);
    });

    it('lists the newest orders first, bounded', async () => {
      const listed = await orders.list(3);
      expect(listed).toHaveLength(3);
      expect(listed.map((o) => o.createdAt)).toEqual([...listed.map((o) => o.createdAt)].sort().reverse());
    });

    it('sessions: found by their cookie id and kind, until they expire or are destroyed', async () => {
      const sessions = createSessionStore(db);
      const visitor = await sessions.create('visitor', 60_000);
      expect(await sessions.get(visitor.id, 'visitor')).toMatchObject({
        idHash: visitor.idHash,
        csrfToken: visitor.csrfToken,
      });
      expect(await sessions.get(visitor.id, 'admin')).toBeUndefined();
      expect(await sessions.get(visitor.idHash, 'visitor')).toBeUndefined(); // the stored hash opens nothing
      const expired = await sessions.create('admin', -1);
      expect(await sessions.get(expired.id, 'admin')).toBeUndefined();
      await sessions.destroy(visitor.id);
      expect(await sessions.get(visitor.id, 'visitor')).toBeUndefined();
    });

    describe("SeenStore (the IPN handler's deduplication)", () => {
      let seen: SeenStore;
      beforeAll(() => {
        seen = createSqlSeenStore(db);
      });

      it("passes @amazon-pay-ts/notifications' runSeenStoreContract", async () => {
        await runSeenStoreContract(() => createSqlSeenStore(db));
      }, 30_000);
      const id = () => `ipn-${Math.random()}`;

      it('claim is insert-if-absent: the first caller owns it, later ones do not', async () => {
        const a = id();
        expect(await seen.claim(a, 60_000)).toBe(true);
        expect(await seen.claim(a, 60_000)).toBe(false);
        expect(await seen.claim(id(), 60_000)).toBe(true); // ids are independent
      });

      it('release forgets the id, so the next delivery processes it', async () => {
        const a = id();
        await seen.claim(a, 60_000);
        await seen.release(a);
        expect(await seen.claim(a, 60_000)).toBe(true);
      });

      it('complete keeps the id for its retention window', async () => {
        const a = id();
        await seen.claim(a, 60_000);
        await seen.complete(a, 60_000);
        expect(await seen.claim(a, 60_000)).toBe(false);
        const b = id();
        await seen.complete(b, 60_000); // complete without a claim records it too
        expect(await seen.claim(b, 60_000)).toBe(false);
      });

      it('an expired claim or retention can be claimed again', async () => {
        const a = id();
        const b = id();
        await seen.claim(a, 300);
        await seen.claim(b, 60_000);
        await seen.complete(b, 300);
        await sleep(450);
        expect(await seen.claim(a, 60_000)).toBe(true);
        expect(await seen.claim(b, 60_000)).toBe(true);
      });

      it('concurrent claims of one id: exactly one wins', async () => {
        const a = id();
        const others = [createSqlSeenStore(db), createSqlSeenStore(db), seen];
        const results = await Promise.all(
          Array.from({ length: 9 }, (_, i) => others[i % 3]!.claim(a, 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
