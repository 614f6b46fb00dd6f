import type { Engine } from './engine.js';
import { DEFAULT_PAYMENT_METHOD, type SimulatedPaymentMethod } from './payment-methods.js';
import { constraints, redirectUrl } from './resources/checkout-session.js';
import { sandboxAddress, sandboxBuyer, toAddressRecord } from './sandbox-data.js';
import type { AddressRecord, BuyerProfile, CheckoutSessionRecord, Json } from './store.js';
import {
  checkoutSessionPaymentMethodChanged,
  checkoutSessionProcessed,
  checkoutSessionSignedIn,
  setCheckoutSessionStatus,
} from './transitions.js';

/**
 * What the simulated buyer does on Amazon's pages: sign in and choose, confirm payment, cancel.
 * The hosted pages, `sim.approve` and the control plane all act through these, and these change
 * state only through transitions.ts; each refuses what a buyer could not do with a BuyerActionError.
 */

/** Thrown when the simulated buyer cannot do what was asked (hosted page, `sim.approve`, control plane). */
export class BuyerActionError extends Error {
  /** Says why the simulated buyer cannot take the action. */
  constructor(message: string) {
    super(message);
    this.name = 'BuyerActionError';
  }
}

/** The buyer's choices when signing in; what is left out is the sandbox buyer's default. */
export interface ApproveOptions {
  buyer?: Partial<BuyerProfile>;
  shippingAddress?: Partial<AddressRecord>;
  billingAddress?: Partial<AddressRecord>;
  /** A simulated payment method's last four digits (`'0701'`) or the method itself. */
  paymentMethod?: SimulatedPaymentMethod;
}

/** The buyer signs in and picks an address and a payment method. */
export function signIn(engine: Engine, record: CheckoutSessionRecord, opts: ApproveOptions): void {
  if (record.status.state !== 'Open') {
    throw new BuyerActionError(
      `Checkout session ${record.id} is ${record.status.state}; the buyer cannot sign in.`,
    );
  }
  const addressDetails = record.fields.addressDetails as Json | undefined;
  checkoutSessionSignedIn(engine, record, {
    buyer: { ...(record.buyer ?? sandboxBuyer(engine.ids)), ...opts.buyer },
    // A merchant-given address (addressDetails) is where the order ships, whatever the buyer's book says.
    shippingAddress: addressDetails
      ? toAddressRecord(addressDetails)
      : sandboxAddress(record.region, opts.shippingAddress),
    billingAddress: sandboxAddress(record.region, opts.billingAddress ?? opts.shippingAddress),
    paymentMethod: opts.paymentMethod ?? record.paymentMethod ?? DEFAULT_PAYMENT_METHOD,
  });
}

/** The buyer confirms at amazonPayRedirectUrl; the chosen payment method decides the outcome. */
export function processPayment(
  engine: Engine,
  record: CheckoutSessionRecord,
  method?: SimulatedPaymentMethod,
): void {
  if (record.status.state !== 'Open') {
    throw new BuyerActionError(
      `Checkout session ${record.id} is ${record.status.state}; there is nothing to pay.`,
    );
  }
  const missing = constraints(record).filter((c) => c.constraintId !== 'BuyerNotAssociated');
  if (missing.length > 0) {
    throw new BuyerActionError(
      `Checkout session ${record.id} still has constraints ${missing.map((c) => c.constraintId).join(', ')}; update the session first.`,
    );
  }
  const chosen = method ?? record.paymentMethod ?? DEFAULT_PAYMENT_METHOD;
  const p = (record.fields.paymentDetails ?? {}) as Json;
  if (chosen.scenario === 'PendingThenAuthorized' || chosen.scenario === 'PendingThenHardDeclined') {
    if (p.paymentIntent !== 'Authorize' || p.canHandlePendingAuthorization !== true) {
      throw new BuyerActionError(
        `Payment method ${chosen.descriptor} simulates a pending authorization: set paymentDetails.paymentIntent to Authorize and canHandlePendingAuthorization to true first.`,
      );
    }
  }
  if (method) checkoutSessionPaymentMethodChanged(engine, record, method);
  if (chosen.scenario === 'BuyerCanceled')
    setCheckoutSessionStatus(engine, record, 'Canceled', 'BuyerCanceled', 'The buyer canceled the checkout.');
  else if (chosen.scenario === 'Declined')
    setCheckoutSessionStatus(engine, record, 'Canceled', 'Declined', 'The payment was declined.');
  checkoutSessionProcessed(engine, record);
}

/**
 * The buyer cancels. On the sign-in page the session stays Open (the buyer is back on the merchant's
 * page); on the payment page it is Canceled with BuyerCanceled, which the merchant learns on return.
 */
export function cancelCheckout(
  engine: Engine,
  record: CheckoutSessionRecord,
  page: 'sign-in' | 'payment',
): void {
  if (page === 'payment' && record.status.state === 'Open') {
    setCheckoutSessionStatus(engine, record, 'Canceled', 'BuyerCanceled', 'The buyer canceled the checkout.');
  }
}

/** Whether the buyer has signed in and the session now waits for the buyer to confirm payment. */
export function isAwaitingPayment(engine: Engine, record: CheckoutSessionRecord): boolean {
  return (
    record.status.state === 'Open' &&
    !!record.buyer &&
    !record.processed &&
    redirectUrl(engine, record) !== null
  );
}

/** What `sim.approve` and the control plane do: sign in if needed, then pay if the session allows it. */
export function approve(engine: Engine, record: CheckoutSessionRecord, opts: ApproveOptions = {}): void {
  if (!record.buyer) signIn(engine, record, opts);
  else if (opts.paymentMethod) checkoutSessionPaymentMethodChanged(engine, record, opts.paymentMethod);
  if (!record.processed && redirectUrl(engine, record)) processPayment(engine, record);
}
