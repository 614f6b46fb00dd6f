import type {
  CheckoutSession,
  PaymentMethodOnFileMetadata,
  Price,
  RecurringMetadata,
} from '@amazon-pay-ts/types';
import { amazonTimestamp, DAY } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import { type HandlerTable, type RequestContext, WithStatus } from '../handler.js';
import { assertSameCurrency, formatPrice, type Money, parsePrice, show } from '../money.js';
import { ownEntry } from '../ownership.js';
import { checkReturnUrls } from '../return-urls.js';
import type { AddressRecord, CheckoutSessionRecord, Json } from '../store.js';
import { setCheckoutSessionStatus } from '../transitions.js';
import { authorize, oneTimeLimit } from './charge.js';
import { buyerView, createFromCheckout, merchantMetadataView } from './charge-permission.js';

/**
 * Checkout Session: Open → Completed (complete/finalize succeeded) or Canceled (BuyerCanceled,
 * Declined, Expired after 24 hours Open, AmazonCanceled). The buyer signs in on the hosted page
 * (or `sim.approve`), the merchant updates the session until no constraint is left, the buyer
 * confirms at amazonPayRedirectUrl, and the merchant completes it.
 */
const SESSION_LIFETIME_MS = DAY;

function normalizePrice(value: unknown, field: string): { amount: string; currencyCode: string } | undefined {
  if (value === undefined || value === null) return undefined;
  return formatPrice(parsePrice(value, field));
}

