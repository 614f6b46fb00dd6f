import type { WebStoreClient } from '@amazon-pay-ts/client';
import type { Order, OrderStatus, OrderStore } from './orders.js';

/**
 * The one place order state follows Amazon's objects. The result page, the admin actions, the
 * "check payment status" button and the IPN endpoint all end here, so a notification and a
 * reload can never disagree.
 */
type Charge = Awaited<ReturnType<WebStoreClient['getCharge']>>;
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
export async function applyCharge(orders: OrderStore, order: Order, charge: Charge): Promise<Order> {
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
  );
}

/** Reads the order's charge and open refunds from Amazon and stores what changed. */
export async function syncOrder(client: WebStoreClient, orders: OrderStore, order: Order): Promise<Order> {
  let current = order;
  if (current.chargeId)
    current = await applyCharge(orders, current, await client.getCharge(current.chargeId));
  for (const refund of current.refunds) {
    if (refund.state !== 'RefundInitiated') continue;
    const latest = await client.getRefund(refund.refundId);
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
): Promise<Order | undefined> {
  const order =
    (change.objectType === 'CHARGE' ? await orders.findBy('chargeId', change.objectId) : undefined) ??
    (change.chargePermissionId
      ? await orders.findBy('chargePermissionId', change.chargePermissionId)
      : undefined) ??
    (change.objectType === 'CHARGE_PERMISSION'
      ? await orders.findBy('chargePermissionId', change.objectId)
      : undefined);
  if (!order) return undefined;
  if (change.objectType === 'CHARGE_PERMISSION' && !order.closed) {
    const permission = await client.getChargePermission(order.chargePermissionId ?? change.objectId);
    if (permission.statusDetails?.state === 'Closed') {
      await orders.update(order.id, 'charge permission closed (notification)', (o) => {
        o.closed = true;
      });
    }
  }
  return syncOrder(client, orders, (await orders.get(order.id)) ?? order);
}
