import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { allowOverchargeLimit, formatPrice, money, overChargeTolerance, parsePrice } from './money.js';

describe('money', () => {
  it('reads strings and numbers exactly, in minor units', () => {
    expect(parsePrice({ amount: '14.00', currencyCode: 'USD' }, 'p').minor).toBe(1400n);
    expect(parsePrice({ amount: 14.5, currencyCode: 'EUR' }, 'p').minor).toBe(1450n);
    expect(parsePrice({ amount: '500', currencyCode: 'JPY' }, 'p').minor).toBe(500n);
    expect(parsePrice({ amount: '0.1', currencyCode: 'USD' }, 'p').minor).toBe(10n);
  });

  it('names the field of a bad amount', () => {
    expect(() => parsePrice({ amount: '1.001', currencyCode: 'USD' }, 'chargeAmount')).toThrow(
      /chargeAmount\.amount/,
    );
    expect(() => parsePrice({ amount: '1.5', currencyCode: 'JPY' }, 'x')).toThrow(
      /JPY amounts have no decimals/,
    );
    expect(() => parsePrice({ currencyCode: 'USD' }, 'refundAmount')).toThrow(ApiError);
    try {
      parsePrice(undefined, 'captureAmount');
    } catch (error) {
      expect(error).toMatchObject({ reasonCode: 'MissingParameterValue', status: 400 });
    }
  });

  it('writes amounts the way Amazon does', () => {
    expect(formatPrice(money(1400, 'USD'))).toEqual({ amount: '14.00', currencyCode: 'USD' });
    expect(formatPrice(money(5, 'EUR'))).toEqual({ amount: '0.05', currencyCode: 'EUR' });
    expect(formatPrice(money(500, 'JPY'))).toEqual({ amount: '500', currencyCode: 'JPY' });
  });

  it('over-charge tolerance: 15%, at most 75 USD/EUR/GBP or 8,400 JPY', () => {
    expect(overChargeTolerance(money(10000, 'USD')).minor).toBe(1500n);
    expect(overChargeTolerance(money(100000, 'EUR')).minor).toBe(7500n);
    expect(overChargeTolerance(money(100000, 'JPY')).minor).toBe(8400n);
    expect(overChargeTolerance(money(10000, 'JPY')).minor).toBe(1500n);
  });

  it('allowOvercharge: 900% or 500 USD (70,000 JPY), whichever is more', () => {
    expect(allowOverchargeLimit(money(1000, 'USD')).minor).toBe(50000n);
    expect(allowOverchargeLimit(money(100000, 'USD')).minor).toBe(900000n);
    expect(allowOverchargeLimit(money(1000, 'JPY')).minor).toBe(70000n);
  });
});
