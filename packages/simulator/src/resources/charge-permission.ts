import type { BuyerInfo, ChargePermission, Frequency, MerchantMetadata, Price } from '@amazon-pay-ts/types';
import { amazonTimestamp, DAY } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { add, assertSameCurrency, formatPrice, type Money, parsePrice, sub, zero } from '../money.js';
import { ownEntry } from '../ownership.js';
import type { BuyerProfile, ChargePermissionRecord, CheckoutSessionRecord, Json } from '../store.js';
import { chargePermissionCreated, setChargePermissionState, setChargeStatus } from '../transitions.js';

/**
 * Charge Permission: Chargeable → NonChargeable (payment method problems) → Closed
 * (MerchantClosed, BuyerCanceled, AmazonClosed, Expired). A one-time permission carries an
 * amount limit (order + Amazon's over-charge tolerance) and expires 180 days after checkout
 * (13 months with extendExpiration).
 */
export function createFromCheckout(
  engine: Engine,
  session: CheckoutSessionRecord,
  limit: Money | null,
): ChargePermissionRecord {
  const now = engine.now();
  const fields = session.fields;
  const type = typeof fields.chargePermissionType === 'string' ? fields.chargePermissionType : 'OneTime';
  const payment = (fields.paymentDetails ?? {}) as Json;
  const extend = payment.extendExpiration === true;
  // One-time: 180 days (13 months with extendExpiration); recurring: 13 months, renewed by each charge.
  const expiresAt =
    type === 'OneTime' || type === 'Recurring'
      ? new Date(now.getTime() + (extend || type === 'Recurring' ? THIRTEEN_MONTHS_DAYS : 180) * DAY)
      : null;
  const record: ChargePermissionRecord = {
    id: engine.ids.chargePermissionId(session.env, session.region),
    merchantId: session.merchantId,
    env: session.env,
    region: session.region,
    type,
    checkoutSessionId: session.id,
    buyer: session.buyer,
    shippingAddress: session.shippingAddress,
    billingAddress: session.billingAddress,
    paymentMethod: session.paymentMethod,
    merchantMetadata: (fields.merchantMetadata as Json | undefined) ?? null,
    chargePermissionReferenceId: null,
    platformId: typeof fields.platformId === 'string' ? fields.platformId : null,
    recurringMetadata: (fields.recurringMetadata as Json | undefined) ?? null,
    presentmentCurrency: limit?.currencyCode ?? presentmentCurrency(session),
    createdAt: now,
    expiresAt,
    state: 'Chargeable',
    reasons: null,
    updatedAt: now,
    amountLimit: limit,
    amazonPayToken: engine.ids.amazonPayToken(),
    chargeSequence: 0,
    refundSequence: 0,
  };
  engine.store.chargePermissions.set(record.id, record);
  chargePermissionCreated(engine, record);
  armExpiry(engine, record);
  return record;
}

const THIRTEEN_MONTHS_DAYS = 395;

function armExpiry(engine: Engine, record: ChargePermissionRecord) {
  if (!record.expiresAt) return;
  engine.schedule(record.expiresAt, () => {
    // A renewal may have moved expiresAt on; only the latest date counts.
    if (record.state !== 'Closed' && record.expiresAt && engine.now() >= record.expiresAt) {
      close(engine, record, 'Expired', 'The charge permission expired.');
    }
  });
}

/** Each charge on a recurring permission restarts its 13-month lifetime. */
export function renewRecurring(engine: Engine, record: ChargePermissionRecord) {
  if (record.type !== 'Recurring') return;
  record.expiresAt = new Date(engine.now().getTime() + THIRTEEN_MONTHS_DAYS * DAY);
  armExpiry(engine, record);
}

function presentmentCurrency(session: CheckoutSessionRecord): string {
  const payment = (session.fields.paymentDetails ?? {}) as Json;
  const amount = payment.chargeAmount as { currencyCode?: string } | undefined;
  return (
    amount?.currencyCode ??
    (typeof payment.presentmentCurrency === 'string' ? payment.presentmentCurrency : 'USD')
  );
}

