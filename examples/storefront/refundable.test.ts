import { describe, expect, it } from 'vitest';
import { type Order, refundAmountIssue, refundable } from './orders.js';

const order = (amount: string, currencyCode: Order['currencyCode'], refunds: Order['refunds'] = []) =>
  ({ id: 'ORD-1', amount, currencyCode, refunds }) as Order;

describe('refundable amount', () => {
  it('is the amount less every refund Amazon did not decline, in whole minor units', () => {
    const refunds = [
      { refundId: 'R1', amount: '0.10', state: 'Refunded' },
      { refundId: 'R2', amount: '0.20', state: 'RefundInitiated' },
      { refundId: 'R3', amount: '5.00', state: 'Declined' },
    ];
    expect(refundable(order('19.99', 'USD', refunds))).toBe('19.69');
    expect(refundable(order('2500', 'JPY', [{ refundId: 'R1', amount: '500', state: 'Refunded' }]))).toBe(
      '2000',
    );
  });

  it('refuses more than is left, and leaves the format to the client', () => {
    const partly = order('19.99', 'USD', [{ refundId: 'R1', amount: '10.00', state: 'Refunded' }]);
    expect(refundAmountIssue(partly, '9.99')).toBeUndefined();
    expect(refundAmountIssue(partly, '10.00')).toBe(
      'cannot refund 10.00 USD of order ORD-1: only 9.99 USD is left to refund',
    );
    expect(refundAmountIssue(partly, 'ten')).toBeUndefined();
  });
});
