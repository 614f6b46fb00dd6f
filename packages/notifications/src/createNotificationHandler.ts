import { attempt, startDeadline, TIMED_OUT } from './deadline.js';
import { NotificationError } from './errors.js';
import { type Notification, parseNotification } from './parseNotification.js';
import { readCapped } from './readCapped.js';
import { type ResolvedResource, type ResourceClient, resolveNotification } from './resolveNotification.js';
import { createMemorySeenStore, type SeenStore } from './seenStore.js';
import { checkSubscribeUrl } from './signingCertUrl.js';
import {
  createSnsVerifier,
  DEFAULT_MAX_BODY_BYTES,
  type SnsVerifier,
  type VerifiedSnsMessage,
  type VerifyOptions,
} from './verifySnsMessage.js';

/** What the `onNotification` callback gets besides the notification. */
export interface NotificationContext {
  /** The verified SNS message the notification came in. */
  sns: VerifiedSnsMessage;
  /** The object's current state, when the handler was given a `client`. */
  resource?: ResolvedResource;
  /**
   * Aborted when `handlerTimeoutMs` passes: SNS has then been answered 503 and will deliver again,
   * so stop (and do not commit) work that is still running.
   */
  signal: AbortSignal;
}

/** Options of {@link createNotificationHandler}: the callback, trust, limits, deduplication, client and logger. */
export interface NotificationHandlerOptions extends VerifyOptions {
  /** Called once per notification (by NotificationId); throw to answer 500 and have SNS retry. */
  onNotification(notification: Notification, context: NotificationContext): unknown;
  /**
   * Your Amazon Pay merchant id (the `merchantId` your checkout.js button is rendered with), or the
   * list of them: a notification whose `MerchantID` is another is refused (`MERCHANT_NOT_ALLOWED`).
   */
  merchantId?: string | readonly string[];
  /**
   * How long claiming, resolving and `onNotification` may take before SNS is answered 503 and the
   * notification released for the next delivery. Default 8 s, under the 15 s SNS waits for an answer.
   */
  handlerTimeoutMs?: number;
  /** Deduplication store; default an in-memory store of the 10 000 most recent ids. */
  seen?: SeenStore;
  /** How long a processed NotificationId is remembered (redeliveries within it are skipped). Default 24 h. */
  seenTtlMs?: number;
  /** A verifier to share (its certificate cache); default one built from these options. */
  verifier?: SnsVerifier;
  /** Given a client, the handler fetches the object before calling `onNotification`. */
  client?: ResourceClient;
  /**
   * Confirm SNS subscriptions of allowed topics by requesting their `SubscribeURL` (after
   * verification, only on an SNS host or a trusted origin, within `handlerTimeoutMs`). Off by
   * default: subscribing an endpoint is the merchant's decision.
   */
  confirmSubscriptions?: boolean;
  /** Called for verified SubscriptionConfirmation and UnsubscribeConfirmation messages. */
  onSubscriptionMessage?(message: VerifiedSnsMessage): unknown;
  /** Told why a request was refused or failed; the handler is silent without one. */
  logger?: {
    /** Receives what was refused or failed, with details. */
    warn(message: string, details: Record<string, unknown>): void;
  };
}

/** A web-standard request handler (Request in, Response out) for the IPN endpoint. */
export type NotificationHandler = (request: Request) => Promise<Response>;

