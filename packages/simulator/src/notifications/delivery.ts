// Delivery like SNS's to an HTTP(S) subscriber: POST the signed message, retry on a non-2xx answer,
// a connection error or a timeout, with backoff on the simulator's clock, a bounded number of times.
// Faults on demand: a duplicate delivery, a notification overtaken by the next one, a delay.
import type { SnsMessage } from '@amazon-pay-ts/types';
import { appendCapped } from '../capped-log.js';
import type { Engine } from '../engine.js';

/** How the simulated SNS retries a delivery the endpoint did not accept. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3, as SNS's default HTTP/S delivery policy. */
  retries?: number;
  /** Delay before the first retry, simulated ms. Default 20 000 (SNS's default: 20 s apart). */
  delayMs?: number;
  /** `linear` keeps `delayMs` between attempts (SNS's default); `exponential` doubles it. */
  backoff?: 'linear' | 'exponential';
  /** Cap of one delay. Default 600 000. */
  maxDelayMs?: number;
  /** Real-time limit of one POST. Default 15 000 (SNS's HTTP/S timeout). */
  timeoutMs?: number;
}

/** SNS caps an HTTP/S policy's total retry time at 3 600 s. */
export const MAX_TOTAL_RETRY_MS = 3600_000;

/** A fault for the next notification: delivered twice, out of order, or late. */
export type DeliveryFault = { duplicate: true } | { outOfOrder: true } | { delayMs: number };

/** One IPN delivery attempt, as the simulator's delivery log records it. */
export interface NotificationLogEntry {
  /** The IPN's NotificationId and the SNS MessageId (the same on every attempt and duplicate). */
  notificationId: string;
  messageId: string;
  objectType: string;
  objectId: string;
  /** The state the object had reached when the notification was published. */
  state: string;
  endpoint: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Simulated time of the attempt (ISO 8601). */
  at: string;
  /** HTTP status the endpoint answered, or null when it did not answer (connection error, timeout). */
  status: number | null;
  /** Why the attempt failed when there was no status ('timeout', a connection error). */
  error: string | null;
  outcome: 'delivered' | 'retry-scheduled' | 'gave-up';
  /** The fault that shaped this delivery, if any. */
  fault: 'duplicate' | 'out-of-order' | 'delayed' | null;
}

export interface OutgoingNotification {
  notificationId: string;
  objectType: string;
  objectId: string;
  state: string;
  /**
   * The message for one endpoint: signed on first use, the same signature on every attempt; only
   * the (unsigned) UnsubscribeURL differs per subscription.
   */
  message: (endpoint: string) => Promise<SnsMessage>;
}

interface Attempt {
  notification: OutgoingNotification;
  endpoint: string;
  attempt: number;
  fault: NotificationLogEntry['fault'];
}

export class NotificationDelivery {
  readonly log: NotificationLogEntry[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly faults: DeliveryFault[] = [];
  private held: OutgoingNotification | undefined;
  /** Attempts scheduled on the engine and not yet started. */
  private scheduled = 0;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly endpoints: () => readonly string[],
    private readonly policy: Required<RetryPolicy>,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {}

  /** Queues a fault for the next published notification. */
  nextFault(fault: DeliveryFault): void {
    this.faults.push(fault);
  }

  publish(notification: OutgoingNotification): void {
    if (this.endpoints().length === 0) return;
    const fault = this.faults.shift();
    if (fault && 'outOfOrder' in fault) {
      // Held back until the next notification has been delivered.
      this.release();
      this.held = notification;
      return;
    }
    const delay = fault && 'delayMs' in fault ? fault.delayMs : 0;
    const kind = fault && 'duplicate' in fault ? 'duplicate' : delay > 0 ? 'delayed' : null;
    const sent = this.sendToAll(notification, delay, kind);
    if (kind === 'duplicate') sent.push(...this.sendToAll(notification, 0, 'duplicate'));
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.track(Promise.allSettled(sent).then(() => void this.sendToAll(held, 0, 'out-of-order')));
  }

  /** Sends a held (out-of-order) notification now, when no next one came. */
  release(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.sendToAll(held, 0, 'out-of-order');
  }

  /** True while an attempt is running or scheduled, or a notification is held. */
  get busy(): boolean {
    return this.inFlight.size > 0 || this.scheduled > 0 || this.held !== undefined;
  }

  /** Waits for the attempts running now. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Forgets the log, queued faults and a held notification; attempts under way finish. */
  reset(): void {
    this.log.length = 0;
    this.faults.length = 0;
    this.held = undefined;
  }

  close(): void {
    this.closed = true;
  }

  /** Starts (or schedules) the first attempt to every endpoint; returns those started now. */
  private sendToAll(notification: OutgoingNotification, delayMs: number, fault: Attempt['fault']) {
    const started: Promise<void>[] = [];
    for (const endpoint of this.endpoints()) {
      const running = this.schedule({ notification, endpoint, attempt: 1, fault }, delayMs);
      if (running) started.push(running);
    }
    return started;
  }

  private schedule(attempt: Attempt, delayMs: number): Promise<void> | undefined {
    if (delayMs <= 0) return this.start(attempt);
    this.scheduled += 1;
    this.engine.schedule(new Date(this.engine.now().getTime() + delayMs), () => {
      this.scheduled -= 1;
      this.start(attempt);
    });
  }

  private start(attempt: Attempt): Promise<void> | undefined {
    if (this.closed) return undefined;
    return this.track(this.attempt(attempt));
  }

  private track(work: Promise<void>): Promise<void> {
    const running = work.finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
    return running;
  }

  private async attempt(attempt: Attempt): Promise<void> {
    const { notification, endpoint } = attempt;
    const message = await notification.message(endpoint);
    const at = this.engine.now().toISOString();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.fetchImpl(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain; charset=UTF-8',
          'user-agent': 'Amazon Simple Notification Service Agent',
          'x-amz-sns-message-type': message.Type,
          'x-amz-sns-message-id': message.MessageId,
          'x-amz-sns-topic-arn': message.TopicArn,
        },
        body: JSON.stringify(message),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error =
        (caught as Error).name === 'TimeoutError'
          ? 'timeout'
          : (caught as Error).message || 'connection error';
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const retryDelay = this.retryDelay(attempt.attempt);
    const outcome = delivered
      ? 'delivered'
      : retryDelay === undefined || this.closed
        ? 'gave-up'
        : 'retry-scheduled';
    appendCapped(this.log, {
      notificationId: notification.notificationId,
      messageId: message.MessageId,
      objectType: notification.objectType,
      objectId: notification.objectId,
      state: notification.state,
      endpoint,
      attempt: attempt.attempt,
      at,
      status,
      error,
      outcome,
      fault: attempt.fault,
    });
    if (outcome === 'retry-scheduled') {
      this.schedule({ ...attempt, attempt: attempt.attempt + 1 }, retryDelay!);
    }
  }

  /** The delay before retry number `attempt` (1-based), or undefined when the policy is spent. */
  private retryDelay(attempt: number): number | undefined {
    if (attempt > this.policy.retries) return undefined;
    const { delayMs, backoff, maxDelayMs } = this.policy;
    const delay = (n: number) =>
      Math.min(maxDelayMs, backoff === 'exponential' ? delayMs * 2 ** (n - 1) : delayMs);
    let total = 0;
    for (let n = 1; n <= attempt; n++) total += delay(n);
    return total > MAX_TOTAL_RETRY_MS ? undefined : delay(attempt);
  }
}
