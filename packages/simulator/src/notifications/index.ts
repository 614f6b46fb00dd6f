// The simulated Amazon SNS topic Amazon Pay publishes IPNs to: its certificate (served over the
// simulator's URL), the subscriptions, signing and delivery. `startSimulator` wires it in.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Engine } from '../engine.js';
import type { StateChangeEvent, StateChangeObjectType } from '../events.js';
import type { PageHandler } from '../surfaces/pages.js';
import { createSnsCertificates, type SimulatedSnsCertificates } from './certificate.js';
import {
  type DeliveryFault,
  NotificationDelivery,
  type NotificationLogEntry,
  type RetryPolicy,
} from './delivery.js';
import { signedNotification } from './sns-message.js';

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
}

/** The simulated SNS that delivers IPNs: subscriptions, faults, the delivery log. */
export interface SimulatorNotifications {
  /** Starts delivering IPNs to `url` (idempotent). */
  subscribe(url: string): void;
  /** Stops delivering IPNs to `url`. */
  unsubscribe(url: string): void;
  /** The endpoints IPNs are delivered to. */
  readonly endpoints: readonly string[];
  /** Every delivery attempt, oldest first. */
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
  close(): void;
}

const TICK_MS = 100;

export async function createSimulatedNotifications(
  engine: Engine,
  options: NotificationOptions = {},
): Promise<SimulatedNotifications> {
  // Two RSA key generations: done once something subscribes, so simulators without IPNs start fast.
  let certificates: Promise<SimulatedSnsCertificates> | undefined;
  const ready = () => {
    certificates ??= createSnsCertificates();
    return certificates;
  };
  const certificateName = `SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
  // Timed transitions (a pending authorization, a refund), deliveries and retries are due on the
  // simulator's clock, which follows real time: while anyone listens, run what is due even when no
  // request comes in.
  let ticker: ReturnType<typeof setInterval> | undefined;
  const startTicking = () => {
    if (ticker) return;
    ticker = setInterval(() => engine.runDue(), TICK_MS);
    ticker.unref();
  };
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:AmazonPaySimulator-IPN';
  const signatureVersion = options.signatureVersion ?? '2';
  const endpoints: string[] = [];
  /** Subscription ARN → endpoint, for UnsubscribeURL. */
  const subscriptions = new Map<string, string>();
  const addEndpoint = (url: string) => {
    const checked = checkEndpoint(url);
    if (endpoints.includes(checked)) return;
    endpoints.push(checked);
    void ready();
    startTicking();
    subscriptions.set(`${topicArn}:${randomUUID()}`, checked);
  };
  const removeEndpoint = (url: string) => {
    const index = endpoints.indexOf(url);
    if (index !== -1) endpoints.splice(index, 1);
    for (const [arn, endpoint] of subscriptions) if (endpoint === url) subscriptions.delete(arn);
  };
  if (options.url) addEndpoint(options.url);
  const retry = options.retry ?? {};
  const delivery = new NotificationDelivery(
    engine,
    () => endpoints,
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
    const notificationId = randomUUID();
    const messageId = randomUUID();
    const timestamp = engine.now();
    let signed: ReturnType<typeof signedNotification> | undefined;
    const unsubscribeUrl = (endpoint: string) => {
      const arn = [...subscriptions].find(([, url]) => url === endpoint)?.[0] ?? topicArn;
      return `${engine.baseUrl}/sns/unsubscribe?SubscriptionArn=${encodeURIComponent(arn)}`;
    };
    delivery.publish({
      notificationId,
      objectType: change.objectType,
      objectId: change.objectId,
      state: change.state,
      message: async (endpoint) => {
        signed ??= signedNotification(
          {
            messageId,
            topicArn,
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
            signatureVersion,
            signingCertUrl: signingCertUrl(),
          },
          (await ready()).signing,
        );
        return { ...(await signed), UnsubscribeURL: unsubscribeUrl(endpoint) };
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
    subscribe: (url) => addEndpoint(url),
    unsubscribe: (url) => removeEndpoint(checkEndpoint(url)),
    get endpoints() {
      return [...endpoints];
    },
    get log() {
      return delivery.log.map((entry) => Object.freeze({ ...entry }));
    },
    topicArn,
    get signingCertUrl() {
      return signingCertUrl();
    },
    async certificates() {
      const { signing, ca } = await ready();
      return { certificatePem: signing.pem, caCertificatePem: ca.pem };
    },
    verifyOptions: () => ({
      trustedCertificateOrigins: [new URL(engine.baseUrl).origin],
      allowedTopicArns: [topicArn],
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
    page: {
      name: 'sns',
      match: ({ method, url }) => method === 'GET' && url.pathname.startsWith('/sns/'),
      async handle({ url, res }) {
        if (url.pathname === `/sns/${certificateName}` || url.pathname === '/sns/ca.pem') {
          const { ca, signing } = await ready();
          const pem = url.pathname === '/sns/ca.pem' ? ca.pem : signing.pem;
          res.writeHead(200, {
            'content-type': 'application/x-pem-file',
            'content-length': Buffer.byteLength(pem),
          });
          res.end(pem);
          return;
        }
        const endpoint =
          url.pathname === '/sns/unsubscribe'
            ? subscriptions.get(url.searchParams.get('SubscriptionArn') ?? '')
            : undefined;
        if (endpoint === undefined) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('Not found.');
          return;
        }
        removeEndpoint(endpoint);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<UnsubscribeResponse><ResponseMetadata><RequestId>simulated</RequestId></ResponseMetadata></UnsubscribeResponse>',
        );
      },
    },
    close() {
      if (ticker) clearInterval(ticker);
      stopListening();
      delivery.close();
    },
  };
}

function checkEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`IPN endpoint must be an absolute http(s) URL, got '${url}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new RangeError(`IPN endpoint must be http or https, got '${parsed.protocol}'`);
  }
  return parsed.href;
}
