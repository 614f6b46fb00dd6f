// The simulated Amazon SNS topic Amazon Pay publishes IPNs to: its certificate (served over the
// simulator's URL), the subscriptions, signing and delivery. `startSimulator` wires it in.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine.js';
import { merchantId as newMerchantId } from '../ids.js';
import { createSnsCertificates, type SimulatedSnsCertificates } from './certificate.js';
import {
  type DeliveryFault,
  NotificationDelivery,
  type NotificationLogEntry,
  type RetryPolicy,
} from './delivery.js';
import { signedNotification } from './sns-message.js';
import { type StateChange, stateChangeWatcher } from './state-changes.js';

export type { DeliveryFault, NotificationLogEntry, RetryPolicy } from './delivery.js';
export type { StateChange } from './state-changes.js';

export interface NotificationOptions {
  /** An IPN endpoint to deliver to from the start (more with `sim.notifications.subscribe`). */
  url?: string;
  /** The MerchantID the messages carry. Default: one generated per simulator. */
  merchantId?: string;
  /** Default '2' (SHA256withRSA); '1' signs with SHA1withRSA. */
  signatureVersion?: '1' | '2';
  retry?: RetryPolicy;
  /** The fetch deliveries use (a test double). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

export interface SimulatorNotifications {
  /** Starts delivering IPNs to `url` (idempotent). */
  subscribe(url: string): void;
  unsubscribe(url: string): void;
  readonly endpoints: readonly string[];
  /** Every delivery attempt, oldest first. */
  readonly log: readonly NotificationLogEntry[];
  /** The topic the simulated SNS publishes on. */
  readonly topicArn: string;
  readonly merchantId: string;
  /** Where the signing certificate is served (`<sim url>/sns/….pem`). */
  readonly signingCertUrl: string;
  /** The signing certificate and its CA (PEM), e.g. to pin them. */
  readonly certificatePem: string;
  readonly caCertificatePem: string;
  /**
   * Options for `@amazon-pay-ts/notifications` that trust this simulated SNS (its origin and topic)
   * and read time from the simulator's clock. For tests and demos only.
   */
  verifyOptions(): { trustedCertificateOrigins: string[]; allowedTopicArns: string[]; now: () => number };
  /** Queues a fault for the next notification: `{ duplicate: true }`, `{ outOfOrder: true }`, `{ delayMs }`. */
  nextFault(fault: DeliveryFault): void;
  /** Publishes a notification by hand (state changes publish on their own). */
  publish(change: StateChange & { notificationType?: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE' }): void;
  /**
   * Resolves once every notification due by now was delivered or gave up (held out-of-order ones
   * are released). Retries scheduled later wait for the clock (`sim.clock.advance`).
   */
  settled(): Promise<void>;
}

export interface SimulatedNotifications {
  api: SimulatorNotifications;
  /** Serves the certificate and the unsubscribe URL; false for other paths. */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Looks for state changes (after each API request and due task) and publishes them. */
  poll(): void;
  close(): void;
}

const TICK_MS = 100;

export async function createSimulatedNotifications(
  engine: Engine,
  options: NotificationOptions = {},
): Promise<SimulatedNotifications> {
  const certificates: SimulatedSnsCertificates = await createSnsCertificates();
  const certificateName = `SimpleNotificationService-${createHash('sha256').update(certificates.signing.der).digest('hex').slice(0, 32)}.pem`;
  const merchantId = options.merchantId ?? newMerchantId();
  const topicArn = `arn:aws:sns:us-east-1:000000000000:AmazonPaySimulator-${merchantId}`;
  const signatureVersion = options.signatureVersion ?? '2';
  const endpoints: string[] = [];
  /** Subscription ARN → endpoint, for UnsubscribeURL. */
  const subscriptions = new Map<string, string>();
  const addEndpoint = (url: string) => {
    const checked = checkEndpoint(url);
    if (endpoints.includes(checked)) return;
    endpoints.push(checked);
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
  const changes = stateChangeWatcher(engine.store);
  const signingCertUrl = () => `${engine.baseUrl}/sns/${certificateName}`;

  const publish = (
    change: StateChange,
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
              ReleaseEnvironment: 'Sandbox',
              MerchantID: merchantId,
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
          certificates.signing,
        );
        return { ...(await signed), UnsubscribeURL: unsubscribeUrl(endpoint) };
      },
    });
  };

  const poll = () => {
    for (const change of changes()) publish(change);
  };
  // Deliveries and retries are due on the simulator's clock, which also follows real time.
  const ticker = setInterval(() => {
    engine.runDue();
    poll();
  }, TICK_MS);
  ticker.unref();

  const api: SimulatorNotifications = {
    subscribe(url) {
      addEndpoint(url);
      // Objects that exist already are not news to a new subscriber.
      changes();
    },
    unsubscribe: (url) => removeEndpoint(checkEndpoint(url)),
    get endpoints() {
      return [...endpoints];
    },
    get log() {
      return delivery.log.map((entry) => Object.freeze({ ...entry }));
    },
    topicArn,
    merchantId,
    get signingCertUrl() {
      return signingCertUrl();
    },
    certificatePem: certificates.signing.pem,
    caCertificatePem: certificates.ca.pem,
    verifyOptions: () => ({
      trustedCertificateOrigins: [new URL(engine.baseUrl).origin],
      allowedTopicArns: [topicArn],
      now: () => engine.now().getTime(),
    }),
    nextFault: (fault) => delivery.nextFault(fault),
    publish: ({ notificationType, ...change }) => publish(change, notificationType),
    async settled() {
      engine.runDue();
      poll();
      delivery.release();
      await delivery.drain();
    },
  };

  return {
    api,
    poll,
    handleRequest(req, res, url) {
      if (req.method === 'GET' && url.pathname === `/sns/${certificateName}`) {
        res.writeHead(200, {
          'content-type': 'application/x-pem-file',
          'content-length': Buffer.byteLength(certificates.signing.pem),
        });
        res.end(certificates.signing.pem);
        return true;
      }
      if (req.method === 'GET' && url.pathname === '/sns/ca.pem') {
        res.writeHead(200, { 'content-type': 'application/x-pem-file' });
        res.end(certificates.ca.pem);
        return true;
      }
      if (req.method === 'GET' && url.pathname === '/sns/unsubscribe') {
        const endpoint = subscriptions.get(url.searchParams.get('SubscriptionArn') ?? '');
        if (endpoint === undefined) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('No such subscription.');
          return true;
        }
        removeEndpoint(endpoint);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<UnsubscribeResponse><ResponseMetadata><RequestId>simulated</RequestId></ResponseMetadata></UnsubscribeResponse>',
        );
        return true;
      }
      return false;
    },
    close() {
      clearInterval(ticker);
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
