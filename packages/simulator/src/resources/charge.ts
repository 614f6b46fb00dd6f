import type { Charge } from '@amazon-pay-ts/types';
import { amazonTimestamp, DAY } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { chargeId } from '../ids.js';
import {
  add,
  allowOverchargeLimit,
  assertSameCurrency,
  formatPrice,
  type Money,
  overChargeTolerance,
  parsePrice,
  show,
  zero,
} from '../money.js';
import { ownEntry } from '../ownership.js';
import { type PaymentScenario, PENDING_AUTHORIZATION_MS } from '../payment-methods.js';
import { checkReturnUrls } from '../return-urls.js';
import type { ChargePermissionRecord, ChargeRecord, Json } from '../store.js';
import { chargeCreated, setChargeStatus } from '../transitions.js';
import {
  assertChargeable,
  balance,
  getChargePermission,
  merchantMetadataView,
  renewRecurring,
} from './charge-permission.js';

/**
 * Charge: AuthorizationInitiated → Authorized → CaptureInitiated → Captured, or Declined
 * (HardDeclined, SoftDeclined, AmazonRejected, ProcessingFailure, TransactionTimedOut), or Canceled
 * (MerchantCanceled, ExpiredUnused after 30 days Authorized, AmazonCanceled, ChargePermissionCanceled).
 */
const AUTHORIZATION_LIFETIME_MS = 30 * DAY;
/** Amazon processes captures asynchronously when they come more than 7 days after authorization. */
const ASYNC_CAPTURE_AFTER_MS = 7 * DAY;
const ASYNC_PROCESSING_MS = 30_000;

const DECLINES: Record<string, { status: number; description: string }> = {
  HardDeclined: {
    status: 422,
    description:
      'The charge was hard declined; retrying will not succeed. Ask the buyer for another payment method.',
  },
  SoftDeclined: {
    status: 422,
    description:
      'The charge was soft declined; a retry may succeed, otherwise ask the buyer for another payment method.',
  },
  AmazonRejected: { status: 422, description: 'Amazon rejected the charge.' },
  ProcessingFailure: {
    status: 500,
    description: 'Amazon could not process the charge because of an internal processing error; retry it.',
  },
  TransactionTimedOut: {
    status: 422,
    description: 'The authorization did not complete in time (canHandlePendingAuthorization is false).',
  },
};

export interface AuthorizeOptions {
  captureNow: boolean;
  canHandlePendingAuthorization: boolean;
  simulationCode: string | null;
  scenario: PaymentScenario;
  softDescriptor: string | null;
  merchantMetadata: Json | null;
  providerMetadata: Json | null;
  platformId: string | null;
  channel: string | null;
}

/** The most a charge may be authorized or captured for, given the permission's limit. */
export function assertWithinLimit(engine: Engine, cp: ChargePermissionRecord, amount: Money, field: string) {
  assertSameCurrency(cp.presentmentCurrency, amount, field);
  const left = balance(engine, cp);
  if (left && amount.minor > left.minor) {
    throw new ApiError(
      400,
      'TransactionAmountExceeded',
      `${field} ${show(amount)} exceeds the charge permission's remaining balance ${show(left)} (limit ${show(cp.amountLimit!)}).`,
    );
  }
}

/** The amount limit of a one-time permission: the order amount plus Amazon's tolerance. */
export function oneTimeLimit(orderAmount: Money, allowOvercharge: boolean): Money {
  return allowOvercharge
    ? allowOverchargeLimit(orderAmount)
    : add(orderAmount, overChargeTolerance(orderAmount));
}

/**
 * Creates a charge on `cp`. A declined authorization is recorded (GET shows it Declined) and then
 * answered as an error with the decline's reason code, as Amazon answers Create Charge.
 */
