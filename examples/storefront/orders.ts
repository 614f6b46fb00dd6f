import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from './db/database.js';

/**
 * The shop's orders in SQL (`storefront_orders`). Every change is a transaction that locks the
 * order's row (`SELECT … FOR UPDATE`), applies the change and appends it to the order's history,
 * so two processes (or two requests) changing one order take turns and nothing is lost.
 */
export type OrderStatus =
  | 'awaiting-payment'
  | 'pending-authorization'
  | 'authorized'
  | 'captured'
  | 'declined'
  | 'canceled';

/** The ledger currencies a shop can sell in with Amazon Pay. */
export type CurrencyCode = 'USD' | 'EUR' | 'GBP' | 'JPY';

export interface Refund {
  refundId: string;
  amount: string;
  state: string;
}

export interface Order {
  id: string;
  checkoutSessionId: string;
  /** The (hashed) browser session that placed the order: the only one its pages show it to. */
  buyerSession: string;
  item: string;
  amount: string;
  currencyCode: CurrencyCode;
  status: OrderStatus;
  /** Amazon's reason for the last state (e.g. HardDeclined), when it gave one. */
  reasonCode: string | null;
  chargeId: string | null;
  chargePermissionId: string | null;
  /** The charge permission was closed: no further charges. */
  closed: boolean;
  shippingAddress: string | null;
  paymentDescriptor: string | null;
  refunds: Refund[];
  createdAt: string;
  /** What happened, oldest first: shown on the order page. */
  history: { at: string; event: string }[];
}

/** Minor units (cents, yen) of a plain decimal amount; NaN for anything else. */
const minorUnits = (amount: string, currencyCode: CurrencyCode) =>
  /^\d+(\.\d+)?$/.test(amount) ? Math.round(Number(amount) * (currencyCode === 'JPY' ? 1 : 100)) : Number.NaN;

/** What is left to refund of a captured order: its amount less every refund Amazon did not decline. */
export function refundable(order: Order): string {
  const digits = order.currencyCode === 'JPY' ? 0 : 2;
  const refunded = order.refunds
    .filter((r) => r.state !== 'Declined')
    .reduce((sum, r) => sum + minorUnits(r.amount, order.currencyCode), 0);
  return ((minorUnits(order.amount, order.currencyCode) - refunded) / 10 ** digits).toFixed(digits);
}

/**
 * Why `amount` cannot be refunded of `order` now, or undefined: more than is left to refund
 * (checked here, before Amazon is called). Its format is the client's to check, before it sends.
 */
export function refundAmountIssue(order: Order, amount: string): string | undefined {
  const asked = minorUnits(amount, order.currencyCode);
  const left = refundable(order);
  if (asked > minorUnits(left, order.currencyCode)) {
    return `cannot refund ${amount} ${order.currencyCode} of order ${order.id}: only ${left} ${order.currencyCode} is left to refund`;
  }
  return undefined;
}

export type NewOrder = Pick<Order, 'checkoutSessionId' | 'buyerSession' | 'item' | 'amount' | 'currencyCode'>;

export interface OrderStore {
  /**
   * Binds a checkout session to the browser session that reviews it; the first one wins.
   * True when it is (now or already) bound to `buyerSession`.
   */
  bindCheckout(checkoutSessionId: string, buyerSession: string): Promise<boolean>;
  /**
   * The order of this checkout session: created on the first call, the same one on a repeat (a
   * double submit). Undefined when the checkout session belongs to another buyer.
   */
  place(fields: NewOrder): Promise<Order | undefined>;
  /**
   * The buyer's declined or canceled order, moved to a new checkout session of the same buyer.
   * Undefined when it is not this buyer's order, not retryable, or the session is taken.
   */
  retry(orderId: string, buyerSession: string, checkoutSessionId: string): Promise<Order | undefined>;
  /** The order; inside `tx` when given. */
  get(id: string, tx?: Queryable): Promise<Order | undefined>;
  findBy(
    key: 'checkoutSessionId' | 'chargeId' | 'chargePermissionId',
    value: string,
  ): Promise<Order | undefined>;
  /** Applies `change` to the locked order and records `event`; inside `tx` when given. */
  update(id: string, event: string, change: (order: Order) => void, tx?: Queryable): Promise<Order>;
  /** The newest orders first, at most `limit` (default 200). */
  list(limit?: number): Promise<Order[]>;
}

interface OrderRow {
  id: string;
  checkout_session_id: string;
  buyer_session: string;
  item: string;
  amount: string;
  currency_code: CurrencyCode;
  status: OrderStatus;
  reason_code: string | null;
  charge_id: string | null;
  charge_permission_id: string | null;
  closed: boolean;
  shipping_address: string | null;
  payment_descriptor: string | null;
  refunds: Refund[];
  history: { at: string; event: string }[];
  created_at: number;
}

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  checkoutSessionId: row.checkout_session_id,
  buyerSession: row.buyer_session,
  item: row.item,
  amount: row.amount,
  currencyCode: row.currency_code,
  status: row.status,
  reasonCode: row.reason_code,
  chargeId: row.charge_id,
  chargePermissionId: row.charge_permission_id,
  closed: row.closed,
  shippingAddress: row.shipping_address,
  paymentDescriptor: row.payment_descriptor,
  refunds: row.refunds,
  createdAt: new Date(Number(row.created_at)).toISOString(),
  history: row.history,
});

