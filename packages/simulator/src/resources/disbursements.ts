import type { Disbursement, GetDisbursementsResponse } from '@amazon-pay-ts/types';
import { amazonTimestamp, DAY, parseTimestamp } from '../clock.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { formatPrice, money } from '../money.js';

/**
 * Disbursements: one payout per simulated day and currency with captures net of refunds, derived
 * from the simulated transactions in [startTime, endTime].
 */
export const disbursementHandlers = {
  getDisbursements(ctx) {
    const q = ctx.query;
    const start = parseTimestamp(q.get('startTime') ?? '');
    const end = parseTimestamp(q.get('endTime') ?? '') ?? ctx.engine.now();
    if (!start) throw ApiError.missingParameter('startTime');
    const byDay = new Map<string, bigint>();
    for (const entry of ctx.engine.store.ledger) {
      if (entry.merchantId !== ctx.merchantId) continue;
      if (entry.postedAt < start || entry.postedAt > end) continue;
      const day = Math.floor(entry.postedAt.getTime() / DAY);
      const key = `${day}|${entry.amount.currencyCode}`;
      const signed = entry.type === 'Refund' ? -entry.amount.minor : entry.amount.minor;
      byDay.set(key, (byDay.get(key) ?? 0n) + signed);
    }
    const all = [...byDay.entries()].map(([key, minor]): Disbursement => {
      const [day, currency] = key.split('|') as [string, string];
      const price = formatPrice(money(minor, currency));
      return {
        sellerId: null,
        settlementId: `${day}${currency}`,
        amazonDisbursementReferenceId: `AMZN${day}${currency}`,
        amount: price.amount,
        currencyCode: currency,
        transactionTime: amazonTimestamp(new Date((Number(day) + 1) * DAY)),
      };
    });
    const pageSize = Math.min(Math.max(Number(q.get('pageSize') ?? 100) || 100, 1), 100);
    const offset = Number(q.get('nextToken') ?? 0) || 0;
    const page: GetDisbursementsResponse = {
      disbursements: all.slice(offset, offset + pageSize),
      nextToken: offset + pageSize < all.length ? String(offset + pageSize) : null,
    };
    return page;
  },
} satisfies Partial<HandlerTable>;
