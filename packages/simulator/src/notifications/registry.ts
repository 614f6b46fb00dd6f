// The simulated SNS topic's subscriptions: which endpoints receive IPNs, each under its own
// subscription ARN (what a message's UnsubscribeURL names).
import type { Ids } from '../ids.js';

/** The topic the simulated SNS publishes on. */
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:AmazonPaySimulator-IPN';

/** An IPN endpoint as given, checked and normalised (`new URL(url).href`). */
export function checkEndpoint(url: string): string {
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

export class SubscriptionRegistry {
  /** Subscription ARN → endpoint, in subscription order. */
  private readonly byArn = new Map<string, string>();

  constructor(private readonly ids: Ids) {}

  /** Subscribes `url` (idempotent); true when it was not subscribed before. */
  add(url: string): boolean {
    const endpoint = checkEndpoint(url);
    if (this.endpoints.includes(endpoint)) return false;
    this.byArn.set(`${TOPIC_ARN}:${this.ids.uuid('subscription')}`, endpoint);
    return true;
  }

  /** Unsubscribes `url` (nothing happens when it was not subscribed). */
  remove(url: string): void {
    const endpoint = checkEndpoint(url);
    for (const [arn, subscribed] of this.byArn) if (subscribed === endpoint) this.byArn.delete(arn);
  }

  /** Removes the subscription an UnsubscribeURL names; false when there is none. */
  removeArn(arn: string): boolean {
    return this.byArn.delete(arn);
  }

  /** The endpoints IPNs are delivered to, in subscription order. */
  get endpoints(): string[] {
    return [...new Set(this.byArn.values())];
  }

  /** The subscription ARN of `endpoint` (the topic's when it is no longer subscribed). */
  arnOf(endpoint: string): string {
    for (const [arn, subscribed] of this.byArn) if (subscribed === endpoint) return arn;
    return TOPIC_ARN;
  }
}
