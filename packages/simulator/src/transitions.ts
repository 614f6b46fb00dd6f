import type { Engine } from './engine.js';
import type { StateChangeObjectType } from './events.js';
import type { SimulatedPaymentMethod } from './payment-methods.js';
import type {
  AddressRecord,
  BuyerProfile,
  ChargePermissionRecord,
  ChargeRecord,
  CheckoutSessionRecord,
  RefundRecord,
} from './store.js';

/**
 * The only places where a checkout session, charge permission, charge or refund changes state —
 * from an API request, simulated time, a hosted page or the control plane — so that every change of
 * an object Amazon notifies about reaches the engine's state-change stream.
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

/** A checkout session's status moves (Open → Completed or Canceled); Amazon sends no IPN for it. */
export function setCheckoutSessionStatus(
  engine: Engine,
  record: CheckoutSessionRecord,
  state: 'Open' | 'Completed' | 'Canceled',
  reasonCode: string | null,
  reasonDescription: string | null,
): void {
  record.status = { state, reasonCode, reasonDescription, updatedAt: engine.now() };
}

/** What the buyer chose while signed in on the hosted page (or through the control plane). */
export interface BuyerChoice {
  buyer: BuyerProfile;
  shippingAddress: AddressRecord;
  billingAddress: AddressRecord;
  paymentMethod: SimulatedPaymentMethod;
}

/** The buyer signed in to a checkout session and picked an address and a payment method. */
export function checkoutSessionSignedIn(
  engine: Engine,
  record: CheckoutSessionRecord,
  choice: BuyerChoice,
): void {
  record.buyer = choice.buyer;
  record.shippingAddress = choice.shippingAddress;
  record.billingAddress = choice.billingAddress;
  record.paymentMethod = choice.paymentMethod;
  record.status.updatedAt = engine.now();
}

/** The buyer picked another payment method without signing in again. */
export function checkoutSessionPaymentMethodChanged(
  engine: Engine,
  record: CheckoutSessionRecord,
  paymentMethod: SimulatedPaymentMethod,
): void {
  record.paymentMethod = paymentMethod;
  record.status.updatedAt = engine.now();
}

/** The buyer went through amazonPayRedirectUrl (or finalize ran): complete may proceed. */
export function checkoutSessionProcessed(engine: Engine, record: CheckoutSessionRecord): void {
  record.processed = true;
  record.status.updatedAt = engine.now();
}
