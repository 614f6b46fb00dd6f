import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createNotificationHandler,
  type Notification,
  type ResolvedResource,
} from '@amazon-pay-ts/notifications';
import { toNodeListener } from '@amazon-pay-ts/notifications/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_AUTHORIZATION_MS, REFUND_PROCESSING_MS } from '../src/index.js';
import { readySession, startWorld, type TestWorld } from './helpers.js';

// A merchant's IPN endpoint, built on @amazon-pay-ts/notifications, resolving each notification
// through the client; the simulator's SNS is trusted here (its verifyOptions) and nowhere else.
let world: TestWorld;
const received: Array<{ notification: Notification; resource: ResolvedResource | undefined }> = [];
let failNext = 0;
const endpoint = createServer();

beforeAll(async () => {
  endpoint.listen(0, '127.0.0.1');
  await once(endpoint, 'listening');
  const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/ipn`;
  world = await startWorld({ notifications: { url } });
  const handler = createNotificationHandler({
    ...world.sim.notifications.verifyOptions(),
    client: world.client,
    onNotification: (notification, { resource }) => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('order database unavailable');
      }
      received.push({ notification, resource });
    },
  });
  endpoint.on('request', toNodeListener(handler));
});
afterAll(async () => {
  await world.sim.close();
  await new Promise((resolve) => endpoint.close(resolve));
});

const stateOf = (resource: ResolvedResource | undefined) => {
  switch (resource?.objectType) {
    case 'CHARGE':
      return resource.charge.statusDetails?.state;
    case 'REFUND':
      return resource.refund.statusDetails?.state;
    case 'CHARGE_PERMISSION':
      return resource.chargePermission.statusDetails?.state;
    default:
      return undefined;
  }
};

describe('simulator IPN delivery', () => {
  it('notifies a pending authorization and a refund as they end, verified and resolved by the merchant', async () => {
    const { client, sim } = world;
    const sessionId = await readySession(
      world,
      { paymentIntent: 'Authorize', canHandlePendingAuthorization: true },
      '0701',
    );
    const session = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const chargeId = session.chargeId!;
    await sim.notifications.settled();
    const seen = () => received.map(({ notification: n, resource }) => [n.objectType, stateOf(resource)]);
    // Deliveries run concurrently, as SNS's do: notifications that left together may arrive in
    // either order, so each batch is compared as a set.
    const unordered = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(unordered(seen())).toEqual(
      unordered([
        ['CHARGE_PERMISSION', 'Chargeable'],
        ['CHARGE', 'AuthorizationInitiated'],
      ]),
    );

    sim.clock.advance(PENDING_AUTHORIZATION_MS);
    await sim.notifications.settled();
    const authorized = received.at(-1)!;
    expect(authorized.notification).toMatchObject({ objectType: 'CHARGE', chargeId });
    expect(stateOf(authorized.resource)).toBe('Authorized');

    await client.captureCharge(chargeId, { captureAmount: { amount: '100.00', currencyCode: 'USD' } });
    const refund = await client.createRefund({
      chargeId,
      refundAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    sim.clock.advance(REFUND_PROCESSING_MS);
    await sim.notifications.settled();
    expect(unordered(seen().slice(3))).toEqual(
      unordered([
        ['CHARGE', 'Captured'],
        ['REFUND', 'Refunded'], // resolved after the clock moved: the refund's state now
        ['REFUND', 'Refunded'],
      ]),
    );
    expect(
      received
        .slice(3)
        .filter(({ notification: n }) => n.objectType === 'REFUND' && n.refundId === refund.refundId),
    ).toHaveLength(2);
    for (const { notification } of received) {
      expect(notification.chargePermissionId).toBe(session.chargePermissionId);
      expect(notification.releaseEnvironment).toBe('Sandbox');
    }
    expect(
      sim.notifications.log.every((entry) => entry.status === 200 && entry.outcome === 'delivered'),
    ).toBe(true);
  });

  it('retries when the merchant answers 500, on the simulator clock, and the retry is handled once', async () => {
    const { client, sim } = world;
    const before = received.length;
    const logBefore = sim.notifications.log.length;
    failNext = 1;
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture', amount: '5.00' });
    await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '5.00', currencyCode: 'USD' },
    });
    await sim.notifications.settled();
    const attempts = sim.notifications.log.slice(logBefore);
    expect(attempts[0]).toMatchObject({ status: 500, outcome: 'retry-scheduled', attempt: 1 });
    sim.clock.advance(20_000);
    await sim.notifications.settled();
    const retried = sim.notifications.log
      .slice(logBefore)
      .filter((e) => e.messageId === attempts[0]!.messageId);
    expect(retried.map((e) => [e.attempt, e.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const ids = received.slice(before).map((r) => r.notification.notificationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('duplicates reach onNotification once', async () => {
    const { client, sim } = world;
    const before = received.length;
    sim.notifications.nextFault({ duplicate: true });
    const sessionId = await readySession(world, { paymentIntent: 'Authorize', amount: '7.00' });
    await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '7.00', currencyCode: 'USD' },
    });
    await sim.notifications.settled();
    const duplicated = sim.notifications.log.filter((e) => e.fault === 'duplicate');
    expect(duplicated).toHaveLength(2);
    expect(duplicated[0]!.messageId).toBe(duplicated[1]!.messageId);
    const handled = received
      .slice(before)
      .filter((r) => r.notification.sns.messageId === duplicated[0]!.messageId);
    expect(handled).toHaveLength(1);
  });

  it('notifies a dispute as a CHARGEBACK naming the dispute', async () => {
    const { client, sim } = world;
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture', amount: '30.00' });
    const completed = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '30.00', currencyCode: 'USD' },
    });
    const dispute = await client.createDispute({
      chargeId: completed.chargeId!,
      providerMetadata: { providerDisputeId: 'psp-ipn-1' },
      disputeAmount: { amount: '30.00', currencyCode: 'USD' },
      filingReason: 'ProductNotReceived',
      filingTimestamp: '20260101T000000Z',
      statusDetails: { state: 'ActionRequired', reasonCode: 'MerchantResponseRequired' },
    } as never);
    await sim.notifications.settled();
    const chargeback = received.find((r) => r.notification.objectType === 'CHARGEBACK');
    expect(chargeback?.notification).toMatchObject({
      objectType: 'CHARGEBACK',
      disputeId: dispute.disputeId,
      chargePermissionId: completed.chargePermissionId,
    });
    expect(chargeback?.resource).toMatchObject({
      objectType: 'CHARGEBACK',
      dispute: { disputeId: dispute.disputeId },
    });
  });

  it('serves its signing certificate over the simulator URL and unsubscribes through UnsubscribeURL', async () => {
    const { sim } = world;
    const pem = await (await fetch(sim.notifications.signingCertUrl)).text();
    expect(pem).toBe((await sim.notifications.certificates()).certificatePem);
    expect(sim.notifications.signingCertUrl.startsWith(`${sim.url}/sns/`)).toBe(true);
    const extra = 'http://127.0.0.1:9/other-ipn';
    sim.notifications.subscribe(extra);
    expect(sim.notifications.endpoints).toContain(extra);
    sim.notifications.unsubscribe(extra);
    expect(sim.notifications.endpoints).not.toContain(extra);
    expect((await fetch(`${sim.url}/sns/unsubscribe?SubscriptionArn=nope`)).status).toBe(404);
  });
});
