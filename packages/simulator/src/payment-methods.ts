/**
 * The simulated payment methods Amazon's sandbox buyer accounts carry, by the card number's last
 * four digits, and what choosing each does (Amazon's "Use Sandbox simulations" page).
 */
export type PaymentScenario =
  | 'Success'
  | 'BuyerCanceled'
  | 'Declined'
  | 'PendingThenAuthorized'
  | 'PendingThenHardDeclined';

/** A sandbox payment method the hosted page offers, and what choosing it does. */
export interface SimulatedPaymentMethod {
  lastDigits: string;
  descriptor: string;
  scenario: PaymentScenario;
  /** Shown on the hosted page. */
  explanation: string;
}

/** The simulated payment methods, as Amazon's sandbox lists them. */
export const PAYMENT_METHODS: readonly SimulatedPaymentMethod[] = [
  { lastDigits: '1111', descriptor: 'Visa ****1111', scenario: 'Success', explanation: 'Happy case' },
  { lastDigits: '0005', descriptor: 'Amex ****0005', scenario: 'Success', explanation: 'Happy case' },
  { lastDigits: '4444', descriptor: 'Mastercard ****4444', scenario: 'Success', explanation: 'Happy case' },
  { lastDigits: '9424', descriptor: 'Discover ****9424', scenario: 'Success', explanation: 'Happy case' },
  { lastDigits: '0000', descriptor: 'JCB ****0000', scenario: 'Success', explanation: 'Happy case' },
  {
    lastDigits: '3064',
    descriptor: 'Visa ****3064 *',
    scenario: 'BuyerCanceled',
    explanation: 'Checkout Session Canceled with BuyerCanceled when the buyer returns',
  },
  {
    lastDigits: '3434',
    descriptor: 'Visa ****3434 *',
    scenario: 'Declined',
    explanation: 'Checkout Session Canceled with Declined when the buyer returns',
  },
  {
    lastDigits: '0701',
    descriptor: 'Visa ****0701 *',
    scenario: 'PendingThenAuthorized',
    explanation:
      'Charge AuthorizationInitiated, Authorized after 30 s (needs Authorize + canHandlePendingAuthorization)',
  },
  {
    lastDigits: '4354',
    descriptor: 'Visa ****4354 *',
    scenario: 'PendingThenHardDeclined',
    explanation:
      'Charge AuthorizationInitiated, Declined (HardDeclined) after 30 s (needs Authorize + canHandlePendingAuthorization)',
  },
];

export const DEFAULT_PAYMENT_METHOD = PAYMENT_METHODS[0]!;

/** Accepts the last four digits (`'0701'`) or a descriptor; undefined when unknown. */
export function findPaymentMethod(key: string): SimulatedPaymentMethod | undefined {
  const digits = key.replace(/\D/g, '').slice(-4);
  return PAYMENT_METHODS.find((m) => m.lastDigits === digits);
}

/** How long a pending authorization stays AuthorizationInitiated, in simulated time. */
export const PENDING_AUTHORIZATION_MS = 30_000;