/** Deep-merges an update into the stored fields; explicit nulls clear a field. */
function merge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      out[key] &&
      typeof out[key] === 'object'
    ) {
      out[key] = merge(out[key] as Json, value as Json);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function normalizeFields(fields: Json): Json {
  const out = structuredClone(fields);
  const payment = out.paymentDetails as Json | undefined;
  if (payment) {
    for (const key of ['chargeAmount', 'totalOrderAmount'] as const) {
      const price = normalizePrice(payment[key], `paymentDetails.${key}`);
      if (price) payment[key] = price;
    }
  }
  const recurring = out.recurringMetadata as Json | undefined;
  if (recurring?.amount) recurring.amount = normalizePrice(recurring.amount, 'recurringMetadata.amount');
  return out;
}

function payment(record: CheckoutSessionRecord): Json {
  return (record.fields.paymentDetails ?? {}) as Json;
}

function web(record: CheckoutSessionRecord): Json {
  return (record.fields.webCheckoutDetails ?? {}) as Json;
}

function isProcessOrder(record: CheckoutSessionRecord): boolean {
  return web(record).checkoutMode === 'ProcessOrder';
}

function setupOnly(record: CheckoutSessionRecord): boolean {
  const pmof = record.fields.paymentMethodOnFileMetadata as Json | undefined;
  return pmof?.setupOnly === true;
}

export function constraints(record: CheckoutSessionRecord): { constraintId: string; description: string }[] {
  if (record.status.state !== 'Open') return [];
  const out: { constraintId: string; description: string }[] = [];
  const p = payment(record);
  const w = web(record);
  if (!isProcessOrder(record) && !w.checkoutReviewReturnUrl) {
    out.push({
      constraintId: 'CheckoutReviewReturnUrlNotSet',
      description: 'checkoutReviewReturnUrl is not set.',
    });
  }
  if (!w.checkoutResultReturnUrl) {
    out.push({
      constraintId: 'CheckoutResultReturnUrlNotSet',
      description: 'checkoutResultReturnUrl is not set.',
    });
  }
  if (!p.chargeAmount && !setupOnly(record)) {
    out.push({ constraintId: 'ChargeAmountNotSet', description: 'paymentDetails.chargeAmount is not set.' });
  }
  if (!p.paymentIntent && !setupOnly(record)) {
    out.push({
      constraintId: 'PaymentIntentNotSet',
      description: 'paymentDetails.paymentIntent is not set.',
    });
  }
  if (record.fields.chargePermissionType === 'Recurring') {
    const recurring = record.fields.recurringMetadata as Json | undefined;
    if (!recurring?.frequency) {
      out.push({
        constraintId: 'RecurringFrequencyNotSet',
        description: 'recurringMetadata.frequency is not set.',
      });
    }
  }
  if (!record.buyer) {
    out.push({
      constraintId: 'BuyerNotAssociated',
      description:
        'There is no buyer associated with the Checkout Session. Return the checkout session id to the Amazon Pay Button so the buyer can sign in.',
    });
  }
  return out;
}

/** The page where the buyer confirms payment, available once only the buyer's part is missing. */
export function redirectUrl(engine: Engine, record: CheckoutSessionRecord): string | null {
  if (record.status.state !== 'Open') return null;
  const missing = constraints(record).map((c) => c.constraintId);
  const onlyBuyerMissing = missing.every((c) => c === 'BuyerNotAssociated');
  if (missing.length === 0 || (isProcessOrder(record) && onlyBuyerMissing)) {
    return `${engine.baseUrl}/checkout/processing?amazonCheckoutSessionId=${record.id}`;
  }
  return null;
}

export function signInUrl(engine: Engine, id: string): string {
  return `${engine.baseUrl}/checkout/signin?amazonCheckoutSessionId=${id}`;
}

/** `PayOnly` for a ProcessOrder checkout without a merchant-given address (or when set), else `PayAndShip`. */
function productTypeOf(r: CheckoutSessionRecord): string {
  const set = r.fields.productType;
  if (typeof set === 'string') return set;
  return isProcessOrder(r) && !r.fields.addressDetails ? 'PayOnly' : 'PayAndShip';
}

export function checkoutSessionView(engine: Engine, r: CheckoutSessionRecord) {
  const f = r.fields;
  const w = web(r);
  const p = payment(r);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
  const productType = productTypeOf(r);
  return {
    checkoutSessionId: r.id,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: str(w.checkoutReviewReturnUrl),
      checkoutResultReturnUrl: str(w.checkoutResultReturnUrl),
      checkoutCancelUrl: str(w.checkoutCancelUrl),
      amazonPayRedirectUrl: redirectUrl(engine, r),
      checkoutMode: str(w.checkoutMode),
    },
    productType,
    paymentDetails: {
      paymentIntent: str(p.paymentIntent),
      canHandlePendingAuthorization: p.canHandlePendingAuthorization === true,
      chargeAmount: (p.chargeAmount as Price | undefined) ?? null,
      totalOrderAmount: (p.totalOrderAmount as Price | undefined) ?? null,
      softDescriptor: str(p.softDescriptor),
      presentmentCurrency:
        str(p.presentmentCurrency) ??
        (p.chargeAmount as { currencyCode?: string } | undefined)?.currencyCode ??
        null,
      allowOvercharge: bool(p.allowOvercharge),
      extendExpiration: bool(p.extendExpiration),
    },
    chargePermissionType: str(f.chargePermissionType) ?? 'OneTime',
    recurringMetadata: (f.recurringMetadata as RecurringMetadata | undefined) ?? null,
    paymentMethodOnFileMetadata:
      (f.paymentMethodOnFileMetadata as PaymentMethodOnFileMetadata | undefined) ?? null,
    merchantMetadata: merchantMetadataView((f.merchantMetadata as Json | undefined) ?? null),
    supplementaryData: str(f.supplementaryData),
    buyer: buyerView(r.buyer),
    billingAddress: r.billingAddress,
    shippingAddress: productType === 'PayOnly' ? null : r.shippingAddress,
    paymentPreferences: [{ paymentDescriptor: r.paymentMethod?.descriptor ?? null }],
    statusDetails: {
      state: r.status.state,
      reasonCode: r.status.reasonCode,
      reasonDescription: r.status.reasonDescription,
      lastUpdatedTimestamp: amazonTimestamp(r.status.updatedAt),
    },
    constraints: constraints(r),
    creationTimestamp: amazonTimestamp(r.createdAt),
    expirationTimestamp: amazonTimestamp(r.expiresAt),
    chargePermissionId: r.chargePermissionId,
    chargeId: r.chargeId,
    storeId: str(f.storeId),
    platformId: str(f.platformId),
    providerMetadata: {
      providerReferenceId: str((f.providerMetadata as Json | undefined)?.providerReferenceId),
    },
    deliverySpecifications: (f.deliverySpecifications as object | undefined) ?? null,
    releaseEnvironment: r.env,
    checkoutButtonText: null,
  } satisfies CheckoutSession;
}

/** The checkout session `id` as `merchantId` may see it (null: the buyer's pages). */
export function getSession(engine: Engine, id: string, merchantId: string | null): CheckoutSessionRecord {
  return ownEntry(engine.store.checkoutSessions, id, merchantId, 'Checkout session');
}

function cancel(engine: Engine, record: CheckoutSessionRecord, reasonCode: string, description: string) {
  setCheckoutSessionStatus(engine, record, 'Canceled', reasonCode, description);
}

function assertOpen(record: CheckoutSessionRecord, operation: string) {
  if (record.status.state === 'Canceled') {
    throw ApiError.invalidState(
      'CheckoutSessionCanceled',
      `Checkout session ${record.id} is Canceled (${record.status.reasonCode}: ${record.status.reasonDescription}); start a new checkout.`,
    );
  }
  if (record.status.state !== 'Open') {
    throw ApiError.invalidState(
      'InvalidCheckoutSessionStatus',
      `Checkout session ${record.id} is ${record.status.state}; ${operation} needs an Open session.`,
    );
  }
}

