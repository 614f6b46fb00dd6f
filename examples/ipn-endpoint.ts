import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ClientConfig, WebStoreClient } from '@amazon-pay-ts/client';
import {
  createNotificationHandler,
  type Notification,
  type ResolvedResource,
  type VerifyOptions,
} from '@amazon-pay-ts/notifications';
import { toNodeListener } from '@amazon-pay-ts/notifications/node';
import type { NotificationInbox, ReceivedNotification } from './demo-flow.js';

/** The state of the object a notification was resolved to, for the transcript. */
export function resolvedState(resource: ResolvedResource | undefined): string {
  switch (resource?.objectType) {
    case 'CHARGE':
      return resource.charge.statusDetails?.state ?? '?';
    case 'REFUND':
      return resource.refund.statusDetails?.state ?? '?';
    case 'CHARGE_PERMISSION':
      return resource.chargePermission.statusDetails?.state ?? '?';
    case 'CHARGEBACK':
      return String(resource.dispute?.statusDetails?.state ?? '?');
    default:
      return '?';
  }
}

/**
 * The merchant's IPN endpoint for the demo: a Node http server with the notifications package's
 * handler, which verifies each SNS message, resolves it to the object's current state through its
 * own client and puts it in an inbox the flow waits on. `verify` must trust the simulator's SNS
 * (`sim.notifications.verifyOptions()`; against Amazon, leave it empty: the handler then trusts only
 * Amazon Pay's topics); `settle` lets pending deliveries finish.
 */
export async function startIpnEndpoint(options: {
  clientConfig: ClientConfig;
  verify: VerifyOptions;
  /** Your merchant id: other merchants' notifications are refused (set it in production). */
  merchantId?: string;
  settle: () => Promise<void>;
}): Promise<NotificationInbox & { url: string; close(): Promise<void> }> {
  const received: ReceivedNotification[] = [];
  const client = new WebStoreClient(options.clientConfig);
  const handler = createNotificationHandler({
    ...options.verify,
    ...(options.merchantId === undefined ? {} : { merchantId: options.merchantId }),
    client,
    onNotification: (notification: Notification, { resource }) => {
      received.push({ notification, state: resolvedState(resource), receivedAt: performance.now() });
    },
  });
  const server = createServer(toNodeListener(handler));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/amazon-pay/ipn`;
  return {
    url,
    async next(match, advance) {
      for (let round = 0; round < 20; round++) {
        await options.settle();
        const index = received.findIndex(match);
        if (index !== -1) {
          const [found] = received.splice(index, 1);
          return found!;
        }
        await advance();
      }
      throw new Error('no matching instant payment notification arrived');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
