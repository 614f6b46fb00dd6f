import type { WebStoreClient } from '@amazon-pay-ts/client';
import type { Queryable } from './db/database.js';
import type { Order, OrderStatus, OrderStore } from './orders.js';

/**
 * The one place order state follows Amazon's objects. The result page, the admin actions, the
 * "check payment status" button and the IPN endpoint all end here, so a notification and a
 * reload can never disagree.
 */
type Charge = Awaited<ReturnType<WebStoreClient['getCharge']>>;
/**
 * What bounds the reads from Amazon: the IPN handler's deadline (`context.signal`), so that work
 * the handler gave up on stops instead of running on behind SNS's retry.
 */
export interface SyncOptions {
  signal?: AbortSignal;
}
type Address = { name?: string | null; addressLine1?: string | null; city?: string | null } & Record<
  string,
  unknown
>;

export function addressLine(address: Address | null | undefined): string | null {
  if (!address) return null;
  const parts = [
    address.name,
    address.addressLine1,
    address.addressLine2,
    address.city,
    address.stateOrRegion,
    address.postalCode,
    address.countryCode,
  ];
  return parts.filter((p) => typeof p === 'string' && p !== '').join(', ') || null;
}

const CHARGE_STATUS: Record<string, OrderStatus> = {
  AuthorizationInitiated: 'pending-authorization',
  Authorized: 'authorized',
  CaptureInitiated: 'authorized',
  Captured: 'captured',
  Declined: 'declined',
  Canceled: 'canceled',
};

/** Records the charge's state on the order (only when it changed, so replays add no history). */
export async function applyCharge(
  orders: OrderStore,
  order: Order,
  charge: Charge,
  tx?: Queryable,
): Promise<Order> {
  const state = charge.statusDetails?.state ?? '';
  const status = CHARGE_STATUS[state];
  const reason = charge.statusDetails?.reasonCode ?? null;
  if (!status || (status === order.status && reason === order.reasonCode)) return order;
  return orders.update(
    order.id,
    `charge ${charge.chargeId} is ${state}${reason ? ` (${reason})` : ''}`,
    (o) => {
      o.status = status;
      o.reasonCode = reason;
    },
    tx,
  );
}

/**
 * An order whose payment went through at Amazon but whose ids never reached the database (the
 * write after completeCheckoutSession failed, or the process died): read the checkout session and
 * its charge from Amazon and record both in one transaction. Never pays again: it only reads.
 */
export async function reconcileCheckout(
  client: WebStoreClient,
  orders: OrderStore,
  order: Order,
  { signal }: SyncOptions = {},
): Promise<Order> {
  if (order.chargeId || order.status !== 'awaiting-payment') return order;
  const session = await client.getCheckoutSession(order.checkoutSessionId, { signal });
  const state = session.statusDetails?.state;
  if (state === 'Completed' && session.chargeId) {
    const charge = await client.getCharge(session.chargeId, { signal });
    return recordCompletion(
      orders,
      order,
      session,
      charge,
      'checkout completed (reconciled from Amazon Pay)',
    );
  }
  if (state === 'Canceled') {
    const reason = session.statusDetails?.reasonCode ?? 'Canceled';
    return orders.update(order.id, `checkout canceled by Amazon Pay (${reason})`, (o) => {
      o.status = reason === 'Declined' ? 'declined' : 'canceled';
      o.reasonCode = reason;
    });
  }
  return order;
}

/** The Amazon ids of a completed checkout and its charge's state, written in one transaction. */
export function recordCompletion(
  orders: OrderStore,
  order: Order,
  session: { chargeId?: string | null; chargePermissionId?: string | null },
  charge: Charge | undefined,
  event: string,
): Promise<Order> {
  const state = charge?.statusDetails?.state ?? '';
  return orders.update(order.id, event + (charge ? `; charge ${charge.chargeId} is ${state}` : ''), (o) => {
    o.chargeId = session.chargeId ?? null;
    o.chargePermissionId = session.chargePermissionId ?? null;
    const status = CHARGE_STATUS[state];
    if (status) {
      o.status = status;
      o.reasonCode = charge?.statusDetails?.reasonCode ?? null;
    }
  });
}

/** Reads the order's charge and open refunds from Amazon and stores what changed. */
export async function syncOrder(
  client: WebStoreClient,
  orders: OrderStore,
  order: Order,
  { signal }: SyncOptions = {},
): Promise<Order> {
  let current = order;
  if (current.chargeId)
    current = await applyCharge(orders, current, await client.getCharge(current.chargeId, { signal }));
  for (const refund of current.refunds) {
    if (refund.state !== 'RefundInitiated') continue;
    const latest = await client.getRefund(refund.refundId, { signal });
    const state = latest.statusDetails?.state ?? refund.state;
    if (state !== refund.state) {
      current = await orders.update(current.id, `refund ${refund.refundId} is ${state}`, (o) => {
        const stored = o.refunds.find((r) => r.refundId === refund.refundId);
        if (stored) stored.state = state;
      });
    }
  }
  return current;
}

/** What an Amazon Pay IPN says: which object changed (IPNs carry ids only, never state). */
export interface ObjectChange {
  /** The notification's id: recorded in the order's history (once: see sql-seen-store.ts). */
  notificationId?: string;
  objectType: string;
  objectId: string;
  chargePermissionId?: string | null;
}

/**
 * An IPN's effect on the shop: find the order the changed object belongs to and re-read it from
 * Amazon. Unknown objects are ignored (the IPN may be for another shop on the same account).
 */
export async function applyNotification(
  client: WebStoreClient,
  orders: OrderStore,
  change: ObjectChange,
  options: SyncOptions = {},
): Promise<Order | undefined> {
  const { signal } = options;
  const permissionId =
    change.chargePermissionId ?? (change.objectType === 'CHARGE_PERMISSION' ? change.objectId : undefined);
  let order =
    (change.objectType === 'CHARGE' ? await orders.findBy('chargeId', change.objectId) : undefined) ??
    (permissionId ? await orders.findBy('chargePermissionId', permissionId) : undefined);
  if (!order && permissionId) {
    // Not ours, or ours but its ids were never written: the charge permission names our order.
    const permission = await client.getChargePermission(permissionId, { signal });
    const reference = permission.merchantMetadata?.merchantReferenceId;
    const candidate = reference ? await orders.get(reference) : undefined;
    if (candidate) order = await reconcileCheckout(client, orders, candidate, options);
  }
  if (!order) return undefined;
  if (change.notificationId) {
    const { notificationId, objectType, objectId } = change;
    order = await orders.update(
      order.id,
      `notification ${notificationId}: ${objectType} ${objectId} changed`,
      () => {},
    );
  }
  if (change.objectType === 'CHARGE_PERMISSION' && !order.closed) {
    const permission = await client.getChargePermission(order.chargePermissionId ?? change.objectId, {
      signal,
    });
    if (permission.statusDetails?.state === 'Closed') {
      order = await orders.update(order.id, 'charge permission closed (notification)', (o) => {
        o.closed = true;
      });
    }
  }
  return syncOrder(client, orders, order, options);
}