function createSession(ctx: RequestContext<'createCheckoutSession'>): CheckoutSessionRecord {
  const now = ctx.engine.now();
  const fields = normalizeFields(ctx.body);
  checkReturnUrls(fields.webCheckoutDetails, ctx.realm.env);
  const record: CheckoutSessionRecord = {
    id: ctx.engine.ids.checkoutSessionId(),
    merchantId: ctx.merchantId,
    env: ctx.realm.env,
    region: ctx.realm.region,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    fields,
    status: { state: 'Open', reasonCode: null, reasonDescription: null, updatedAt: now },
    buyer: null,
    shippingAddress: null,
    billingAddress: null,
    paymentMethod: null,
    processed: false,
    chargePermissionId: null,
    chargeId: null,
  };
  ctx.engine.store.checkoutSessions.set(record.id, record);
  ctx.engine.schedule(record.expiresAt, () => {
    if (record.status.state === 'Open') {
      cancel(ctx.engine, record, 'Expired', 'The checkout session expired after 24 hours in the Open state.');
    }
  });
  return record;
}

function checkAmount(record: CheckoutSessionRecord, requested: Money, field: string) {
  const expected = payment(record).chargeAmount as { amount: string; currencyCode: string } | undefined;
  if (!expected) return;
  assertSameCurrency(expected.currencyCode, requested, field);
  const want = parsePrice(expected, 'paymentDetails.chargeAmount');
  if (want.minor !== requested.minor) {
    throw ApiError.invalidParameter(
      `${field}.amount`,
      formatPrice(requested).amount,
      `it must match the session's paymentDetails.chargeAmount ${show(want)}`,
    );
  }
}

/** The parts of a postal address, as Amazon answers it. */
export const ADDRESS_PARTS = [
  'name',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'city',
  'county',
  'district',
  'stateOrRegion',
  'postalCode',
  'countryCode',
  'phoneNumber',
] as const satisfies readonly (keyof AddressRecord)[];

/** An address part as compared: trimmed, with `null`, absent and empty alike. */
function addressPart(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
  return text === '' ? null : text;
}

/**
 * Finalize's address check: "for PayAndShip use cases, the shippingAddress is also required and must
 * match the address shared by Amazon. For PayOnly use cases, the same requirement exists for the
 * billingAddress" (Amazon's Verify & complete checkout guide). Each part must equal what Amazon
 * shared; `null`, absent and empty parts are the same.
 */
function checkSharedAddress(
  field: 'shippingAddress' | 'billingAddress',
  sent: unknown,
  shared: AddressRecord | null,
  required: boolean,
): void {
  if (sent === undefined || sent === null) {
    if (required) throw ApiError.missingParameter(field);
    return;
  }
  const given = sent as Record<string, unknown>;
  for (const part of ADDRESS_PARTS) {
    const expected = addressPart(shared?.[part]);
    if (addressPart(given[part]) !== expected) {
      throw ApiError.invalidParameter(
        `${field}.${part}`,
        given[part] ?? null,
        `it must match the ${field} Amazon shared for this checkout session (${expected === null ? 'none' : `'${expected}'`}); send the address Get Checkout Session returned`,
      );
    }
  }
}

/**
 * Turns the approved session into a charge permission and, for Authorize intents, a charge; true
 * when the authorization is pending (answered 202).
 */
function finish(
  ctx: RequestContext<'completeCheckoutSession' | 'finalizeCheckoutSession'>,
  record: CheckoutSessionRecord,
  amount: Money | null,
): boolean {
  const engine = ctx.engine;
  const p = payment(record);
  const code = ctx.simulationCode;
  if (code === 'BuyerCanceled' || code === 'Declined' || code === 'AmazonCanceled') {
    cancel(engine, record, code, `Checkout was canceled (simulated with ${code}).`);
    assertOpen(record, ctx.operationId);
  }
  const type =
    typeof record.fields.chargePermissionType === 'string' ? record.fields.chargePermissionType : 'OneTime';
  const limit = type === 'OneTime' && amount ? oneTimeLimit(amount, p.allowOvercharge === true) : null;
  const cp = createFromCheckout(engine, record, limit);
  if (amount) cp.presentmentCurrency = amount.currencyCode;
  record.chargePermissionId = cp.id;
  let pending = false;
  const intent = p.paymentIntent;
  if (amount && (intent === 'Authorize' || intent === 'AuthorizeWithCapture')) {
    const scenario = record.paymentMethod?.scenario ?? 'Success';
    const charge = authorize(engine, cp, amount, {
      captureNow: intent === 'AuthorizeWithCapture',
      canHandlePendingAuthorization: p.canHandlePendingAuthorization === true,
      simulationCode: code === 'AuthorizationInitiated' ? code : null,
      scenario,
      softDescriptor: typeof p.softDescriptor === 'string' ? p.softDescriptor : null,
      merchantMetadata: (record.fields.merchantMetadata as Json | undefined) ?? null,
      providerMetadata: null,
      platformId: typeof record.fields.platformId === 'string' ? record.fields.platformId : null,
      channel: 'Web',
    });
    record.chargeId = charge.id;
    pending = charge.status.state === 'AuthorizationInitiated';
  }
  setCheckoutSessionStatus(engine, record, 'Completed', null, null);
  return pending;
}

