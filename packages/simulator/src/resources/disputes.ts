import { amazonTimestamp, parseTimestamp } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { formatPrice, parsePrice } from '../money.js';
import { ownRecord } from '../ownership.js';
import type { ChargeRecord, Json } from '../store.js';
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

function evidences(ctx: { engine: Engine; merchantId: string }, list: unknown): Json[] {
  return ((list as Json[] | undefined) ?? []).map((e) => {
    // Another merchant's file is cited as one that does not exist.
    if (typeof e.fileId === 'string') ownRecord(ctx.engine.store.files, ctx.merchantId, 'File', e.fileId);
    return { evidenceType: e.evidenceType, fileId: e.fileId ?? null, evidenceText: e.evidenceText ?? null };
  });
}

function find(ctx: { engine: Engine; merchantId: string }, id: string): Json {
  const dispute = ctx.engine.store.disputes.get(id);
  const charge = dispute && ctx.engine.store.charges.get(String(dispute.chargeId));
  if (!dispute || charge?.merchantId !== ctx.merchantId) throw ApiError.notFound('Dispute', id);
  return dispute;
}

function applyStatus(engine: Engine, dispute: Json, status: Json) {
  const previous = ((dispute.statusDetails as Json | undefined)?.state as string | undefined) ?? null;
  const now = engine.now();
  dispute.statusDetails = {
    state: status.state,
    reasonCode: status.reasonCode ?? null,
    reasonDescription: status.reasonDescription ?? null,
    resolution: status.resolution ?? null,
    lastUpdatedTimestamp: amazonTimestamp(now),
  };
  const charge = engine.store.charges.get(String(dispute.chargeId)) as ChargeRecord;
  if (previous !== status.state) {
    disputeStateChanged(
      engine,
      String(dispute.disputeId),
      charge,
      String(status.state),
      previous,
      (status.reasonCode as string | null | undefined) ?? null,
    );
  }
}

export const disputeHandlers: HandlerTable = {
  createDispute(ctx) {
    const charge = getChargeRecord(ctx.engine, String(ctx.body.chargeId), ctx.merchantId);
    const amount = parsePrice(ctx.body.disputeAmount, 'disputeAmount');
    const now = ctx.engine.now();
    const dispute: Json = {
      disputeId: `${charge.id}-D${ctx.engine.ids.numericId(6)}`,
      chargeId: charge.id,
      releaseEnvironment: charge.env,
      disputeType: 'Claim',
      disputeAmount: formatPrice(amount),
      filingReason: ctx.body.filingReason,
      filingTimestamp: timestamp(ctx.body.filingTimestamp),
      merchantEvidences: [],
      merchantResponseDeadline: timestamp(ctx.body.merchantResponseDeadline),
      resolutionAuthority: 'Amazon',
      providerMetadata: { providerDisputeId: (ctx.body.providerMetadata as Json).providerDisputeId ?? null },
      creationTimestamp: amazonTimestamp(now),
      closureTimestamp: null,
    };
    applyStatus(ctx.engine, dispute, ctx.body.statusDetails as Json);
    ctx.engine.store.disputes.set(dispute.disputeId as string, dispute);
    return { body: dispute };
  },

  getDispute(ctx) {
    return { body: find(ctx, ctx.params.disputeId!) };
  },

  updateDispute(ctx) {
    const dispute = find(ctx, ctx.params.disputeId!);
    if ((dispute.statusDetails as Json).state === 'Closed') {
      throw ApiError.invalidState('InvalidDisputeStatus', `Dispute ${String(dispute.disputeId)} is Closed.`);
    }
    const added = ctx.body.merchantEvidences ? evidences(ctx, ctx.body.merchantEvidences) : [];
    const closure = timestamp(ctx.body.closureTimestamp);
    applyStatus(ctx.engine, dispute, ctx.body.statusDetails as Json);
    dispute.merchantEvidences = [...(dispute.merchantEvidences as Json[]), ...added];
    if (closure) dispute.closureTimestamp = closure;
    return { body: dispute };
  },

  contestDispute(ctx) {
    const dispute = find(ctx, ctx.params.disputeId!);
    const state = (dispute.statusDetails as Json).state;
    if (state !== 'ActionRequired') {
      throw ApiError.invalidState(
        'InvalidDisputeStatus',
        `Dispute ${String(dispute.disputeId)} is ${String(state)}; it can be contested only while ActionRequired.`,
      );
    }
    dispute.merchantEvidences = [
      ...(dispute.merchantEvidences as Json[]),
      ...evidences(ctx, ctx.body.merchantEvidences),
    ];
    applyStatus(ctx.engine, dispute, { state: 'UnderReview', reasonCode: null });
    return { body: dispute };
  },
};