export function authorize(
  engine: Engine,
  cp: ChargePermissionRecord,
  amount: Money,
  opts: AuthorizeOptions,
): ChargeRecord {
  const now = engine.now();
  cp.chargeSequence += 1;
  const charge: ChargeRecord = {
    id: chargeId(cp.id, cp.chargeSequence),
    chargePermissionId: cp.id,
    merchantId: cp.merchantId,
    env: cp.env,
    amount,
    captured: null,
    refunded: zero(amount.currencyCode),
    softDescriptor: opts.softDescriptor,
    merchantMetadata: opts.merchantMetadata ?? cp.merchantMetadata,
    providerMetadata: opts.providerMetadata,
    platformId: opts.platformId ?? cp.platformId,
    channel: opts.channel,
    status: { state: 'AuthorizationInitiated', reasonCode: null, reasonDescription: null, updatedAt: now },
    createdAt: now,
    authorizedAt: null,
    expiresAt: new Date(now.getTime() + AUTHORIZATION_LIFETIME_MS),
  };
  engine.store.charges.set(charge.id, charge);
  chargeCreated(engine, charge);
  renewRecurring(engine, cp);

  const code = opts.simulationCode;
  if (code === 'CaptureInitiated') {
    // Simulated asynchronous capture: CaptureInitiated now, Captured after processing.
    charge.authorizedAt = now;
    charge.captured = amount;
    setChargeStatus(engine, charge, 'CaptureInitiated', null, null);
    engine.schedule(new Date(now.getTime() + ASYNC_PROCESSING_MS), () => {
      if (charge.status.state === 'CaptureInitiated') completeCapture(engine, charge, amount);
    });
    return charge;
  }
  const scenario = code === 'AuthorizationInitiated' ? 'PendingThenAuthorized' : opts.scenario;
  if (code && DECLINES[code]) {
    if (opts.canHandlePendingAuthorization && code !== 'ProcessingFailure') {
      // Pending authorizations decline asynchronously: the merchant learns it from Get Charge.
      engine.schedule(new Date(now.getTime() + PENDING_AUTHORIZATION_MS), () => {
        if (charge.status.state === 'AuthorizationInitiated')
          setChargeStatus(engine, charge, 'Declined', code, DECLINES[code]!.description);
      });
      return charge;
    }
    setChargeStatus(engine, charge, 'Declined', code, DECLINES[code]!.description);
    throw new ApiError(DECLINES[code]!.status, code, `${DECLINES[code]!.description} (charge ${charge.id})`);
  }

  if (scenario === 'PendingThenAuthorized' || scenario === 'PendingThenHardDeclined') {
    engine.schedule(new Date(now.getTime() + PENDING_AUTHORIZATION_MS), () => {
      if (charge.status.state !== 'AuthorizationInitiated') return;
      if (scenario === 'PendingThenHardDeclined') {
        setChargeStatus(engine, charge, 'Declined', 'HardDeclined', DECLINES.HardDeclined!.description);
      } else {
        markAuthorized(engine, charge, opts.captureNow);
      }
    });
    return charge;
  }

  markAuthorized(engine, charge, opts.captureNow);
  return charge;
}

function markAuthorized(engine: Engine, charge: ChargeRecord, captureNow: boolean) {
  charge.authorizedAt = engine.now();
  if (captureNow) {
    completeCapture(engine, charge, charge.amount);
    return;
  }
  setChargeStatus(engine, charge, 'Authorized', null, null);
  engine.schedule(charge.expiresAt, () => {
    if (charge.status.state === 'Authorized') {
      setChargeStatus(
        engine,
        charge,
        'Canceled',
        'ExpiredUnused',
        'The authorization expired 30 days after it was made.',
      );
    }
  });
}

function completeCapture(engine: Engine, charge: ChargeRecord, amount: Money) {
  charge.captured = amount;
  setChargeStatus(engine, charge, 'Captured', null, null);
  const cp = engine.store.chargePermissions.get(charge.chargePermissionId);
  engine.store.ledger.push({
    id: engine.ids.numericId(12),
    type: 'Capture',
    merchantId: charge.merchantId,
    chargePermissionId: charge.chargePermissionId,
    chargeId: charge.id,
    amount,
    postedAt: engine.now(),
    merchantReferenceId: (cp?.merchantMetadata?.merchantReferenceId as string | undefined) ?? null,
  });
}

