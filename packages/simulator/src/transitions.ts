import type { Engine } from './engine.js';
import type { StateChangeObjectType } from './events.js';
import type { ChargePermissionRecord, ChargeRecord, RefundRecord } from './store.js';

/**
 * The only places where a charge permission, charge or refund changes state, so that every change
 * — made by a request or by simulated time — reaches the engine's state-change stream.
 */
function emit(
  engine: Engine,
  objectType: StateChangeObjectType,
  objectId: string,
  owner: { chargePermissionId: string; merchantId: string; env: ChargeRecord['env'] },
  state: string,
  previousState: string | null,
  reasonCode: string | null,
) {
  engine.changes.emit({
    objectType,
    objectId,
    chargePermissionId: owner.chargePermissionId,
    merchantId: owner.merchantId,
    state,
    previousState,
    reasonCode,
    environment: owner.env,
    at: engine.now(),
  });
}

export function chargePermissionCreated(engine: Engine, record: ChargePermissionRecord): void {
  emit(engine, 'CHARGE_PERMISSION', record.id, cpOwner(record), record.state, null, null);
}

export function setChargePermissionState(
  engine: Engine,
  record: ChargePermissionRecord,
  state: string,
  reasonCode: string,
  reasonDescription: string,
): void {
  const previous = record.state;
  record.state = state;
  record.reasons = [{ reasonCode, reasonDescription }];
  record.updatedAt = engine.now();
  emit(engine, 'CHARGE_PERMISSION', record.id, cpOwner(record), state, previous, reasonCode);
}

function cpOwner(record: ChargePermissionRecord) {
  return { chargePermissionId: record.id, merchantId: record.merchantId, env: record.env };
}

export function chargeCreated(engine: Engine, charge: ChargeRecord): void {
  emit(engine, 'CHARGE', charge.id, charge, charge.status.state, null, charge.status.reasonCode);
}

export function setChargeStatus(
  engine: Engine,
  charge: ChargeRecord,
  state: string,
  reasonCode: string | null,
  reasonDescription: string | null,
): void {
  const previous = charge.status.state;
  charge.status = { state, reasonCode, reasonDescription, updatedAt: engine.now() };
  emit(engine, 'CHARGE', charge.id, charge, state, previous, reasonCode);
}

export function refundCreated(engine: Engine, refund: RefundRecord): void {
  emit(engine, 'REFUND', refund.id, refund, refund.status.state, null, refund.status.reasonCode);
}

export function setRefundStatus(
  engine: Engine,
  refund: RefundRecord,
  state: string,
  reasonCode: string | null,
  reasonDescription: string | null,
): void {
  const previous = refund.status.state;
  refund.status = { state, reasonCode, reasonDescription, updatedAt: engine.now() };
  emit(engine, 'REFUND', refund.id, refund, state, previous, reasonCode);
}

/** Disputes are the chargebacks of the API; their state lives in `statusDetails`. */
export function disputeStateChanged(
  engine: Engine,
  disputeId: string,
  owner: { chargePermissionId: string; merchantId: string; env: ChargeRecord['env'] },
  state: string,
  previousState: string | null,
  reasonCode: string | null,
): void {
  emit(engine, 'CHARGEBACK', disputeId, owner, state, previousState, reasonCode);
}
