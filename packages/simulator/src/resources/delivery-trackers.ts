import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import type { Json } from '../store.js';
import { getChargePermission } from './charge-permission.js';

/** Delivery trackers: shipment tracking for a charge permission, acknowledged and stored. */
export const deliveryTrackerHandlers = {
  deliveryTrackers(ctx) {
    const body = ctx.body;
    const chargePermissionId = typeof body.chargePermissionId === 'string' ? body.chargePermissionId : null;
    const orderReferenceId =
      typeof body.amazonOrderReferenceId === 'string' ? body.amazonOrderReferenceId : null;
    if (!chargePermissionId && !orderReferenceId) throw ApiError.missingParameter('chargePermissionId');
    // Only the merchant's own charge permission: another merchant's is 404, as for an unknown id.
    if (chargePermissionId) getChargePermission(ctx.engine, chargePermissionId, ctx.merchantId);
    const details = (body.deliveryDetails as Json[]).map((d) => ({
      trackingNumber: String(d.trackingNumber),
      carrierCode: String(d.carrierCode),
    }));
    const tracker = {
      chargePermissionId,
      amazonOrderReferenceId: orderReferenceId,
      deliveryDetails: details,
    };
    ctx.engine.store.deliveryTrackers.push({ merchantId: ctx.merchantId, record: tracker });
    return tracker;
  },
} satisfies Partial<HandlerTable>;