export const checkoutSessionHandlers = {
  createCheckoutSession(ctx) {
    const record = createSession(ctx);
    return checkoutSessionView(ctx.engine, record);
  },

  getCheckoutSession(ctx) {
    const record = getSession(ctx.engine, ctx.params.checkoutSessionId, ctx.merchantId);
    return checkoutSessionView(ctx.engine, record);
  },

  updateCheckoutSession(ctx) {
    const record = getSession(ctx.engine, ctx.params.checkoutSessionId, ctx.merchantId);
    assertOpen(record, 'updateCheckoutSession');
    const updated = normalizeFields(ctx.body);
    checkReturnUrls(updated.webCheckoutDetails, record.env);
    record.fields = merge(record.fields, updated);
    record.status.updatedAt = ctx.engine.now();
    return checkoutSessionView(ctx.engine, record);
  },

  completeCheckoutSession(ctx) {
    const engine = ctx.engine;
    const record = getSession(engine, ctx.params.checkoutSessionId, ctx.merchantId);
    const amount = parsePrice(ctx.body.chargeAmount, 'chargeAmount');
    if (record.status.state === 'Completed') {
      checkAmount(record, amount, 'chargeAmount');
      return checkoutSessionView(engine, record);
    }
    assertOpen(record, 'completeCheckoutSession');
    if (!record.processed) {
      throw ApiError.invalidState(
        'InvalidCheckoutSessionStatus',
        `The buyer has not confirmed checkout session ${record.id} yet: redirect the buyer to webCheckoutDetails.amazonPayRedirectUrl and call completeCheckoutSession after they return to checkoutResultReturnUrl.`,
      );
    }
    checkAmount(record, amount, 'chargeAmount');
    const pending = finish(ctx, record, amount);
    const view = checkoutSessionView(engine, record);
    return pending ? new WithStatus(202, view) : view;
  },

  finalizeCheckoutSession(ctx) {
    const engine = ctx.engine;
    const record = getSession(engine, ctx.params.checkoutSessionId, ctx.merchantId);
    assertOpen(record, 'finalizeCheckoutSession');
    if (!record.buyer) {
      throw ApiError.invalidState(
        'InvalidCheckoutSessionStatus',
        `No buyer has approved checkout session ${record.id} yet; finalize it from the onCompleteCheckout event.`,
      );
    }
    const body = ctx.body;
    const payOnly = productTypeOf(record) === 'PayOnly';
    checkSharedAddress('shippingAddress', body.shippingAddress, record.shippingAddress, !payOnly);
    checkSharedAddress('billingAddress', body.billingAddress, record.billingAddress, payOnly);
    const p = { ...payment(record) };
    p.paymentIntent = body.paymentIntent;
    // Amazon's own samples send "true"/"false" as strings.
    const canHandle = body.canHandlePendingAuthorization;
    if (canHandle !== undefined) p.canHandlePendingAuthorization = canHandle === true || canHandle === 'true';
    const amount = body.chargeAmount ? parsePrice(body.chargeAmount, 'chargeAmount') : null;
    if (amount) {
      if (p.chargeAmount) checkAmount(record, amount, 'chargeAmount');
      p.chargeAmount = formatPrice(amount);
    }
    if (body.totalOrderAmount) p.totalOrderAmount = normalizePrice(body.totalOrderAmount, 'totalOrderAmount');
    const chargeAmount = p.chargeAmount ? parsePrice(p.chargeAmount, 'chargeAmount') : null;
    if (!chargeAmount && !setupOnly(record)) throw ApiError.missingParameter('chargeAmount');
    record.fields = { ...record.fields, paymentDetails: p };
    record.processed = true;
    const pending = finish(ctx, record, chargeAmount);
    const view = checkoutSessionView(engine, record);
    return pending ? new WithStatus(202, view) : view;
  },
} satisfies Partial<HandlerTable>;