/**
 * The charge permission `id`, as `merchantId` may see it: another merchant's is answered like one
 * that does not exist (null: an internal lookup).
 */
export function getChargePermission(
  engine: Engine,
  id: string,
  merchantId: string | null,
): ChargePermissionRecord {
  return ownEntry(engine.store.chargePermissions, id, merchantId, 'Charge permission');
}

/** What this permission has consumed: captures plus authorizations not yet captured. */
export function consumed(engine: Engine, record: ChargePermissionRecord): Money {
  let total = zero(record.presentmentCurrency);
  for (const charge of engine.store.charges.values()) {
    if (charge.chargePermissionId !== record.id) continue;
    const state = charge.status.state;
    if (state === 'Captured') total = add(total, charge.captured ?? charge.amount);
    else if (state === 'Authorized' || state === 'AuthorizationInitiated' || state === 'CaptureInitiated')
      total = add(total, charge.captured ?? charge.amount);
  }
  return total;
}

export function balance(engine: Engine, record: ChargePermissionRecord): Money | null {
  if (!record.amountLimit) return null;
  const left = sub(record.amountLimit, consumed(engine, record));
  return left.minor < 0n ? zero(left.currencyCode) : left;
}

export function assertChargeable(record: ChargePermissionRecord): void {
  if (record.state !== 'Chargeable') {
    const why = record.reasons?.map((r) => r.reasonCode).join(', ') ?? 'no reason';
    throw ApiError.invalidState(
      'InvalidChargePermissionStatus',
      `Charge permission ${record.id} is ${record.state} (${why}); only a Chargeable charge permission can be charged.`,
    );
  }
}

export function close(
  engine: Engine,
  record: ChargePermissionRecord,
  reasonCode: string,
  description: string,
): void {
  setChargePermissionState(engine, record, 'Closed', reasonCode, description);
}

function makeNonChargeable(
  engine: Engine,
  record: ChargePermissionRecord,
  reasonCode: string,
  description: string,
) {
  setChargePermissionState(engine, record, 'NonChargeable', reasonCode, description);
}

export function chargePermissionView(engine: Engine, r: ChargePermissionRecord) {
  const left = balance(engine, r);
  return {
    chargePermissionId: r.id,
    chargePermissionReferenceId: r.chargePermissionReferenceId,
    chargePermissionType: r.type,
    amazonPayToken: r.amazonPayToken,
    buyer: buyerView(r.buyer),
    shippingAddress: r.shippingAddress,
    billingAddress: r.billingAddress,
    paymentPreferences: [{ paymentDescriptor: r.paymentMethod?.descriptor ?? null }],
    statusDetails: {
      state: r.state,
      reasons: r.reasons,
      lastUpdatedTimestamp: amazonTimestamp(r.updatedAt),
    },
    creationTimestamp: amazonTimestamp(r.createdAt),
    expirationTimestamp: r.expiresAt ? amazonTimestamp(r.expiresAt) : null,
    merchantMetadata: merchantMetadataView(r.merchantMetadata),
    platformId: r.platformId,
    limits: {
      amountLimit: r.amountLimit ? formatPrice(r.amountLimit) : null,
      amountBalance: left ? formatPrice(left) : null,
    },
    recurringMetadata: {
      frequency: (r.recurringMetadata?.frequency as Frequency | undefined) ?? null,
      amount: (r.recurringMetadata?.amount as Price | undefined) ?? null,
    },
    presentmentCurrency: r.presentmentCurrency,
    releaseEnvironment: r.env,
  } satisfies ChargePermission;
}

/** The buyer as checkout sessions and charge permissions show it (no addresses: those are separate fields). */
export function buyerView(buyer: BuyerProfile | null) {
  return buyer
    ? ({
        buyerId: buyer.buyerId,
        name: buyer.name,
        email: buyer.email,
        phoneNumber: buyer.phoneNumber,
        primeMembershipTypes: buyer.primeMembershipTypes,
      } satisfies BuyerInfo)
    : null;
}

