import type { FieldIssue } from './errors.js';

/** What the client knows about amounts in one currency, checked before anything is sent. */
export interface CurrencyRule {
  /** Decimal places Amazon takes (ISO 4217 minor unit): 0 for JPY, 2 for the others. */
  readonly decimals: number;
  /**
   * Largest amount of one transaction, as a decimal string, when Amazon documents it; `undefined`
   * where no limit is documented (the presentment-only currencies): Amazon then decides.
   */
  readonly maxAmount: string | undefined;
}

/**
 * Amazon Pay's currencies: the four ledger currencies (USD, EUR, GBP, JPY) and the presentment
 * currencies of multi-currency merchants in the EU and UK (AUD, CHF, DKK, HKD, NOK, NZD, SEK, ZAR),
 * as the official SDKs list them. Decimals are ISO 4217 minor units. Maximums are the per-transaction
 * limits in Amazon's API reference for Charge/Checkout Session amounts (US $150,000, UK £150,000,
 * EU €150,000, JP ¥10,000,000); Amazon documents none for presentment currencies, so none is enforced.
 */
export const CURRENCY_RULES: Readonly<Record<string, CurrencyRule>> = {
  USD: { decimals: 2, maxAmount: '150000' },
  EUR: { decimals: 2, maxAmount: '150000' },
  GBP: { decimals: 2, maxAmount: '150000' },
  JPY: { decimals: 0, maxAmount: '10000000' },
  AUD: { decimals: 2, maxAmount: undefined },
  CHF: { decimals: 2, maxAmount: undefined },
  DKK: { decimals: 2, maxAmount: undefined },
  HKD: { decimals: 2, maxAmount: undefined },
  NOK: { decimals: 2, maxAmount: undefined },
  NZD: { decimals: 2, maxAmount: undefined },
  SEK: { decimals: 2, maxAmount: undefined },
  ZAR: { decimals: 2, maxAmount: undefined },
};

/**
 * Amounts that move money and so must be above zero, by operation and field. Other amounts
 * (order totals, recurring metadata, checkout session amounts of setup-only flows) may be 0.
 */
export const POSITIVE_AMOUNT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  createCharge: ['chargeAmount'],
  captureCharge: ['captureAmount'],
  createRefund: ['refundAmount'],
  instoreCharge: ['chargeTotal'],
  instoreRefund: ['refundTotal'],
};

/**
 * Issues with the amounts of a request body that Amazon would refuse anyway: a number that
 * JSON writes in exponent form (`1e+21`), more decimals than the currency has, above the
 * currency's per-transaction maximum, or zero where money moves. Every `{ amount, currencyCode }`
 * object in the body is checked; currencies without a rule are left to the schema and to Amazon.
 */
export function checkAmounts(operationId: string, body: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const positive = new Set(POSITIVE_AMOUNT_FIELDS[operationId] ?? []);
  visit(body, [], (price, path) => {
    const issue = checkPrice(price, positive.has(path.join('.')));
    if (issue) issues.push({ path: [...path, 'amount'].join('.'), message: issue });
  });
  return issues;
}

/** One `{ amount, currencyCode }`: a message when Amazon would refuse it, else undefined. */
export function checkPrice(price: { amount: unknown; currencyCode: unknown }, mustBePositive = false) {
  const { amount, currencyCode } = price;
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return `${amount} is not an amount`;
    text = JSON.stringify(amount);
    if (/e/i.test(text)) {
      return `${amount} would be sent as ${text} (exponent form), which Amazon does not read as an amount; pass a decimal string`;
    }
  } else if (typeof amount === 'string') text = amount;
  else return undefined;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined; // the schema names malformed strings
  const [, whole = '', fraction = ''] = match;
  const rule = typeof currencyCode === 'string' ? CURRENCY_RULES[currencyCode] : undefined;
  // Decimals count as written: Amazon refuses JPY "705.00" (InvalidParameterValue), not only "705.5".
  if (rule && fraction.length > rule.decimals) {
    return rule.decimals === 0
      ? `${currencyCode} has no minor unit: ${text} must be a whole number`
      : `${currencyCode} takes at most ${rule.decimals} decimals, not ${text}`;
  }
  const minor = toMinor(whole, fraction, 2);
  if (mustBePositive && minor === 0n) return 'must be greater than 0';
  if (rule?.maxAmount !== undefined && minor > toMinor(rule.maxAmount, '', 2)) {
    return `${text} ${currencyCode} is above Amazon's per-transaction maximum of ${rule.maxAmount} ${currencyCode}`;
  }
  return undefined;
}

function toMinor(whole: string, fraction: string, digits: number): bigint {
  return (
    BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits)) +
    (fraction.slice(digits).replace(/0/g, '') ? 1n : 0n)
  );
}

function visit(
  value: unknown,
  path: string[],
  onPrice: (price: { amount: unknown; currencyCode: unknown }, path: string[]) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(item, [...path, String(index)], onPrice);
    return;
  }
  const record = value as Record<string, unknown>;
  if ('amount' in record && 'currencyCode' in record) onPrice(record as never, path);
  for (const [key, inner] of Object.entries(record)) visit(inner, [...path, key], onPrice);
}
