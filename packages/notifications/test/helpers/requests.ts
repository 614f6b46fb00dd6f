// What the handler and verifier tests share: an SNS POST, a handler recording what it received, the
// answer as [status, body], and the reason a verification was refused with.
import { expect } from 'vitest';
import {
  createNotificationHandler,
  type Notification,
  NotificationError,
  type NotificationErrorReason,
  type NotificationHandlerOptions,
} from '../../src/index.js';
import type { TestSns } from './sns.js';

/** A POST of `body` (JSON-encoded unless a string) to an IPN endpoint, as SNS sends it. */
export const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('https://merchant.example/amazon-pay/ipn', {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A handler trusting `sns`'s certificate (with the defaults otherwise), and the notifications it ran. */
export function handlerWith(sns: TestSns, extra: Partial<NotificationHandlerOptions> = {}) {
  const received: Notification[] = [];
  const handler = createNotificationHandler({
    fetchCertificate: sns.fetchCertificate,
    onNotification: (notification) => {
      received.push(notification);
    },
    ...extra,
  });
  return { handler, received };
}

/** `[status, body]` of an answer. */
export const answer = async (response: Response): Promise<[number, string]> => [
  response.status,
  await response.text(),
];

/** The reason a verification was refused with, or `accepted`. */
export async function reasonOf(promise: Promise<unknown>): Promise<NotificationErrorReason | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationError);
    return (error as NotificationError).reason;
  }
}
