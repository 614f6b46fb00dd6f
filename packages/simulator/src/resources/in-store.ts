import { amazonTimestamp } from '../clock.js';
import type { HandlerTable } from '../handler.js';
import { parsePrice } from '../money.js';
import { sandboxBuyer } from '../sandbox-data.js';
import type { ChargePermissionRecord } from '../store.js';
import { chargePermissionCreated } from '../transitions.js';
import { authorize } from './charge.js';
import { getChargePermission } from './charge-permission.js';
import { issueRefund } from './refund.js';

/**
 * In-store: a merchant scans the buyer's code (a charge permission appears), charges it
 * (Completed, captured at once) and refunds it (Pending; settles like a web refund).
 */
export const inStoreHandlers = {
  instoreMerchantScan(ctx) {
    const engine = ctx.engine;
    const body = ctx.body;
    const scanReferenceId = String(body.scanReferenceId);
    // Scan references are the merchant's own: another merchant may use the same one.
    const scanKey = `${ctx.merchantId}\u0000${scanReferenceId}`;
    const existing = engine.store.inStoreScans.get(scanKey);
    if (existing) return { chargePermissionId: existing.chargePermissionId };
    const now = engine.now();
    const id = engine.ids.chargePermissionId(ctx.realm.env, ctx.realm.region);
    const currency = String(body.ledgerCurrency);
    const record: ChargePermissionRecord = {
      id,
      merchantId: ctx.merchantId,
      env: ctx.realm.env,
      region: ctx.realm.region,
      type: 'OneTime',
      checkoutSessionId: null,
      buyer: sandboxBuyer(engine.ids),
      shippingAddress: null,
      billingAddress: null,
      paymentMethod: null,
      merchantMetadata: null,
      chargePermissionReferenceId: scanReferenceId,
      platformId: null,
      recurringMetadata: null,
      presentmentCurrency: currency,
      createdAt: now,
      expiresAt: null,
      state: 'Chargeable',
      reasons: null,
      updatedAt: now,
      amountLimit: null,
      amazonPayToken: '',
      chargeSequence: 0,
      refundSequence: 0,
    };
    engine.store.chargePermissions.set(id, record);
    chargePermissionCreated(engine, record);
    engine.store.inStoreScans.set(scanKey, {
      chargePermissionId: id,
      scannedAt: amazonTimestamp(now),
    });
    return { chargePermissionId: id };
  },

  instoreCharge(ctx) {
    const cp = getChargePermission(ctx.engine, String(ctx.body.chargePermissionId), ctx.merchantId);
    const amount = parsePrice(ctx.body.chargeTotal, 'chargeTotal');
    const charge = authorize(ctx.engine, cp, amount, {
      captureNow: true,
      canHandlePendingAuthorization: false,
      simulationCode: null,
      scenario: 'Success',
      softDescriptor: typeof ctx.body.softDescriptor === 'string' ? ctx.body.softDescriptor : null,
      merchantMetadata: { merchantReferenceId: ctx.body.chargeReferenceId },
      providerMetadata: null,
      platformId: null,
      channel: 'PointOfSale',
    });
    return {
      chargeId: charge.id,
      chargeStatus: { state: 'Completed', reasonCode: null, reasonDescription: null },
    };
  },

  instoreRefund(ctx) {
    const refund = issueRefund(
      ctx.engine,
      ctx.merchantId,
      {
        chargeId: ctx.body.chargeId,
        refundAmount: ctx.body.refundTotal,
        softDescriptor: ctx.body.softDescriptor,
      },
      null,
    );
    return {
      refundId: refund.id,
      refundStatus: { state: 'Pending', reasonCode: null, reasonDescription: null },
    };
  },
} satisfies Partial<HandlerTable>;
