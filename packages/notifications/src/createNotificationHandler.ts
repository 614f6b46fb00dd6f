import { NotificationError } from './errors.js';
import { type Notification, parseNotification } from './parseNotification.js';
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
}

/** Options of {@link createNotificationHandler}: the callback, deduplication, an optional client and logger. */
export interface NotificationHandlerOptions extends VerifyOptions {
  /** Called once per notification (by NotificationId); throw to answer 500 and have SNS retry. */
  onNotification(notification: Notification, context: NotificationContext): unknown;
  /** Deduplication store; default an in-memory store of the 10 000 most recent ids. */
  seen?: SeenStore;
  /** A verifier to share (its certificate cache); default one built from these options. */
  verifier?: SnsVerifier;
  /** Given a client, the handler fetches the object before calling `onNotification`. */
  client?: ResourceClient;
  /**
   * Confirm SNS subscriptions by requesting their `SubscribeURL` (after verification, and only on an
   * SNS host or a trusted origin). Off by default: subscribing an endpoint is the merchant's decision.
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

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * A web-standard IPN endpoint: `(Request) => Promise<Response>`. Verifies the SNS message,
 * answers subscription messages, deduplicates notifications and calls `onNotification` once per
 * notification. 2xx only when the notification was handled (or had been); 400 for a refused
 * message, 413 for an oversized body, 500 when `onNotification` (or resolving) failed, 503 when
 * the signing certificate could not be fetched — so SNS retries what may succeed later.
 */
export function createNotificationHandler(options: NotificationHandlerOptions): NotificationHandler {
  const verifier = options.verifier ?? createSnsVerifier(options);
  const seen = options.seen ?? createMemorySeenStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const inFlight = new Map<string, Promise<'OK' | 'DUPLICATE'>>();

  const warn = (message: string, details: Record<string, unknown>) => options.logger?.warn(message, details);

  const handleOnce = async (notification: Notification, sns: VerifiedSnsMessage): Promise<void> => {
    const context: NotificationContext = { sns };
    if (options.client) context.resource = await resolveNotification(notification, options.client);
    await options.onNotification(notification, context);
    await seen.add(notification.notificationId);
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
      if (sns.Type === 'Notification') notification = parseNotification(sns);
    } catch (error) {
      if (!(error instanceof NotificationError)) throw error;
      warn('IPN refused', { reason: error.reason, message: error.message });
      return text(error.reason === 'CERTIFICATE_UNAVAILABLE' ? 503 : 400, error.reason);
    }

    if (notification === undefined) {
      try {
        if (sns.Type === 'SubscriptionConfirmation' && options.confirmSubscriptions) {
          const url = checkSubscribeUrl(sns.SubscribeURL ?? '', options);
          const confirmed = await (options.fetch ?? globalThis.fetch)(url.href, { redirect: 'error' });
          await confirmed.body?.cancel();
          if (!confirmed.ok) throw new Error(`SubscribeURL answered ${confirmed.status}`);
        }
        await options.onSubscriptionMessage?.(sns);
      } catch (error) {
        warn('SNS subscription message failed', { type: sns.Type, error: describe(error) });
        return text(error instanceof NotificationError ? 400 : 500, 'SUBSCRIPTION_FAILED');
      }
      return text(200, 'OK');
    }

    const id = notification.notificationId;
    // Registered before the first await, so a concurrent delivery of the same notification waits
    // for this one instead of running onNotification a second time.
    const running = inFlight.get(id);
    const processing =
      running ??
      (async () => {
        if (await seen.has(id)) return 'DUPLICATE';
        await handleOnce(notification, sns);
        return 'OK';
      })();
    if (!running) inFlight.set(id, processing);
    try {
      const outcome = await processing;
      return text(200, running ? 'DUPLICATE' : outcome);
    } catch (error) {
      warn('IPN handler failed', { notificationId: id, error: describe(error) });
      return text(500, 'HANDLER_FAILED');
    } finally {
      if (!running) inFlight.delete(id);
    }
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readBody(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await request.body?.cancel();
    return undefined;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
