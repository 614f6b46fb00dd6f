import { WebStoreClient } from '@amazon-pay-ts/client';
import type { SeenStore } from '@amazon-pay-ts/notifications';
import { runSeenStoreContract } from '@amazon-pay-ts/notifications/testing';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminActions, createAdminActions, idempotencyKeyFor } from './admin-actions.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { createOrderStore, type NewOrder, type OrderStore } from './orders.js';
import { createSessionStore, sha256 } from './sessions.js';
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

/**
 * Amazon for the admin action tokens' contract: one simulator for the file, effects counted on its
 * state and request log. `maxRetries: 0`, so an unconfirmed call is left to the store to repeat.
 */
let amazon: { sim: Simulator; client: WebStoreClient } | undefined;
beforeAll(async () => {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  const publicKeyId = 'SANDBOX-ASTORECONTRACT';
  const sim = await startSimulator({ keys: [{ publicKeyId, publicKey: publicKeyPem }] });
  const client = new WebStoreClient({
    region: 'na',
    publicKeyId,
    privateKey: privateKeyPem,
    baseUrl: sim.url,
    maxRetries: 0,
  });
  amazon = { sim, client };
}, 60_000);
afterAll(() => amazon?.sim.close());

const usd = (amount: string) => ({ amount, currencyCode: 'USD' as const });

