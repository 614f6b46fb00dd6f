import type { Refund } from '@amazon-pay-ts/types';
import { amazonTimestamp } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { refundId } from '../ids.js';
import {
  add,
  assertSameCurrency,
  formatPrice,
  overChargeTolerance,
  parsePrice,
  show,
  zero,
} from '../money.js';
import { ownEntry } from '../ownership.js';
import type { RefundRecord } from '../store.js';
import { refundCreated, setRefundStatus } from '../transitions.js';
import { getChargeRecord } from './charge.js';
import { getChargePermission } from './charge-permission.js';

/**
 * Refund: RefundInitiated → Refunded, or Declined. Amazon processes refunds asynchronously; the
 * simulator settles them after REFUND_PROCESSING_MS of simulated time.
 */
export const REFUND_PROCESSING_MS = 30_000;
/** Amazon accepts at most 10 refunds per charge. */
const MAX_REFUNDS_PER_CHARGE = 10;

export function refundView(r: RefundRecord) {
  return {
    refundId: r.id,
    chargeId: r.chargeId,
    refundAmount: formatPrice(r.amount),
    softDescriptor: r.softDescriptor,
    creationTimestamp: amazonTimestamp(r.createdAt),
    statusDetails: {
      state: r.status.state,
      reasonCode: r.status.reasonCode,
      reasonDescription: r.status.reasonDescription,
      lastUpdatedTimestamp: amazonTimestamp(r.status.updatedAt),
    },
    releaseEnvironment: r.env,
  } satisfies Refund;
}

/** What a refund request carries, from createRefund or an in-store refund. */
export interface RefundInput {
  chargeId: string;
  refundAmount: unknown;
  softDescriptor?: string | undefined;
}

/**
 * Refunds a captured charge of `merchantId`'s within Amazon's limits; the refund settles (or, with
 * the `RefundDeclined` simulation code, is declined) after REFUND_PROCESSING_MS.
 */
export function issueRefund(
  engine: Engine,
  merchantId: string,
  input: RefundInput,
  simulationCode: string | null,
): RefundRecord {
  const charge = getChargeRecord(engine, input.chargeId, merchantId);
  if (charge.status.state !== 'Captured' || !charge.captured) {
    throw ApiError.invalidState(
      'InvalidChargeStatus',
      `Charge ${charge.id} is ${charge.status.state}; only a Captured charge can be refunded.`,
    );
  }
  const amount = parsePrice(input.refundAmount, 'refundAmount');
  assertSameCurrency(charge.amount.currencyCode, amount, 'refundAmount');
  const existing = [...engine.store.refunds.values()].filter(
    (r) => r.chargeId === charge.id && r.status.state !== 'Declined',
  );
  if (existing.length >= MAX_REFUNDS_PER_CHARGE) {
    throw new ApiError(
      400,
      'TransactionCountExceeded',
      `Charge ${charge.id} already has ${existing.length} refunds; Amazon allows at most ${MAX_REFUNDS_PER_CHARGE}.`,
    );
  }
  const already = existing.reduce((sum, r) => add(sum, r.amount), zero(amount.currencyCode));
  // Amazon lets refunds exceed the captured amount by 15% or 75 USD/EUR/GBP (8,400 JPY),
  // whichever is less (pay.amazon.com/help/201212360, "Issuing a refund").
  const extra = overChargeTolerance(charge.captured);
  const limit = add(charge.captured, extra);
  if (already.minor + amount.minor > limit.minor) {
    throw new ApiError(
      400,
      'TransactionAmountExceeded',
      `refundAmount ${show(amount)} plus earlier refunds ${show(already)} exceeds the most Amazon refunds for this charge, ${show(limit)} (captured ${show(charge.captured)} plus ${show(extra)}: 15% or 75 USD/EUR/GBP / 8,400 JPY, whichever is less).`,
    );
  }
  const cp = getChargePermission(engine, charge.chargePermissionId, null);
  cp.refundSequence += 1;
  const now = engine.now();
  const refund: RefundRecord = {
    id: refundId(cp.id, cp.refundSequence),
    chargeId: charge.id,
    chargePermissionId: cp.id,
    merchantId: charge.merchantId,
    env: charge.env,
    amount,
    softDescriptor: input.softDescriptor ?? null,
    status: { state: 'RefundInitiated', reasonCode: null, reasonDescription: null, updatedAt: now },
    createdAt: now,
  };
  engine.store.refunds.set(refund.id, refund);
  refundCreated(engine, refund);
  const declined = simulationCode === 'RefundDeclined';
  engine.schedule(new Date(now.getTime() + REFUND_PROCESSING_MS), () => {
    if (refund.status.state !== 'RefundInitiated') return;
    if (declined) {
      setRefundStatus(
        engine,
        refund,
        'Declined',
        'AmazonRejected',
        'Amazon declined the refund (simulated with RefundDeclined).',
      );
      return;
    }
    setRefundStatus(engine, refund, 'Refunded', null, null);
    charge.refunded = add(charge.refunded, amount);
    engine.store.ledger.push({
      id: engine.ids.numericId(12),
      type: 'Refund',
      merchantId: charge.merchantId,
      chargePermissionId: cp.id,
      chargeId: charge.id,
      amount,
      postedAt: engine.now(),
      merchantReferenceId: (cp.merchantMetadata?.merchantReferenceId as string | undefined) ?? null,
    });
  });
  return refund;
}

export const refundHandlers = {
  createRefund(ctx) {
    return refundView(issueRefund(ctx.engine, ctx.merchantId, ctx.body, ctx.simulationCode));
  },

  getRefund(ctx) {
    const refund = ownEntry(ctx.engine.store.refunds, ctx.params.refundId, ctx.merchantId, 'Refund');
    return refundView(refund);
  },
} satisfies Partial<HandlerTable>;