export function merchantMetadataView(m: Json | null) {
  return {
    merchantReferenceId: (m?.merchantReferenceId as string | undefined) ?? null,
    merchantStoreName: (m?.merchantStoreName as string | undefined) ?? null,
    noteToBuyer: (m?.noteToBuyer as string | undefined) ?? null,
    customInformation: (m?.customInformation as string | undefined) ?? null,
  } satisfies MerchantMetadata;
}

const SIMULATED_CLOSURES: Record<string, string> = {
  BuyerClosed: 'The buyer closed the charge permission on pay.amazon.com.',
  BuyerCanceled: 'The buyer canceled the charge permission.',
  AmazonClosed: 'Amazon closed the charge permission.',
};

const SIMULATED_NON_CHARGEABLE: Record<string, string> = {
  PaymentMethodInvalid: 'The payment method is invalid; ask the buyer to choose another one.',
  PaymentMethodExpired: 'The payment method has expired.',
  PaymentMethodDeleted: 'The buyer deleted the payment method.',
  BillingAddressDeleted: 'The buyer deleted the billing address of the payment method.',
};

export const chargePermissionHandlers = {
  getChargePermission(ctx) {
    const record = getChargePermission(ctx.engine, ctx.params.chargePermissionId, ctx.merchantId);
    const code = ctx.simulationCode;
    if (code && SIMULATED_CLOSURES[code]) close(ctx.engine, record, code, SIMULATED_CLOSURES[code]!);
    else if (code && SIMULATED_NON_CHARGEABLE[code])
      makeNonChargeable(ctx.engine, record, code, SIMULATED_NON_CHARGEABLE[code]!);
    return chargePermissionView(ctx.engine, record);
  },

  updateChargePermission(ctx) {
    const record = getChargePermission(ctx.engine, ctx.params.chargePermissionId, ctx.merchantId);
    if (record.state === 'Closed') {
      throw ApiError.invalidState(
        'InvalidChargePermissionStatus',
        `Charge permission ${record.id} is Closed and can no longer be updated.`,
      );
    }
    // Everything is checked and normalised before the record changes, so a refused update
    // leaves nothing behind that a later read could not serve.
    const body = ctx.body;
    const merchantMetadata =
      body.merchantMetadata && typeof body.merchantMetadata === 'object'
        ? { ...(record.merchantMetadata ?? {}), ...(body.merchantMetadata as Json) }
        : record.merchantMetadata;
    let recurringMetadata = record.recurringMetadata;
    if (body.recurringMetadata && typeof body.recurringMetadata === 'object') {
      const update = { ...(body.recurringMetadata as Json) };
      if (update.amount !== undefined && update.amount !== null) {
        const amount = parsePrice(update.amount, 'recurringMetadata.amount');
        assertSameCurrency(record.presentmentCurrency, amount, 'recurringMetadata.amount');
        update.amount = formatPrice(amount);
      }
      recurringMetadata = { ...(record.recurringMetadata ?? {}), ...update };
    }
    record.merchantMetadata = merchantMetadata;
    record.recurringMetadata = recurringMetadata;
    record.updatedAt = ctx.engine.now();
    return chargePermissionView(ctx.engine, record);
  },

  closeChargePermission(ctx) {
    const record = getChargePermission(ctx.engine, ctx.params.chargePermissionId, ctx.merchantId);
    const reason =
      typeof ctx.body.closureReason === 'string' ? ctx.body.closureReason : 'Closed by the merchant.';
    if (record.state !== 'Closed') {
      if (ctx.body.cancelPendingCharges === true) {
        for (const charge of ctx.engine.store.charges.values()) {
          if (charge.chargePermissionId !== record.id) continue;
          if (charge.status.state === 'Authorized' || charge.status.state === 'AuthorizationInitiated') {
            setChargeStatus(
              ctx.engine,
              charge,
              'Canceled',
              'ChargePermissionCanceled',
              'The charge permission was closed.',
            );
          }
        }
      }
      if (ctx.simulationCode === 'AmazonClosed')
        close(ctx.engine, record, 'AmazonClosed', SIMULATED_CLOSURES.AmazonClosed!);
      else close(ctx.engine, record, 'MerchantClosed', reason);
    }
    return chargePermissionView(ctx.engine, record);
  },
} satisfies Partial<HandlerTable>;