export function cancelCharge(engine: Engine, charge: ChargeRecord, reasonCode: string, description: string) {
  setChargeStatus(engine, charge, 'Canceled', reasonCode, description);
}

/** The charge `id` as `merchantId` may see it (null: an internal lookup). */
export function getChargeRecord(engine: Engine, id: string, merchantId: string | null): ChargeRecord {
  return ownEntry(engine.store.charges, id, merchantId, 'Charge');
}

function invalidChargeStatus(charge: ChargeRecord, operation: string, allowed: string): ApiError {
  return ApiError.invalidState(
    'InvalidChargeStatus',
    `Charge ${charge.id} is ${charge.status.state}${charge.status.reasonCode ? ` (${charge.status.reasonCode})` : ''}; ${operation} needs ${allowed}.`,
  );
}

export function chargeView(r: ChargeRecord) {
  return {
    chargeId: r.id,
    chargePermissionId: r.chargePermissionId,
    chargeAmount: formatPrice(r.amount),
    captureAmount: r.captured ? formatPrice(r.captured) : null,
    refundedAmount: r.captured ? formatPrice(r.refunded) : null,
    convertedAmount: null,
    conversionRate: null,
    softDescriptor: r.softDescriptor,
    merchantMetadata: merchantMetadataView(r.merchantMetadata),
    providerMetadata: {
      providerReferenceId: (r.providerMetadata?.providerReferenceId as string | undefined) ?? null,
    },
    statusDetails: {
      state: r.status.state,
      reasonCode: r.status.reasonCode,
      reasonDescription: r.status.reasonDescription,
      lastUpdatedTimestamp: amazonTimestamp(r.status.updatedAt),
    },
    creationTimestamp: amazonTimestamp(r.createdAt),
    expirationTimestamp: amazonTimestamp(r.expiresAt),
    platformId: r.platformId,
    channel: r.channel,
    releaseEnvironment: r.env,
  } satisfies Charge;
}

