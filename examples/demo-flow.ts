import {
  type AmazonPayApiError,
  type ClientConfig,
  type RequestBody,
  WebStoreClient,
} from '@amazon-pay-ts/client';
import type { Notification } from '@amazon-pay-ts/notifications';

/** One line of the transcript: what was called, what came back, how long it took. */
export interface TranscriptLine {
  step: string;
  operation: string;
  state: string;
  amount: string;
  requestId: string;
  ms: number;
}

/**
 * What the flow needs from the buyer and from time. Offline, the simulator plays the buyer over
 * HTTP and its clock skips the waits; against Amazon's sandbox a person opens the URLs.
 */
export interface BuyerDriver {
  /** The buyer signs in and picks a payment method for a new checkout session; returns its id. */
  signIn(checkoutSessionId: string): Promise<string>;
  /**
   * The buyer confirms payment at amazonPayRedirectUrl; offline, `paymentMethod` picks a simulated
   * one (e.g. '0701', an authorization that stays pending for 30 s).
   */
  confirm(checkoutSessionId: string, amazonPayRedirectUrl: string, paymentMethod?: string): Promise<void>;
  /** Lets `ms` of (simulated or real) time pass for asynchronous processing. */
  wait(ms: number, why: string): Promise<void>;
  /** Downloads a report document. */
  download(url: string): Promise<string>;
  /** Checks a button payload signature the way checkout.js would, when possible. */
  verifyButton?(payload: string, signature: string): Promise<boolean>;
}

/** A verified IPN as the merchant's endpoint handled it, resolved to the object's state then. */
export interface ReceivedNotification {
  notification: Notification;
  /** The state the endpoint read (getCharge, getRefund…) when the notification came in. */
  state: string;
  receivedAt: number;
}

/** Where the merchant's IPN endpoint puts what it received; the flow waits on it instead of polling. */
export interface NotificationInbox {
  /** The first notification matching `match`, calling `advance` (time passes) until one arrives. */
  next(
    match: (entry: ReceivedNotification) => boolean,
    advance: () => Promise<void>,
  ): Promise<ReceivedNotification>;
}

export class DemoSurprise extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSurprise';
  }
}

function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DemoSurprise(message);
}

export interface DemoConfig {
  /** How to reach Amazon Pay (or the simulator). */
  clientConfig: ClientConfig;
  buyer: BuyerDriver;
  storeId: string;
  currencyCode?: 'USD' | 'EUR' | 'GBP' | 'JPY';
  /** Called with each transcript line as it happens. */
  onLine?: (line: TranscriptLine) => void;
  /** Called with free-text notes (buyer actions, waits). */
  onNote?: (note: string) => void;
  /**
   * The merchant's IPN endpoint, when it can be reached: the pending authorization and the refund
   * then end through notifications; without one the flow polls.
   */
  notifications?: NotificationInbox;
}

/** What a transcript line takes from `withResponse` metadata (or an error). */
interface Metadata {
  requestId: string | undefined;
  durationMs: number;
}

function price(p: { amount?: string | null; currencyCode?: string | null } | null | undefined): string {
  return p?.amount ? `${p.amount} ${p.currencyCode ?? ''}`.trim() : '-';
}

/**
 * The whole merchant flow of the demo: button signature, checkout with the buyer on the hosted
 * pages, capture, refund, a recurring charge, a simulated decline, a report, and closing the
 * charge permission. Throws DemoSurprise when anything differs from what Amazon Pay would do.
 */
