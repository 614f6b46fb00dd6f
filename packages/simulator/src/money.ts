import { ApiError } from './errors.js';

/** An amount in the currency's minor unit (cents; yen have none), so arithmetic stays exact. */
export interface Money {
  minor: bigint;
  currencyCode: string;
}

/**
 * Decimals each currency Amazon Pay charges or presents allows (ISO 4217 minor units): Amazon
 * refuses more with InvalidParameterValue (`"705.00"` JPY). Decimals count as written.
 */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
  AUD: 2,
  CHF: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  JPY: 0,
  NOK: 2,
  NZD: 2,
  SEK: 2,
  USD: 2,
  ZAR: 2,
};

/**
 * Amazon's documented per-transaction maximum for the ledger currencies (Charge and Checkout
 * Session amounts: 150,000 USD/EUR/GBP, 10,000,000 JPY); none is documented for presentment-only
 * currencies. The client checks the same limits before sending.
 */
export const CURRENCY_MAXIMUM: Readonly<Record<string, bigint>> = {
  USD: 15_000_000n,
  EUR: 15_000_000n,
  GBP: 15_000_000n,
  JPY: 10_000_000n,
};

export function exponent(currencyCode: string): number {
  return CURRENCY_DECIMALS[currencyCode] ?? 2;
}

/** Reads a request price (`{amount: "14.00" | 14, currencyCode}`) naming `field` in errors. */
export function parsePrice(price: unknown, field: string): Money {
  if (!price || typeof price !== 'object') throw ApiError.missingParameter(field);
  const { amount, currencyCode } = price as { amount?: unknown; currencyCode?: unknown };
  if (typeof currencyCode !== 'string' || currencyCode === '')
    throw ApiError.missingParameter(`${field}.currencyCode`);
  if (amount === undefined || amount === null || amount === '')
    throw ApiError.missingParameter(`${field}.amount`);
  const text = typeof amount === 'number' ? String(amount) : String(amount);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  const digits = exponent(currencyCode);
  if (!match || (match[2]?.length ?? 0) > digits) {
    throw ApiError.invalidParameter(
      `${field}.amount`,
      text,
      digits === 0 ? `${currencyCode} amounts have no decimals` : `at most ${digits} decimals`,
    );
  }
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  const minor = BigInt(match[1]! + fraction);
  const maximum = CURRENCY_MAXIMUM[currencyCode];
  if (maximum !== undefined && minor > maximum) {
    throw ApiError.invalidParameter(
      `${field}.amount`,
      text,
      `above Amazon's per-transaction maximum of ${show({ minor: maximum, currencyCode })}`,
    );
  }
  return { minor, currencyCode };
}

export function formatPrice(money: Money): { amount: string; currencyCode: string } {
  const digits = exponent(money.currencyCode);
  const text = money.minor.toString();
  if (digits === 0) return { amount: text, currencyCode: money.currencyCode };
  const padded = text.padStart(digits + 1, '0');
  return {
    amount: `${padded.slice(0, -digits)}.${padded.slice(-digits)}`,
    currencyCode: money.currencyCode,
  };
}

export function money(minor: bigint | number, currencyCode: string): Money {
  return { minor: BigInt(minor), currencyCode };
}

export function add(a: Money, b: Money): Money {
  return { minor: a.minor + b.minor, currencyCode: a.currencyCode };
}

export function sub(a: Money, b: Money): Money {
  return { minor: a.minor - b.minor, currencyCode: a.currencyCode };
}

export function zero(currencyCode: string): Money {
  return { minor: 0n, currencyCode };
}

/**
 * Amazon lets a merchant charge up to 15% over the order amount, capped at 75 USD/EUR/GBP
 * (8,400 JPY), whichever is less.
 */
export function overChargeTolerance(base: Money): Money {
  const fifteenPercent = (base.minor * 15n) / 100n;
  const cap = base.currencyCode === 'JPY' ? 8400n : 7500n;
  return { minor: fifteenPercent < cap ? fifteenPercent : cap, currencyCode: base.currencyCode };
}

/** With `allowOvercharge`, Amazon raises the limit to 900% of the order or 500 USD/EUR/GBP (70,000 JPY), whichever is more. */
export function allowOverchargeLimit(base: Money): Money {
  const ninefold = base.minor * 9n;
  const floor = base.currencyCode === 'JPY' ? 70000n : 50000n;
  return { minor: ninefold > floor ? ninefold : floor, currencyCode: base.currencyCode };
}

export function assertSameCurrency(expected: string, actual: Money, field: string): void {
  if (expected !== actual.currencyCode) {
    throw new ApiError(
      400,
      'CurrencyMismatch',
      `${field}.currencyCode is ${actual.currencyCode} but this transaction is in ${expected}.`,
    );
  }
}

export function show(m: Money): string {
  const p = formatPrice(m);
  return `${p.amount} ${p.currencyCode}`;
}