export const chargeHandlers = {
  createCharge(ctx) {
    const body = ctx.body;
    const cp = getChargePermission(ctx.engine, String(body.chargePermissionId), ctx.merchantId);
    checkReturnUrls(body.webCheckoutDetails, cp.env);
    assertChargeable(cp);
    const amount = parsePrice(body.chargeAmount, 'chargeAmount');
    assertWithinLimit(ctx.engine, cp, amount, 'chargeAmount');
    const charge = authorize(ctx.engine, cp, amount, {
      captureNow: body.captureNow === true,
      canHandlePendingAuthorization: body.canHandlePendingAuthorization === true,
      simulationCode: ctx.simulationCode,
      scenario: 'Success',
      softDescriptor: typeof body.softDescriptor === 'string' ? body.softDescriptor : null,
      merchantMetadata: (body.merchantMetadata as Json | undefined) ?? null,
      providerMetadata: (body.providerMetadata as Json | undefined) ?? null,
      platformId: typeof body.platformId === 'string' ? body.platformId : null,
      channel: typeof body.channel === 'string' ? body.channel : null,
    });
    return chargeView(charge);
  },

  getCharge(ctx) {
    const charge = getChargeRecord(ctx.engine, ctx.params.chargeId, ctx.merchantId);
    const code = ctx.simulationCode;
    if (code === 'ExpiredUnused' || code === 'AmazonCanceled') {
      if (charge.status.state !== 'Authorized') {
        throw new ApiError(
          400,
          'InvalidSandboxSimulationSpecified',
          `Simulation ${code} needs an Authorized charge; ${charge.id} is ${charge.status.state}.`,
        );
      }
      cancelCharge(
        ctx.engine,
        charge,
        code,
        code === 'ExpiredUnused' ? 'The authorization expired unused.' : 'Amazon canceled the charge.',
      );
    }
    return chargeView(charge);
  },

  updateCharge(ctx) {
    const charge = getChargeRecord(ctx.engine, ctx.params.chargeId, ctx.merchantId);
    const status = ctx.body.statusDetails as Json | undefined;
    if (status?.state === 'Canceled') {
      if (charge.status.state !== 'Authorized' && charge.status.state !== 'AuthorizationInitiated') {
        throw invalidChargeStatus(charge, 'updateCharge to Canceled', 'Authorized or AuthorizationInitiated');
      }
      const reason = typeof status.reasonCode === 'string' ? status.reasonCode : 'ExpiredUnused';
      cancelCharge(ctx.engine, charge, reason, 'Canceled by the payment service provider.');
    }
    return chargeView(charge);
  },

  captureCharge(ctx) {
    const engine = ctx.engine;
    const charge = getChargeRecord(engine, ctx.params.chargeId, ctx.merchantId);
    if (charge.status.state !== 'Authorized')
      throw invalidChargeStatus(charge, 'captureCharge', 'Authorized');
    const amount = parsePrice(ctx.body.captureAmount, 'captureAmount');
    assertSameCurrency(charge.amount.currencyCode, amount, 'captureAmount');
    const cp = getChargePermission(engine, charge.chargePermissionId, null);
    const tolerance = overChargeTolerance(charge.amount);
    const maxCapture = add(charge.amount, tolerance);
    if (amount.minor > maxCapture.minor) {
      throw new ApiError(
        400,
        'TransactionAmountExceeded',
        `captureAmount ${show(amount)} exceeds the authorized ${show(charge.amount)} plus Amazon's tolerance ${show(tolerance)} (15% up to 75 USD/EUR/GBP or 8,400 JPY): at most ${show(maxCapture)}.`,
      );
    }
    if (amount.minor > charge.amount.minor && cp.amountLimit) {
      const left = balance(engine, cp)!;
      const extra = amount.minor - charge.amount.minor;
      if (extra > left.minor) {
        throw new ApiError(
          400,
          'TransactionAmountExceeded',
          `captureAmount ${show(amount)} would take the charge permission over its limit ${show(cp.amountLimit)} (balance ${show(left)}).`,
        );
      }
    }
    if (typeof ctx.body.softDescriptor === 'string') charge.softDescriptor = ctx.body.softDescriptor;
    const code = ctx.simulationCode;
    if (code && DECLINES[code]) {
      setChargeStatus(engine, charge, 'Declined', code, DECLINES[code]!.description);
      throw new ApiError(
        DECLINES[code]!.status,
        code,
        `Capture declined: ${DECLINES[code]!.description} (charge ${charge.id})`,
      );
    }
    const authorizedAt = charge.authorizedAt ?? charge.createdAt;
    if (engine.now().getTime() - authorizedAt.getTime() > ASYNC_CAPTURE_AFTER_MS) {
      charge.captured = amount;
      setChargeStatus(engine, charge, 'CaptureInitiated', null, null);
      engine.schedule(new Date(engine.now().getTime() + ASYNC_PROCESSING_MS), () => {
        if (charge.status.state === 'CaptureInitiated') completeCapture(engine, charge, amount);
      });
    } else {
      completeCapture(engine, charge, amount);
    }
    return chargeView(charge);
  },

  cancelCharge(ctx) {
    const charge = getChargeRecord(ctx.engine, ctx.params.chargeId, ctx.merchantId);
    if (charge.status.state !== 'Authorized' && charge.status.state !== 'AuthorizationInitiated') {
      throw invalidChargeStatus(charge, 'cancelCharge', 'Authorized or AuthorizationInitiated');
    }
    const reason =
      typeof ctx.body.cancellationReason === 'string'
        ? ctx.body.cancellationReason
        : 'Canceled by the merchant.';
    cancelCharge(ctx.engine, charge, 'MerchantCanceled', reason);
    return chargeView(charge);
  },
} satisfies Partial<HandlerTable>;
