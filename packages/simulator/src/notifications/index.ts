// The simulated Amazon SNS topic Amazon Pay publishes IPNs to, wired from its parts: the
// subscription registry (registry.ts), the certificate authority and its keys (certificate.ts), the
// message signing (signing.ts), the delivery with retries and faults (delivery.ts) and what it
// serves under /sns/ (page.ts). `startSimulator` wires it in.
import type { Engine } from '../engine.js';
import type { StateChangeEvent, StateChangeObjectType } from '../events.js';
import type { PageHandler } from '../surfaces/pages.js';
import {
  createSnsCertificates,
  type SimulatedSnsCertificates,
  type SnsKeys,
  snsKeys,
} from './certificate.js';
import {
  type DeliveryFault,
  NotificationDelivery,
  type NotificationLogEntry,
  type RetryPolicy,
} from './delivery.js';
import { snsPage } from './page.js';
import { SubscriptionRegistry, TOPIC_ARN } from './registry.js';
import { signedNotification } from './signing.js';

export type { SnsKeys } from './certificate.js';
export type { DeliveryFault, NotificationLogEntry, RetryPolicy } from './delivery.js';

/** What a notification reports: an object of a type, its charge permission, its merchant. */
export interface NotificationSubject {
  objectType: StateChangeObjectType;
  objectId: string;
  chargePermissionId: string | null;
  merchantId: string;
  /** The state reached (for the log; IPNs carry ids only). */
  state: string;
  environment?: 'Sandbox' | 'Live';
}

/** IPN options of the simulator: an endpoint from the start, signature version, retry policy. */
export interface NotificationOptions {
  /** An IPN endpoint to deliver to from the start (more with `sim.notifications.subscribe`). */
  url?: string;
  /** Default '2' (SHA256withRSA); '1' signs with SHA1withRSA. */
  signatureVersion?: '1' | '2';
  retry?: RetryPolicy;
  /** The fetch deliveries use (a test double). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * The simulated SNS's private keys, made beforehand with `generateSnsKeys()`. Without them the
   * first simulator of the process that needs IPNs makes two RSA keys (the slow part of a start
   * with IPNs) and every later one in the process reuses them.
   */
  keys?: SnsKeys;
}

