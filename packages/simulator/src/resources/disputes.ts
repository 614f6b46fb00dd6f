import type { Dispute, DisputeStatusDetailsInput, Evidence, EvidenceInput } from '@amazon-pay-ts/types';
import { amazonTimestamp, parseTimestamp } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { formatPrice, parsePrice } from '../money.js';
import { ownRecord } from '../ownership.js';
import type { ChargeRecord } from '../store.js';
import { disputeStateChanged } from '../transitions.js';
import { getChargeRecord } from './charge.js';

/**
 * Disputes (filed by payment service providers): UnderReview / ActionRequired → Resolved → Closed.
 * Contesting needs ActionRequired; evidence may cite files uploaded with uploadFile.
 */
function timestamp(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return amazonTimestamp(new Date(value < 1e12 ? value * 1000 : value));
  const date = parseTimestamp(String(value));
  return date ? amazonTimestamp(date) : null;
}

function evidences(
  ctx: { engine: Engine; merchantId: string },
  list: EvidenceInput[] | undefined,
): Evidence[] {
  return (list ?? []).map((e) => {
    // Another merchant's file is cited as one that does not exist.
    if (typeof e.fileId === 'string') ownRecord(ctx.engine.store.files, ctx.merchantId, 'File', e.fileId);
    return { evidenceType: e.evidenceType, fileId: e.fileId ?? null, evidenceText: e.evidenceText ?? null };
  });
}

function find(ctx: { engine: Engine; merchantId: string }, id: string): Dispute {
  const dispute = ctx.engine.store.disputes.get(id);
  const charge = dispute && ctx.engine.store.charges.get(String(dispute.chargeId));
  if (!dispute || charge?.merchantId !== ctx.merchantId) throw ApiError.notFound('Dispute', id);
  return dispute;
}

function applyStatus(engine: Engine, dispute: Dispute, status: DisputeStatusDetailsInput) {
  const previous = dispute.statusDetails?.state ?? null;
  dispute.statusDetails = {
    state: status.state,
    reasonCode: status.reasonCode ?? null,
    reasonDescription: status.reasonDescription ?? null,
    resolution: status.resolution ?? null,
    lastUpdatedTimestamp: amazonTimestamp(engine.now()),
  };
  const charge = engine.store.charges.get(String(dispute.chargeId)) as ChargeRecord;
  if (previous !== status.state) {
    disputeStateChanged(engine, dispute.disputeId, charge, status.state, previous, status.reasonCode ?? null);
  }
}

export const disputeHandlers = {
  createDispute(ctx) {
    const body = ctx.body;
    const charge = getChargeRecord(ctx.engine, body.chargeId, ctx.merchantId);
    const amount = parsePrice(body.disputeAmount, 'disputeAmount');
    const dispute: Dispute = {
      disputeId: `${charge.id}-D${ctx.engine.ids.numericId(6)}`,
      chargeId: charge.id,
      releaseEnvironment: charge.env,
      // Amazon's Dispute object: disputeType "currently only supports Chargeback".
      disputeType: 'Chargeback',
      disputeAmount: formatPrice(amount),
      filingReason: body.filingReason,
      filingTimestamp: timestamp(body.filingTimestamp),
      merchantEvidences: [],
      merchantResponseDeadline: timestamp(body.merchantResponseDeadline),
      resolutionAuthority: 'Amazon',
      providerMetadata: { providerDisputeId: body.providerMetadata.providerDisputeId ?? null },
      creationTimestamp: amazonTimestamp(ctx.engine.now()),
      closureTimestamp: null,
    };
    applyStatus(ctx.engine, dispute, body.statusDetails);
    ctx.engine.store.disputes.set(dispute.disputeId, dispute);
    return dispute;
  },

  getDispute(ctx) {
    return find(ctx, ctx.params.disputeId);
  },

  updateDispute(ctx) {
    const dispute = find(ctx, ctx.params.disputeId);
    if (dispute.statusDetails?.state === 'Closed') {
      throw ApiError.invalidState('InvalidDisputeStatus', `Dispute ${dispute.disputeId} is Closed.`);
    }
    const added = evidences(ctx, ctx.body.merchantEvidences);
    const closure = timestamp(ctx.body.closureTimestamp);
    applyStatus(ctx.engine, dispute, ctx.body.statusDetails);
    dispute.merchantEvidences = [...(dispute.merchantEvidences ?? []), ...added];
    if (closure) dispute.closureTimestamp = closure;
    return dispute;
  },

  contestDispute(ctx) {
    const dispute = find(ctx, ctx.params.disputeId);
    const state = dispute.statusDetails?.state;
    if (state !== 'ActionRequired') {
      throw ApiError.invalidState(
        'InvalidDisputeStatus',
        `Dispute ${dispute.disputeId} is ${String(state)}; it can be contested only while ActionRequired.`,
      );
    }
    dispute.merchantEvidences = [
      ...(dispute.merchantEvidences ?? []),
      ...evidences(ctx, ctx.body.merchantEvidences),
    ];
    applyStatus(ctx.engine, dispute, { state: 'UnderReview' });
    return dispute;
  },
} satisfies Partial<HandlerTable>;
