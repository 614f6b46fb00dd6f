import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The shop's orders, behind a five-method interface so a real shop can put them in its database.
 * Two implementations: in memory (the default with the embedded simulator, whose ids die with it)
 * and a JSON file (`STOREFRONT_ORDERS_FILE`, for runs against Amazon's sandbox).
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

export interface OrderStore {
  create(fields: Pick<Order, 'checkoutSessionId' | 'item' | 'amount' | 'currencyCode'>): Promise<Order>;
  get(id: string): Promise<Order | undefined>;
  findBy(
    key: 'checkoutSessionId' | 'chargeId' | 'chargePermissionId',
    value: string,
  ): Promise<Order | undefined>;
  /** Applies `change` to the stored order and records `event` in its history. */
  update(id: string, event: string, change: (order: Order) => void): Promise<Order>;
  list(): Promise<Order[]>;
}

function newOrder(fields: Pick<Order, 'checkoutSessionId' | 'item' | 'amount' | 'currencyCode'>): Order {
  const now = new Date().toISOString();
  return {
    id: `ORD-${randomUUID().slice(0, 8).toUpperCase()}`,
    ...fields,
    status: 'awaiting-payment',
    reasonCode: null,
    chargeId: null,
    chargePermissionId: null,
    closed: false,
    shippingAddress: null,
    paymentDescriptor: null,
    refunds: [],
    createdAt: now,
    history: [{ at: now, event: 'order created, buyer sent to Amazon Pay' }],
  };
}

function storeOver(orders: Map<string, Order>, persist: () => Promise<void>): OrderStore {
  return {
    async create(fields) {
      const order = newOrder(fields);
      orders.set(order.id, order);
      await persist();
      return structuredClone(order);
    },
    async get(id) {
      const order = orders.get(id);
      return order && structuredClone(order);
    },
    async findBy(key, value) {
      for (const order of orders.values()) if (order[key] === value) return structuredClone(order);
      return undefined;
    },
    async update(id, event, change) {
      const order = orders.get(id);
      if (!order) throw new Error(`no order ${id}`);
      change(order);
      order.history.push({ at: new Date().toISOString(), event });
      await persist();
      return structuredClone(order);
    },
    async list() {
      return [...orders.values()].reverse().map((o) => structuredClone(o));
    },
  };
}

export function createMemoryOrderStore(): OrderStore {
  return storeOver(new Map(), async () => {});
}

/** Orders in one JSON file, rewritten atomically (write, then rename) after every change. */
export async function createJsonFileOrderStore(path: string): Promise<OrderStore> {
  const orders = new Map<string, Order>();
  try {
    for (const order of JSON.parse(await readFile(path, 'utf8')) as Order[]) orders.set(order.id, order);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let writing = Promise.resolve();
  return storeOver(orders, () => {
    writing = writing.then(async () => {
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify([...orders.values()], null, 2));
      await rename(temporary, path);
    });
    return writing;
  });
}
