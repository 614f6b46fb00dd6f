import type { Charge, ChargePermission, Dispute, Refund } from '@amazon-pay-ts/types';
import type { Notification } from './parseNotification.js';

/**
 * The getters the resolver needs; `WebStoreClient` and `AmazonPayClient` of `@amazon-pay-ts/client`
 * have them all.
 */
export interface ResourceClient {
  /** Gets a Charge (e.g. `client.getCharge`). */
  getCharge(chargeId: string): Promise<Charge>;
  /** Gets a Refund (e.g. `client.getRefund`). */
  getRefund(refundId: string): Promise<Refund>;
  /** Gets a Charge Permission (e.g. `client.getChargePermission`). */
  getChargePermission(chargePermissionId: string): Promise<ChargePermission>;
  /** Gets a Dispute, when the client can (e.g. `client.getDispute`). */
  getDispute?(disputeId: string): Promise<Dispute>;
}

/** The current state of the object a notification is about, from {@link resolveNotification}. */
export type ResolvedResource =
  | {
      /** A Charge. */
      objectType: 'CHARGE';
      /** Its current state. */
      charge: Charge;
    }
  | {
      /** A Refund. */
      objectType: 'REFUND';
      /** Its current state. */
      refund: Refund;
    }
  | {
      /** A Charge Permission. */
      objectType: 'CHARGE_PERMISSION';
      /** Its current state. */
      chargePermission: ChargePermission;
    }
  | {
      /** A chargeback. */
      objectType: 'CHARGEBACK';
      /** The dispute's current state, when the client has `getDispute`. */
      dispute: Dispute | undefined;
    }
  | {
      /** An object type this version does not resolve. */
      objectType: 'OTHER';
    };

/**
 * The current state of the object a notification names. IPNs carry ids only, and may arrive late
 * or out of order, so the object's state now — not the order notifications came in — is what to act on.
 */
export async function resolveNotification(
  notification: Notification,
  client: ResourceClient,
): Promise<ResolvedResource> {
  switch (notification.objectType) {
    case 'CHARGE':
      return { objectType: 'CHARGE', charge: await client.getCharge(notification.chargeId) };
    case 'REFUND':
      return { objectType: 'REFUND', refund: await client.getRefund(notification.refundId) };
    case 'CHARGE_PERMISSION':
      return {
        objectType: 'CHARGE_PERMISSION',
        chargePermission: await client.getChargePermission(notification.chargePermissionId),
      };
    case 'CHARGEBACK':
      return {
        objectType: 'CHARGEBACK',
        dispute: client.getDispute ? await client.getDispute(notification.disputeId) : undefined,
      };
    default:
      return { objectType: 'OTHER' };
  }
}