export async function runDemoFlow(config: DemoConfig): Promise<TranscriptLine[]> {
  const { buyer } = config;
  const currencyCode = config.currencyCode ?? 'USD';
  const client = new WebStoreClient(config.clientConfig);
  /** Lets processing time pass (30 s at a time, at most 10 times) until `done` holds for the answer. */
  const settle = async <T>(call: () => Promise<T>, done: (result: T) => boolean, why: string): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      await buyer.wait(30_000, why);
      const result = await call();
      if (done(result) || attempt === 10) return result;
    }
  };
  const lines: TranscriptLine[] = [];
  const note = (text: string) => config.onNote?.(text);
  /** Waits (letting processing time pass) for a notification the merchant's endpoint handled. */
  const awaitNotification = async (match: (entry: ReceivedNotification) => boolean, why: string) => {
    const started = performance.now();
    const entry = await config.notifications!.next(match, () => buyer.wait(30_000, why));
    note(
      `IPN ${entry.notification.objectType} ${entry.notification.notificationType} verified (SNS signature) and deduplicated; endpoint read the ${entry.notification.objectType.toLowerCase()}: ${entry.state}`,
    );
    return {
      state: entry.state,
      metadata: {
        requestId: entry.notification.notificationId,
        durationMs: Math.max(0, entry.receivedAt - started),
      },
    };
  };
  const record = (step: string, operation: string, state: string, amount: string, metadata: Metadata) => {
    const line = {
      step,
      operation,
      state,
      amount,
      requestId: metadata.requestId ?? '-',
      ms: Math.round(metadata.durationMs),
    };
    lines.push(line);
    config.onLine?.(line);
  };
  const returnUrls = {
    checkoutReviewReturnUrl: 'https://merchant.example/checkout/review',
    checkoutResultReturnUrl: 'https://merchant.example/checkout/result',
  };

  // 1. The button: the payload the front end renders, signed by the merchant's key.
  const payload = {
    storeId: config.storeId,
    webCheckoutDetails: { checkoutReviewReturnUrl: returnUrls.checkoutReviewReturnUrl },
  };
  const started = performance.now();
  const button = await client.generateButtonSignature(payload);
  const verified = buyer.verifyButton ? await buyer.verifyButton(button.payload, button.signature) : true;
  expectThat(verified, 'the button signature did not verify');
  record('1', 'generateButtonSignature', verified ? 'signature ok' : 'unchecked', '-', {
    requestId: undefined,
    durationMs: performance.now() - started,
  });

  // 2. The checkout session, then the buyer signs in on the hosted page.
  const checkout: RequestBody<'createCheckoutSession'> = {
    storeId: config.storeId,
    webCheckoutDetails: returnUrls,
  };
  const created = await client.withResponse.createCheckoutSession(checkout);
  record('2', 'createCheckoutSession', created.data.statusDetails?.state ?? '?', '-', created.metadata);
  expectThat(created.data.statusDetails?.state === 'Open', 'a new checkout session should be Open');
  const sessionId = await buyer.signIn(created.data.checkoutSessionId);

  const reviewed = await client.withResponse.getCheckoutSession(sessionId);
  const buyerName = reviewed.data.buyer?.name;
  const city = reviewed.data.shippingAddress?.city;
  record(
    '3',
    'getCheckoutSession',
    `${reviewed.data.statusDetails?.state} · ${buyerName} · ${city}`,
    '-',
    reviewed.metadata,
  );
  expectThat(buyerName && city, 'after sign-in the session should carry the buyer and a shipping address');

  const amount = currencyCode === 'JPY' ? '4999' : '49.99';
  const updated = await client.withResponse.updateCheckoutSession(sessionId, {
    paymentDetails: {
      paymentIntent: 'Authorize',
      canHandlePendingAuthorization: true,
      chargeAmount: { amount, currencyCode },
    },
    merchantMetadata: {
      merchantReferenceId: `demo-${Date.now()}`,
      merchantStoreName: 'amazon-pay-ts demo',
    },
  });
  const redirectUrl = updated.data.webCheckoutDetails?.amazonPayRedirectUrl;
  record(
    '4',
    'updateCheckoutSession',
    updated.data.statusDetails?.state ?? '?',
    price(updated.data.paymentDetails?.chargeAmount),
    updated.metadata,
  );
  expectThat(
    redirectUrl,
    `the updated session should offer amazonPayRedirectUrl (constraints: ${JSON.stringify(updated.data.constraints)})`,
  );
  // 0701: an authorization Amazon decides asynchronously (simulator: Authorized after 30 s).
  await buyer.confirm(sessionId, redirectUrl, '0701');

  const completed = await client.withResponse.completeCheckoutSession(sessionId, {
    chargeAmount: { amount, currencyCode },
  });
  record(
    '5',
    'completeCheckoutSession',
    completed.data.statusDetails?.state ?? '?',
    amount + ' ' + currencyCode,
    completed.metadata,
  );
  const chargePermissionId = completed.data.chargePermissionId;
  const chargeId = completed.data.chargeId;
  expectThat(
    completed.data.statusDetails?.state === 'Completed' && chargePermissionId && chargeId,
    'complete should yield a charge permission and a charge',
  );

  const permission = await client.withResponse.getChargePermission(chargePermissionId);
  record(
    '6',
    'getChargePermission',
    permission.data.statusDetails?.state ?? '?',
    `limit ${price(permission.data.limits?.amountLimit)}`,
    permission.metadata,
  );
  expectThat(
    permission.data.statusDetails?.state === 'Chargeable',
    'the charge permission should be Chargeable',
  );

  const charge = await client.withResponse.getCharge(chargeId);
  record(
    '7',
    'getCharge',
    charge.data.statusDetails?.state ?? '?',
    price(charge.data.chargeAmount),
    charge.metadata,
  );
  let chargeState = charge.data.statusDetails?.state;
  if (chargeState === 'AuthorizationInitiated') {
    // The pending authorization ends through an IPN (or, without an endpoint, by polling).
    if (config.notifications) {
      const ipn = await awaitNotification(
        (entry) =>
          entry.notification.objectType === 'CHARGE' &&
          entry.notification.chargeId === chargeId &&
          entry.state !== 'AuthorizationInitiated',
        'pending authorization',
      );
      record('7', 'IPN CHARGE', `${ipn.state} · notified`, price(charge.data.chargeAmount), ipn.metadata);
      chargeState = ipn.state;
    } else {
      const decided = await settle(
        () => client.withResponse.getCharge(chargeId),
        (c) => c.data.statusDetails?.state !== 'AuthorizationInitiated',
        'pending authorization',
      );
      record(
        '7',
        'getCharge',
        decided.data.statusDetails?.state ?? '?',
        price(decided.data.chargeAmount),
        decided.metadata,
      );
      chargeState = decided.data.statusDetails?.state;
    }
  }
  expectThat(chargeState === 'Authorized', 'the charge should be Authorized');

  const captured = await client.withResponse.captureCharge(chargeId, {
    captureAmount: { amount, currencyCode },
    softDescriptor: 'DEMO',
  });
  record(
    '8',
    'captureCharge',
    captured.data.statusDetails?.state ?? '?',
    price(captured.data.captureAmount),
    captured.metadata,
  );
  expectThat(captured.data.statusDetails?.state === 'Captured', 'the capture should complete');

  const refundAmount = currencyCode === 'JPY' ? '1000' : '10.00';
  const refund = await client.withResponse.createRefund({
    chargeId,
    refundAmount: { amount: refundAmount, currencyCode },
  });
  record(
    '9',
    'createRefund',
    refund.data.statusDetails?.state ?? '?',
    price(refund.data.refundAmount),
    refund.metadata,
  );
  expectThat(
    refund.data.statusDetails?.state === 'RefundInitiated',
    'a new refund should be RefundInitiated',
  );
  if (config.notifications) {
    const ipn = await awaitNotification(
      (entry) =>
        entry.notification.objectType === 'REFUND' &&
        entry.notification.refundId === refund.data.refundId &&
        entry.state !== 'RefundInitiated',
      'refund processing',
    );
    record('10', 'IPN REFUND', `${ipn.state} · notified`, price(refund.data.refundAmount), ipn.metadata);
    expectThat(ipn.state === 'Refunded', 'the refund should be Refunded after processing');
  } else {
    const refunded = await settle(
      () => client.withResponse.getRefund(refund.data.refundId),
      (r) => r.data.statusDetails?.state !== 'RefundInitiated',
      'refund processing',
    );
    record(
      '10',
      'getRefund',
      refunded.data.statusDetails?.state ?? '?',
      price(refunded.data.refundAmount),
      refunded.metadata,
    );
    expectThat(
      refunded.data.statusDetails?.state === 'Refunded',
      'the refund should be Refunded after processing',
    );
  }

  // 3. A recurring charge permission, charged later by the merchant with createCharge.
  const recurringAmount = currencyCode === 'JPY' ? '980' : '9.99';
  const recurringCheckout: RequestBody<'createCheckoutSession'> = {
    storeId: config.storeId,
    webCheckoutDetails: returnUrls,
    chargePermissionType: 'Recurring',
    recurringMetadata: {
      frequency: { unit: 'Month', value: '1' },
      amount: { amount: recurringAmount, currencyCode },
    },
  };
  const subscription = await client.withResponse.createCheckoutSession(recurringCheckout);
  record(
    '11',
    'createCheckoutSession',
    `${subscription.data.statusDetails?.state} · Recurring`,
    '-',
    subscription.metadata,
  );
  const subscriptionId = await buyer.signIn(subscription.data.checkoutSessionId);
  const subscriptionUpdated = await client.updateCheckoutSession(subscriptionId, {
    paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: recurringAmount, currencyCode } },
  });
  await buyer.confirm(subscriptionId, subscriptionUpdated.webCheckoutDetails?.amazonPayRedirectUrl ?? '');
  const subscribed = await client.withResponse.completeCheckoutSession(subscriptionId, {
    chargeAmount: { amount: recurringAmount, currencyCode },
  });
  record(
    '12',
    'completeCheckoutSession',
    `${subscribed.data.statusDetails?.state} · Confirm`,
    `${recurringAmount} ${currencyCode}`,
    subscribed.metadata,
  );
  const recurringPermissionId = subscribed.data.chargePermissionId;
  expectThat(
    recurringPermissionId && !subscribed.data.chargeId,
    'a Confirm checkout yields a charge permission and no charge',
  );

  const renewal = await client.withResponse.createCharge({
    chargePermissionId: recurringPermissionId,
    chargeAmount: { amount: recurringAmount, currencyCode },
    captureNow: true,
    softDescriptor: 'DEMO RENEWAL',
  });
  record(
    '13',
    'createCharge',
    `${renewal.data.statusDetails?.state} · recurring`,
    price(renewal.data.captureAmount ?? renewal.data.chargeAmount),
    renewal.metadata,
  );
  expectThat(renewal.data.statusDetails?.state === 'Captured', 'a captureNow charge should be Captured');

  // 4. A decline, simulated with x-amz-pay-simulation-code.
  const declineStarted = performance.now();
  try {
    await client.createCharge(
      {
        chargePermissionId: recurringPermissionId,
        chargeAmount: { amount: recurringAmount, currencyCode },
        captureNow: true,
      },
      { simulationCode: 'HardDeclined' },
    );
    throw new DemoSurprise('a HardDeclined simulation should be declined');
  } catch (error) {
    if (error instanceof DemoSurprise) throw error;
    const apiError = error as AmazonPayApiError;
    record(
      '14',
      'createCharge',
      `${apiError.status} ${apiError.reasonCode}`,
      `${recurringAmount} ${currencyCode}`,
      {
        requestId: apiError.requestId,
        durationMs: performance.now() - declineStarted,
      },
    );
    expectThat(
      apiError.reasonCode === 'HardDeclined',
      `expected HardDeclined, got ${apiError.reasonCode}: ${apiError.message}`,
    );
  }

  // 5. A report of the transactions above.
  const now = new Date();
  const report = await client.withResponse.createReport({
    reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
    startTime: new Date(now.getTime() - 3_600_000).toISOString().replace(/\.\d{3}/, ''),
    endTime: new Date(now.getTime() + 3_600_000).toISOString().replace(/\.\d{3}/, ''),
  });
  record('15', 'createReport', 'requested', '-', report.metadata);
  const reportInfo = await settle(
    () => client.withResponse.getReportById(report.data.reportId),
    (r) => r.data.processingStatus !== 'IN_PROGRESS',
    'report generation',
  );
  record('16', 'getReportById', reportInfo.data.processingStatus ?? '?', '-', reportInfo.metadata);
  expectThat(
    reportInfo.data.processingStatus === 'COMPLETED' && reportInfo.data.reportDocumentId,
    'the report should be COMPLETED with a document',
  );
  const reportDocumentId = reportInfo.data.reportDocumentId;
  const document = await client.withResponse.getReportDocument(reportDocumentId);
  const csv = await buyer.download(document.data.url);
  const rows = csv.trim().split('\n').length - 1;
  record('17', 'getReportDocument', `${rows} CSV rows`, '-', document.metadata);
  expectThat(rows >= 3, `the report should list the captures and the refund, got ${rows} rows`);
  note(csv.trim().split('\n').slice(0, 4).join('\n'));

  // 6. Done with this customer.
  const closed = await client.withResponse.closeChargePermission(chargePermissionId, {
    closureReason: 'Order fulfilled',
    cancelPendingCharges: false,
  });
  record(
    '18',
    'closeChargePermission',
    `${closed.data.statusDetails?.state} · ${closed.data.statusDetails?.reasons?.[0]?.reasonCode}`,
    '-',
    closed.metadata,
  );
  expectThat(closed.data.statusDetails?.state === 'Closed', 'the charge permission should be Closed');
  return lines;
}

export function formatLine(line: TranscriptLine): string {
  return [
    line.step.padStart(3),
    line.operation.padEnd(25),
    line.state.padEnd(36),
    line.amount.padEnd(16),
    line.requestId.padEnd(36),
    `${line.ms} ms`.padStart(7),
  ].join('  ');
}

export const TRANSCRIPT_HEADER = [
  '  #',
  'operation'.padEnd(25),
  'state'.padEnd(36),
  'amount'.padEnd(16),
  'x-amz-pay-request-id'.padEnd(36),
  '     ms',
].join('  ');
