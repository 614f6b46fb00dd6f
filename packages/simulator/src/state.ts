import type {
  DeliveryTrackerResponse,
  Dispute,
  File,
  Report,
  ReportSchedule,
  Store,
} from '@amazon-pay-ts/types';
import type { Engine } from './engine.js';
import { chargeView } from './resources/charge.js';
import { chargePermissionView } from './resources/charge-permission.js';
import { checkoutSessionView } from './resources/checkout-session.js';
import { storeView } from './resources/merchant-accounts.js';
import { refundView } from './resources/refund.js';
import type { Json } from './store.js';

/** A checkout session as `getCheckoutSession` answers it. @inline */
type CheckoutSessionView = ReturnType<typeof checkoutSessionView>;
/** A charge permission as `getChargePermission` answers it. @inline */
type ChargePermissionView = ReturnType<typeof chargePermissionView>;
/** A charge as `getCharge` answers it. @inline */
type ChargeView = ReturnType<typeof chargeView>;
/** A refund as `getRefund` answers it. @inline */
type RefundView = ReturnType<typeof refundView>;

/** Everything the simulator holds, as the API would answer it, keyed by id; frozen. */
export interface SimulatorState {
  readonly checkoutSessions: Readonly<Record<string, CheckoutSessionView>>;
  readonly chargePermissions: Readonly<Record<string, ChargePermissionView>>;
  readonly charges: Readonly<Record<string, ChargeView>>;
  readonly refunds: Readonly<Record<string, RefundView>>;
  readonly reports: Readonly<Record<string, Report>>;
  readonly reportSchedules: Readonly<Record<string, ReportSchedule>>;
  readonly deliveryTrackers: readonly DeliveryTrackerResponse[];
  /** As registered (merged with updates), with `merchantAccountId` and whether it was `claimed`. */
  readonly merchantAccounts: Readonly<Record<string, Json>>;
  readonly stores: Readonly<Record<string, Store>>;
  readonly disputes: Readonly<Record<string, Dispute>>;
  readonly files: Readonly<Record<string, File>>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function mapOf<R, V>(map: Map<string, R>, view: (r: R) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [id, record] of map) out[id] = view(record);
  return out;
}

/** The simulator's state now, deep-frozen. */
export function snapshot(engine: Engine): SimulatorState {
  const s = engine.store;
  return deepFreeze(
    structuredClone({
      checkoutSessions: mapOf(s.checkoutSessions, (r) => checkoutSessionView(engine, r)),
      chargePermissions: mapOf(s.chargePermissions, (r) => chargePermissionView(engine, r)),
      charges: mapOf(s.charges, chargeView),
      refunds: mapOf(s.refunds, refundView),
      reports: mapOf(s.reports, (r) => r.record),
      reportSchedules: mapOf(s.reportSchedules, (r) => r.record),
      deliveryTrackers: s.deliveryTrackers.map((t) => t.record),
      merchantAccounts: mapOf(s.merchantAccounts, ({ record: r }) => ({
        ...r.details,
        uniqueReferenceId: r.uniqueReferenceId,
        merchantAccountId: r.merchantAccountId,
        claimed: r.claimed,
      })),
      stores: mapOf(s.stores, storeView),
      disputes: mapOf(s.disputes, (r) => r),
      files: mapOf(s.files, (r) => r.record),
    }),
  );
}
