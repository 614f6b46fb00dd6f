import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import type { Json } from '../store.js';

/** Delivery trackers: shipment tracking for a charge permission, acknowledged and stored. */
export const deliveryTrackerHandlers: HandlerTable = {
  deliveryTrackers(ctx) {
    const body = ctx.body;
    const chargePermissionId = typeof body.chargePermissionId === 'string' ? body.chargePermissionId : null;
    const orderReferenceId =
      typeof body.amazonOrderReferenceId === 'string' ? body.amazonOrderReferenceId : null;
    if (!chargePermissionId && !orderReferenceId) throw ApiError.missingParameter('chargePermissionId');
    if (chargePermissionId && !ctx.engine.store.chargePermissions.has(chargePermissionId)) {
      throw ApiError.notFound('Charge permission', chargePermissionId);
    }
    const details = (body.deliveryDetails as Json[]).map((d) => ({
      trackingNumber: String(d.trackingNumber),
      carrierCode: String(d.carrierCode),
    }));
    const tracker = {
      chargePermissionId,
      amazonOrderReferenceId: orderReferenceId,
      deliveryDetails: details,
    };
    ctx.engine.store.deliveryTrackers.push(tracker);
    return { body: tracker };
  },
};
