import type { Disbursement, GetDisbursementsResponse } from '@amazon-pay-ts/types';
import { amazonTimestamp, DAY, parseTimestamp } from '../clock.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { formatPrice, money } from '../money.js';
import { pageOf, pageQuery } from '../page-token.js';

/** The query parameters of Get Disbursements a `nextToken` stands for. */
const DISBURSEMENT_QUERY = ['startTime', 'endTime', 'pageSize'];

/**
 * Disbursements: one payout per simulated day and currency with captures net of refunds, derived
 * from the simulated transactions in [startTime, endTime].
 */
export const disbursementHandlers = {
  getDisbursements(ctx) {
    // Later pages: the token, with or without the first page's query (Amazon's PHP and Java SDK
    // samples send startTime, endTime and pageSize beside it); the token carries that query.
    const { query, offset } = pageQuery(ctx.query, DISBURSEMENT_QUERY, false);
    const start = parseTimestamp(query.startTime ?? '');
    const end = parseTimestamp(query.endTime ?? '') ?? ctx.engine.now();
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
    // Amazon documents no default or maximum page size here: 100 and at most 100 are the simulator's.
    const pageSize = Math.min(Math.max(Number(query.pageSize ?? 100) || 100, 1), 100);
    const page = pageOf(all, { query, offset }, pageSize);
    const answer: GetDisbursementsResponse = { disbursements: page.items, nextToken: page.nextToken };
    return answer;
  },
} satisfies Partial<HandlerTable>;