/** The simulated SNS that delivers IPNs: subscriptions, faults, the delivery log. */
export interface SimulatorNotifications {
  /** Starts delivering IPNs to `url` (idempotent). */
  subscribe(url: string): void;
  /** Stops delivering IPNs to `url`. */
  unsubscribe(url: string): void;
  /** The endpoints IPNs are delivered to. */
  readonly endpoints: readonly string[];
  /** The delivery attempts so far, oldest first: the newest 10,000 (DEFAULT_MAX_LOG_ENTRIES). */
  readonly log: readonly NotificationLogEntry[];
  /** The topic the simulated SNS publishes on. */
  readonly topicArn: string;
  /** Where the signing certificate is served (`<sim url>/sns/….pem`). */
  readonly signingCertUrl: string;
  /** The signing certificate and its CA (PEM), e.g. to pin them (made on first use). */
  certificates(): Promise<{ certificatePem: string; caCertificatePem: string }>;
  /**
   * Options for `@amazon-pay-ts/notifications` that trust this simulated SNS (its origin and topic)
   * and read time from the simulator's clock. For tests and demos only.
   */
  verifyOptions(): {
    trustedCertificateOrigins: string[];
    allowedTopicArns: string[];
    /** The simulator's clock, in ms since the epoch. */
    now: () => number;
  };
  /** Queues a fault for the next notification: `{ duplicate: true }`, `{ outOfOrder: true }`, `{ delayMs }`. */
  nextFault(fault: DeliveryFault): void;
  /** Publishes a notification by hand (state changes publish on their own). */
  publish(subject: NotificationSubject & { notificationType?: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE' }): void;
  /**
   * Resolves once every notification due by now was delivered or gave up (held out-of-order ones
   * are released). Retries scheduled later wait for the clock (`sim.clock.advance`).
   */
  settled(): Promise<void>;
}

export interface SimulatedNotifications {
  api: SimulatorNotifications;
  /** Serves the signing certificate, its CA and the UnsubscribeURL under `/sns/`. */
  page: PageHandler;
  /** Back to the start: the subscriptions the options gave, no queued fault, an empty log. */
  reset(): void;
  close(): void;
}

const TICK_MS = 100;

export async function createSimulatedNotifications(
  engine: Engine,
  options: NotificationOptions = {},
): Promise<SimulatedNotifications> {
  // Certificates are issued on first need (a subscription), so simulators without IPNs start fast.
  let certificates: Promise<SimulatedSnsCertificates> | undefined;
  const ready = () => {
    certificates ??= snsKeys(options.keys).then((keys) => createSnsCertificates(keys));
    return certificates;
  };
  const certificateName = `SimpleNotificationService-${engine.ids.hex('snsCertificate', 16)}.pem`;
  const registry = new SubscriptionRegistry(engine.ids);
  // Timed transitions (a pending authorization, a refund), deliveries and retries are due on the
  // simulator's clock, which follows real time: while anyone listens, run what is due even when no
  // request comes in.
  let ticker: ReturnType<typeof setInterval> | undefined;
  const subscribe = (url: string) => {
    if (!registry.add(url)) return;
    void ready();
    if (ticker) return;
    ticker = setInterval(() => engine.runDue(), TICK_MS);
    ticker.unref();
  };
  if (options.url) subscribe(options.url);
  const retry = options.retry ?? {};
  const delivery = new NotificationDelivery(
    engine,
    () => registry.endpoints,
    {
      retries: retry.retries ?? 3,
      delayMs: retry.delayMs ?? 20_000,
      backoff: retry.backoff ?? 'linear',
      maxDelayMs: retry.maxDelayMs ?? 600_000,
      timeoutMs: retry.timeoutMs ?? 15_000,
    },
    options.fetch,
  );
  const signingCertUrl = () => `${engine.baseUrl}/sns/${certificateName}`;

  const publish = (
    change: NotificationSubject,
    notificationType: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE' = 'STATE_CHANGE',
  ) => {
    const notificationId = engine.ids.uuid('notification');
    const messageId = engine.ids.uuid('snsMessage');
    const timestamp = engine.now();
    let signed: ReturnType<typeof signedNotification> | undefined;
    delivery.publish({
      notificationId,
      objectType: change.objectType,
      objectId: change.objectId,
      state: change.state,
      message: async (endpoint) => {
        signed ??= signedNotification(
          {
            messageId,
            topicArn: TOPIC_ARN,
            message: JSON.stringify({
              ReleaseEnvironment: change.environment ?? 'Sandbox',
              MerchantID: change.merchantId,
              ObjectType: change.objectType,
              ObjectId: change.objectId,
              ChargePermissionId: change.chargePermissionId,
              NotificationType: notificationType,
              NotificationId: notificationId,
              NotificationVersion: 'V2',
            }),
            timestamp,
            signatureVersion: options.signatureVersion ?? '2',
            signingCertUrl: signingCertUrl(),
          },
          (await ready()).signing,
        );
        const arn = registry.arnOf(endpoint);
        return {
          ...(await signed),
          UnsubscribeURL: `${engine.baseUrl}/sns/unsubscribe?SubscriptionArn=${encodeURIComponent(arn)}`,
        };
      },
    });
  };

  const stopListening = engine.changes.on((event: StateChangeEvent) =>
    publish({
      objectType: event.objectType,
      objectId: event.objectId,
      chargePermissionId: event.chargePermissionId,
      merchantId: event.merchantId,
      state: event.state,
      environment: event.environment,
    }),
  );
  if (options.url) await ready();

  const api: SimulatorNotifications = {
    subscribe,
    unsubscribe: (url) => registry.remove(url),
    get endpoints() {
      return registry.endpoints;
    },
    get log() {
      return delivery.log.map((entry) => Object.freeze({ ...entry }));
    },
    topicArn: TOPIC_ARN,
    get signingCertUrl() {
      return signingCertUrl();
    },
    async certificates() {
      const { signing, ca } = await ready();
      return { certificatePem: signing.pem, caCertificatePem: ca.pem };
    },
    verifyOptions: () => ({
      trustedCertificateOrigins: [new URL(engine.baseUrl).origin],
      allowedTopicArns: [TOPIC_ARN],
      now: () => engine.now().getTime(),
    }),
    nextFault: (fault) => delivery.nextFault(fault),
    publish: ({ notificationType, ...change }) => publish(change, notificationType),
    async settled() {
      engine.runDue();
      delivery.release();
      await delivery.drain();
    },
  };

  return {
    api,
    page: snsPage({ certificateName, certificates: ready, registry }),
    reset() {
      for (const endpoint of registry.endpoints) registry.remove(endpoint);
      if (options.url) registry.add(options.url);
      delivery.reset();
    },
    close() {
      if (ticker) clearInterval(ticker);
      stopListening();
      delivery.close();
    },
  };
}