const COLUMN = {
  checkoutSessionId: 'checkout_session_id',
  chargeId: 'charge_id',
  chargePermissionId: 'charge_permission_id',
};
const RETRYABLE: OrderStatus[] = ['declined', 'canceled'];

export function createOrderStore(db: Database): OrderStore {
  const one = async (q: Queryable, sql: string, params: unknown[]) => {
    const [row] = await q.query<OrderRow>(sql, params);
    return row && toOrder(row);
  };
  const boundTo = async (q: Queryable, checkoutSessionId: string) =>
    (
      await q.query<{ buyer_session: string }>(
        'SELECT buyer_session FROM storefront_checkouts WHERE checkout_session_id = $1',
        [checkoutSessionId],
      )
    )[0]?.buyer_session;

  const store: OrderStore = {
    async bindCheckout(checkoutSessionId, buyerSession) {
      await db.query(
        `INSERT INTO storefront_checkouts (checkout_session_id, buyer_session, created_at)
         VALUES ($1, $2, $3) ON CONFLICT (checkout_session_id) DO NOTHING`,
        [checkoutSessionId, buyerSession, Date.now()],
      );
      return (await boundTo(db, checkoutSessionId)) === buyerSession;
    },

    place: (fields) =>
      db.transaction(async (tx) => {
        if ((await boundTo(tx, fields.checkoutSessionId)) !== fields.buyerSession) return undefined;
        const now = Date.now();
        const history = [
          { at: new Date(now).toISOString(), event: 'order created, buyer sent to Amazon Pay' },
        ];
        const created = await one(
          tx,
          `INSERT INTO storefront_orders
             (id, checkout_session_id, buyer_session, item, amount, currency_code, status, history, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'awaiting-payment', $7::jsonb, $8)
           ON CONFLICT (checkout_session_id) DO NOTHING RETURNING *`,
          [
            `ORD-${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
            fields.checkoutSessionId,
            fields.buyerSession,
            fields.item,
            fields.amount,
            fields.currencyCode,
            JSON.stringify(history),
            now,
          ],
        );
        const order =
          created ??
          (await one(tx, 'SELECT * FROM storefront_orders WHERE checkout_session_id = $1', [
            fields.checkoutSessionId,
          ]));
        return order?.buyerSession === fields.buyerSession ? order : undefined;
      }),

    retry: (orderId, buyerSession, checkoutSessionId) =>
      db.transaction(async (tx) => {
        if ((await boundTo(tx, checkoutSessionId)) !== buyerSession) return undefined;
        const order = await one(
          tx,
          'SELECT * FROM storefront_orders WHERE id = $1 AND buyer_session = $2 FOR UPDATE',
          [orderId, buyerSession],
        );
        if (!order) return undefined;
        if (order.checkoutSessionId === checkoutSessionId) return order; // the same retry, submitted twice
        if (!RETRYABLE.includes(order.status)) return undefined;
        const taken = await tx.query('SELECT 1 FROM storefront_orders WHERE checkout_session_id = $1', [
          checkoutSessionId,
        ]);
        if (taken.length) return undefined;
        return store.update(
          orderId,
          `buyer retries with checkout session ${checkoutSessionId}`,
          (o) => {
            o.checkoutSessionId = checkoutSessionId;
            o.status = 'awaiting-payment';
            o.reasonCode = null;
          },
          tx,
        );
      }),

    get: (id, tx) => one(tx ?? db, 'SELECT * FROM storefront_orders WHERE id = $1', [id]),

    findBy: (key, value) =>
      one(db, `SELECT * FROM storefront_orders WHERE ${COLUMN[key]} = $1 LIMIT 1`, [value]),

    update(id, event, change, tx) {
      const run = async (q: Queryable) => {
        const order = await one(q, 'SELECT * FROM storefront_orders WHERE id = $1 FOR UPDATE', [id]);
        if (!order) throw new Error(`no order ${id}`);
        change(order);
        order.history.push({ at: new Date().toISOString(), event });
        await q.query(
          `UPDATE storefront_orders SET checkout_session_id = $2, status = $3, reason_code = $4, charge_id = $5,
             charge_permission_id = $6, closed = $7, shipping_address = $8, payment_descriptor = $9,
             refunds = $10::jsonb, history = $11::jsonb
           WHERE id = $1`,
          [
            id,
            order.checkoutSessionId,
            order.status,
            order.reasonCode,
            order.chargeId,
            order.chargePermissionId,
            order.closed,
            order.shippingAddress,
            order.paymentDescriptor,
            JSON.stringify(order.refunds),
            JSON.stringify(order.history),
          ],
        );
        return order;
      };
      return tx ? run(tx) : db.transaction(run);
    },

    async list(limit = 200) {
      const rows = await db.query<OrderRow>(
        'SELECT * FROM storefront_orders ORDER BY created_at DESC, id DESC LIMIT $1',
        [limit],
      );
      return rows.map(toOrder);
    },
  };
  return store;
}