/** The handler's time limit by default: 8 s, leaving room within SNS's 15 s for verification. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 8_000;
/** How long a processed notification is remembered by default: 24 hours. */
export const DEFAULT_SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim outlives the handler's limit by this much, so it expires soon after a receiver crashed. */
const CLAIM_MARGIN_MS = 5_000;
/** Recording the outcome (complete, release) is not awaited longer than this. */
const STORE_CALL_MS = 2_000;

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * A web-standard IPN endpoint: `(Request) => Promise<Response>`. Verifies the SNS message (only
 * Amazon Pay's topics by default), answers subscription messages, deduplicates notifications through
 * the `seen` store and calls `onNotification` once per notification, within `handlerTimeoutMs`.
 * 2xx only when the notification was handled (or had been); 400 for a refused message, 413 for an
 * oversized body, 500 when `onNotification` (or resolving) failed, 503 when the signing certificate
 * could not be fetched or the time ran out — so SNS retries what may succeed later.
 */
export function createNotificationHandler(options: NotificationHandlerOptions): NotificationHandler {
  const verifier = options.verifier ?? createSnsVerifier(options);
  const seen = options.seen ?? createMemorySeenStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const seenTtlMs = options.seenTtlMs ?? DEFAULT_SEEN_TTL_MS;
  const merchantIds = merchantList(options.merchantId);
  if (!(timeoutMs > 0)) throw new RangeError('handlerTimeoutMs must be a positive number of milliseconds');

  const warn = (message: string, details: Record<string, unknown>) => options.logger?.warn(message, details);

  const subscriptionMessage = async (sns: VerifiedSnsMessage): Promise<Response> => {
    const deadline = startDeadline(timeoutMs);
    try {
      const outcome = await deadline.race(async () => {
        if (sns.Type === 'SubscriptionConfirmation' && options.confirmSubscriptions) {
          const url = checkSubscribeUrl(sns.SubscribeURL ?? '', options);
          const fetchImpl = options.fetch ?? globalThis.fetch;
          const confirmed = await fetchImpl(url.href, { redirect: 'error', signal: deadline.signal });
          await confirmed.body?.cancel().catch(() => {});
          if (!confirmed.ok) throw new Error(`SubscribeURL answered ${confirmed.status}`);
        }
        await options.onSubscriptionMessage?.(sns);
      });
      if (outcome === TIMED_OUT) {
        warn('SNS subscription message timed out', { type: sns.Type, handlerTimeoutMs: timeoutMs });
        return text(503, 'HANDLER_TIMEOUT');
      }
      return text(200, 'OK');
    } catch (error) {
      warn('SNS subscription message failed', { type: sns.Type, error: describe(error) });
      return text(error instanceof NotificationError ? 400 : 500, 'SUBSCRIPTION_FAILED');
    } finally {
      deadline.clear();
    }
  };

  /** Claim → (resolve →) onNotification → complete, all within the deadline; released unless done. */
  const processNotification = async (
    notification: Notification,
    sns: VerifiedSnsMessage,
  ): Promise<Response> => {
    const id = notification.notificationId;
    const deadline = startDeadline(timeoutMs);
    try {
      let claimed: boolean | typeof TIMED_OUT;
      try {
        claimed = await deadline.race(() => seen.claim(id, timeoutMs + CLAIM_MARGIN_MS));
      } catch (error) {
        warn('IPN seen store failed to claim', { notificationId: id, error: describe(error) });
        return text(503, 'SEEN_STORE_FAILED');
      }
      if (claimed === TIMED_OUT) {
        // Whether the claim happened is unknown: it is not released here and expires on its own.
        warn('IPN seen store did not answer the claim in time', {
          notificationId: id,
          handlerTimeoutMs: timeoutMs,
        });
        return text(503, 'HANDLER_TIMEOUT');
      }
      if (!claimed) return text(200, 'DUPLICATE');

      const context: NotificationContext = { sns, signal: deadline.signal };
      let outcome: 'DONE' | typeof TIMED_OUT;
      try {
        outcome = await deadline.race(async () => {
          if (options.client) context.resource = await resolveNotification(notification, options.client);
          await options.onNotification(notification, context);
          return 'DONE' as const;
        });
      } catch (error) {
        await release(id);
        warn('IPN handler failed', { notificationId: id, error: describe(error) });
        return text(500, 'HANDLER_FAILED');
      }
      if (outcome === TIMED_OUT) {
        await release(id);
        warn('IPN handler timed out', { notificationId: id, handlerTimeoutMs: timeoutMs });
        return text(503, 'HANDLER_TIMEOUT');
      }
      const failed = await attempt(() => seen.complete(id, seenTtlMs), STORE_CALL_MS);
      // The work is done: answering 5xx now would only have it done again.
      if (failed)
        warn('IPN seen store failed to record a processed notification', {
          notificationId: id,
          error: describe(failed),
        });
      return text(200, 'OK');
    } finally {
      deadline.clear();
    }
  };

  const release = async (id: string) => {
    const failed = await attempt(() => seen.release(id), STORE_CALL_MS);
    if (failed)
      warn('IPN seen store failed to release a notification', {
        notificationId: id,
        error: describe(failed),
      });
  };

  return async (request) => {
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) {
      warn('IPN refused', { reason: 'BODY_TOO_LARGE' });
      return text(413, 'BODY_TOO_LARGE');
    }
    let sns: VerifiedSnsMessage;
    let notification: Notification | undefined;
    try {
      sns = await verifier.verify(body);
      if (sns.Type === 'Notification') {
        notification = parseNotification(sns);
        if (merchantIds && !merchantIds.includes(notification.merchantId)) {
          throw new NotificationError('MERCHANT_NOT_ALLOWED', "MerchantID is not the handler's merchantId");
        }
      }
    } catch (error) {
      if (!(error instanceof NotificationError)) throw error;
      warn('IPN refused', { reason: error.reason, message: error.message });
      return text(error.reason === 'CERTIFICATE_UNAVAILABLE' ? 503 : 400, error.reason);
    }
    return notification === undefined ? subscriptionMessage(sns) : processNotification(notification, sns);
  };
}

function merchantList(merchantId: string | readonly string[] | undefined): readonly string[] | undefined {
  if (merchantId === undefined) return undefined;
  const list = typeof merchantId === 'string' ? [merchantId] : merchantId;
  if (list.length === 0 || list.some((id) => id.trim() === '')) {
    throw new RangeError('merchantId must be your Amazon Pay merchant id (or a non-empty list of them)');
  }
  return list;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readBody(request: Request, limit: number): Promise<string | undefined> {
  const bytes = await readCapped(request.body, limit, request.headers.get('content-length'));
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}
