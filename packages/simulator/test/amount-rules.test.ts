import { CURRENCY_RULES, checkPrice } from '@amazon-pay-ts/client/fetch';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.js';
import { CURRENCY_DECIMALS, parsePrice } from '../src/money.js';

/** The client refuses before the network exactly the amounts the simulator refuses, and no others. */
const amounts: (string | number)[] = [
  '0',
  '1',
  '1.0',
  '1.00',
  '1.05',
  '1.050',
  '1.5',
  '705',
  '705.00',
  '150000',
  '150000.00',
  '150000.01',
  '10000000',
  '10000001',
  1.5,
  705,
  150000.01,
  10000001,
];

function simulatorAccepts(amount: string | number, currencyCode: string): boolean {
  try {
    parsePrice({ amount, currencyCode }, 'chargeAmount');
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.reasonCode).toBe('InvalidParameterValue');
    return false;
  }
}

describe('amount rules: simulator and client agree', () => {
  it('know the same currencies and decimals', () => {
    expect(Object.keys(CURRENCY_DECIMALS).sort()).toEqual(Object.keys(CURRENCY_RULES).sort());
    for (const [code, rule] of Object.entries(CURRENCY_RULES))
      expect(CURRENCY_DECIMALS[code], code).toBe(rule.decimals);
  });

  it('accept and refuse the same amounts in every currency', () => {
    for (const currencyCode of Object.keys(CURRENCY_RULES)) {
      for (const amount of amounts) {
        const client = checkPrice({ amount, currencyCode }) === undefined;
        expect(simulatorAccepts(amount, currencyCode), `${JSON.stringify(amount)} ${currencyCode}`).toBe(
          client,
        );
      }
    }
  });

  it('refuse JPY "705.00", as Amazon does', () => {
    expect(checkPrice({ amount: '705.00', currencyCode: 'JPY' })).toBeDefined();
    expect(simulatorAccepts('705.00', 'JPY')).toBe(false);
  });
});