/** A checkout the buyer paid at Amazon (authorized and captured): its charge and permission ids. */
async function capturedCheckout(merchantReferenceId: string) {
  const { sim, client } = amazon!;
  const { checkoutSessionId } = await client.createCheckoutSession({
    storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
    webCheckoutDetails: {
      checkoutReviewReturnUrl: 'https://shop.example/review',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
    chargePermissionType: 'OneTime',
  });
  sim.approve(checkoutSessionId);
  await client.updateCheckoutSession(checkoutSessionId, {
    paymentDetails: {
      paymentIntent: 'AuthorizeWithCapture',
      canHandlePendingAuthorization: false,
      chargeAmount: usd('19.99'),
    },
    merchantMetadata: { merchantReferenceId },
  });
  sim.approve(checkoutSessionId);
  const done = await client.completeCheckoutSession(checkoutSessionId, { chargeAmount: usd('19.99') });
  return { chargeId: done.chargeId!, chargePermissionId: done.chargePermissionId! };
}

/** A gate for one client method: calls wait until `open()`, so a test can act while one is in flight. */
function gated(client: WebStoreClient, method: 'createRefund') {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let entered!: () => void;
  const reached = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const wrapped = new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property !== method) return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        entered();
        await opened;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { client: wrapped, open, reached };
}

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

    describe('admin action tokens: one intent, one effect at Amazon', () => {
      const ADMIN = sha256('admin-session');
      let actions: AdminActions;
      beforeAll(() => {
        actions = createAdminActions({ db, client: amazon!.client, orders });
      });

      /** A placed order whose charge Amazon captured, recorded in the store. */
      async function capturedOrder() {
        const f = fields('buyer-a');
        await orders.bindCheckout(f.checkoutSessionId, 'buyer-a');
        const order = (await orders.place(f))!;
        const ids = await capturedCheckout(order.id);
        await orders.update(order.id, 'paid', (o) => {
          Object.assign(o, ids, { status: 'captured' });
        });
        return { ...order, ...ids };
      }
      const refundsAtAmazon = (chargeId: string) =>
        Object.values(amazon!.sim.state.refunds).filter((r) => r.chargeId === chargeId);
      const refundCalls = (since = 0) =>
        amazon!.sim.requests.slice(since).filter((r) => r.operationId === 'createRefund');
      const stored = async (token: string) =>
        (
          await db.query<{
            state: string;
            idempotency_key: string | null;
            request: unknown;
            lease_until: number | null;
          }>(
            'SELECT state, idempotency_key, request, lease_until FROM storefront_admin_actions WHERE token_hash = $1',
            [sha256(token)],
          )
        )[0];
      const refund = (orderId: string, token: string, amount = '5.00') =>
        actions.submit({ token, sessionHash: ADMIN, orderId, action: 'refund', amount });

      it('a token is stored only as its hash, bound to its session, order and action', async () => {
        const order = await capturedOrder();
        const tokens = await actions.issue(ADMIN, order.id, ['capture', 'refund', 'close']);
        expect(Object.keys(tokens).sort()).toEqual(['capture', 'close', 'refund']);
        expect(new Set(Object.values(tokens)).size).toBe(3);
        const rows = await db.query<{ token_hash: string; state: string }>(
          'SELECT token_hash, state FROM storefront_admin_actions WHERE order_id = $1',
          [order.id],
        );
        expect(rows.map((r) => r.token_hash).sort()).toEqual(Object.values(tokens).map(sha256).sort());
        expect(rows.every((r) => r.state === 'issued')).toBe(true);

        const invalid = { kind: 'invalid' };
        const since = amazon!.sim.requests.length;
        const base = {
          token: tokens.refund!,
          sessionHash: ADMIN,
          orderId: order.id,
          action: 'refund',
          amount: '1.00',
        };
        expect(await actions.submit({ ...base, sessionHash: sha256('another-admin') })).toMatchObject(
          invalid,
        );
        expect(await actions.submit({ ...base, orderId: 'ORD-OTHER' })).toMatchObject(invalid);
        expect(await actions.submit({ ...base, action: 'capture' })).toMatchObject(invalid);
        expect(await actions.submit({ ...base, token: sha256(tokens.refund!) })).toMatchObject(invalid); // the hash opens nothing
        expect(await actions.submit({ ...base, token: 'never-issued' })).toMatchObject(invalid);
        expect(amazon!.sim.requests.length).toBe(since);
        expect((await stored(tokens.refund!))?.state).toBe('issued'); // still usable
      });

      it('the first submit stores key and request before calling Amazon; repeats call nobody', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        const since = amazon!.sim.requests.length;
        expect(await refund(order.id, token!)).toEqual({
          kind: 'done',
          message: 'refund of 5.00 USD requested',
        });
        expect(refundCalls(since)).toHaveLength(1);
        expect(refundCalls(since)[0]).toMatchObject({ status: 201, replayed: false });
        expect(await stored(token!)).toMatchObject({
          state: 'done',
          idempotency_key: idempotencyKeyFor(token!),
          request: { action: 'refund', chargeId: order.chargeId, amount: '5.00', currencyCode: 'USD' },
          lease_until: null,
        });
        expect((await orders.get(order.id))?.refunds).toHaveLength(1);

        const again = amazon!.sim.requests.length;
        expect(await refund(order.id, token!, '9.00')).toEqual({
          kind: 'done',
          message: 'refund of 5.00 USD requested',
        });
        expect(amazon!.sim.requests.length).toBe(again);
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
      });

      it('concurrent submits of one token from two stores on the database: one refund', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        const other = createAdminActions({ db, client: amazon!.client, orders: createOrderStore(db) });
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : actions).submit({
              token: token!,
              sessionHash: ADMIN,
              orderId: order.id,
              action: 'refund',
              amount: '5.00',
            }),
          ),
        );
        expect(outcomes.filter((o) => o.kind === 'done').length).toBeGreaterThanOrEqual(1);
        expect(outcomes.every((o) => o.kind === 'done' || o.kind === 'in-progress')).toBe(true);
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
        expect((await orders.get(order.id))?.refunds).toHaveLength(1);
      });

      it('while the lease is held, a repeat is "in progress" and resume leaves it alone', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        const gate = gated(amazon!.client, 'createRefund');
        const slow = createAdminActions({ db, client: gate.client, orders });
        const first = slow.submit({
          token: token!,
          sessionHash: ADMIN,
          orderId: order.id,
          action: 'refund',
          amount: '5.00',
        });
        await gate.reached; // the request is stored and the call is under way
        expect(await stored(token!)).toMatchObject({
          state: 'started',
          idempotency_key: idempotencyKeyFor(token!),
        });
        expect(await refund(order.id, token!)).toEqual({ kind: 'in-progress' });
        const since = amazon!.sim.requests.length;
        await actions.resume(order.id);
        await actions.resume();
        expect(amazon!.sim.requests.length).toBe(since);
        gate.open();
        expect(await first).toMatchObject({ kind: 'done' });
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
      });

      it('an unconfirmed call is repeated with the stored key and request: Amazon replays it, one refund', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        // Amazon makes the refund, the answer is cut off.
        amazon!.sim.faults.next({ operationId: 'createRefund', body: 'truncated' });
        expect(await refund(order.id, token!)).toMatchObject({ kind: 'unconfirmed' });
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
        expect(await stored(token!)).toMatchObject({ state: 'started', lease_until: 0 });
        expect((await orders.get(order.id))?.refunds).toHaveLength(0);

        // The browser retries with another amount in the form: the stored request is what is sent.
        const since = amazon!.sim.requests.length;
        expect(await refund(order.id, token!, '7.00')).toEqual({
          kind: 'done',
          message: 'refund of 5.00 USD requested',
        });
        expect(refundCalls(since)).toEqual([expect.objectContaining({ replayed: true })]);
        expect(refundsAtAmazon(order.chargeId).map((r) => r.refundAmount.amount)).toEqual(['5.00']);
        expect((await orders.get(order.id))?.refunds).toHaveLength(1);
      });

      it('resume repeats an unconfirmed action of the order (after an IPN or on the admin page)', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        amazon!.sim.faults.next({ operationId: 'createRefund', body: 'truncated' });
        expect(await refund(order.id, token!)).toMatchObject({ kind: 'unconfirmed' });
        await actions.resume('ORD-SOMEONE-ELSE');
        expect((await stored(token!))?.state).toBe('started');
        await actions.resume(order.id);
        expect(await stored(token!)).toMatchObject({ state: 'done', lease_until: null });
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
        expect((await orders.get(order.id))?.refunds).toHaveLength(1);
        const since = amazon!.sim.requests.length;
        await actions.resume(order.id);
        expect(refundCalls(since)).toHaveLength(0);
      });

      it("resume stops at its caller's signal; an aborted call is no refusal and is repeated later", async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        amazon!.sim.faults.next({ operationId: 'createRefund', body: 'truncated' });
        expect(await refund(order.id, token!)).toMatchObject({ kind: 'unconfirmed' });
        const since = amazon!.sim.requests.length;
        await actions.resume(order.id, { signal: AbortSignal.abort() });
        expect(amazon!.sim.requests.length).toBe(since);
        expect((await stored(token!))?.state).toBe('started');

        // The IPN handler's deadline passes while the repeat waits to be sent.
        const gate = gated(amazon!.client, 'createRefund');
        const deadline = new AbortController();
        const resuming = createAdminActions({ db, client: gate.client, orders }).resume(order.id, {
          signal: deadline.signal,
        });
        await gate.reached;
        deadline.abort();
        gate.open();
        await resuming;
        expect(await stored(token!)).toMatchObject({ state: 'started', lease_until: 0 });
        expect(amazon!.sim.requests.length).toBe(since);

        await actions.resume(order.id);
        expect((await stored(token!))?.state).toBe('done');
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(1);
        expect((await orders.get(order.id))?.refunds).toHaveLength(1);
      });

      it('a refusal that had no effect is final for the token; nothing to do fails without a call', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        // Refunded in Seller Central, unknown to the shop: the shop's own check (at most what it
        // charged) passes, and Amazon refuses 20.00 + 5.00 as more than it refunds for the charge.
        await amazon!.client.createRefund({ chargeId: order.chargeId, refundAmount: usd('20.00') });
        const atAmazon = refundsAtAmazon(order.chargeId).length;
        const since = amazon!.sim.requests.length;
        const refused = await refund(order.id, token!, '5.00');
        expect(refused).toMatchObject({ kind: 'failed', message: expect.stringMatching(/exceeds/) });
        expect((await stored(token!))?.state).toBe('failed');
        expect(await refund(order.id, token!, '1.00')).toEqual(refused);
        expect(refundCalls(since)).toHaveLength(1);
        expect(refundsAtAmazon(order.chargeId)).toHaveLength(atAmazon);

        // More than the shop charged is refused before Amazon is called.
        const { refund: tooMuch } = await actions.issue(ADMIN, order.id, ['refund']);
        const beforeTooMuch = amazon!.sim.requests.length;
        expect(await refund(order.id, tooMuch!, '500.00')).toMatchObject({
          kind: 'failed',
          message: expect.stringContaining('left to refund'),
        });
        expect(amazon!.sim.requests.length).toBe(beforeTooMuch);

        const f = fields('buyer-a');
        await orders.bindCheckout(f.checkoutSessionId, 'buyer-a');
        const unpaid = (await orders.place(f))!;
        const { capture } = await actions.issue(ADMIN, unpaid.id, ['capture']);
        const before = amazon!.sim.requests.length;
        expect(
          await actions.submit({
            token: capture!,
            sessionHash: ADMIN,
            orderId: unpaid.id,
            action: 'capture',
            amount: undefined,
          }),
        ).toEqual({ kind: 'failed', message: `order ${unpaid.id} has nothing to capture` });
        expect(amazon!.sim.requests.length).toBe(before);
      });

      it('an expired token is refused before any call', async () => {
        const order = await capturedOrder();
        const { refund: token } = await actions.issue(ADMIN, order.id, ['refund']);
        await db.query('UPDATE storefront_admin_actions SET expires_at = $2 WHERE token_hash = $1', [
          sha256(token!),
          Date.now() - 1,
        ]);
        const since = amazon!.sim.requests.length;
        expect(await refund(order.id, token!)).toMatchObject({
          kind: 'invalid',
          message: expect.stringMatching(/expired/),
        });
        expect(amazon!.sim.requests.length).toBe(since);
        // Issuing new forms sweeps unused expired tokens.
        await actions.issue(ADMIN, order.id, ['refund']);
        expect(await stored(token!)).toBeUndefined();
      });
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
