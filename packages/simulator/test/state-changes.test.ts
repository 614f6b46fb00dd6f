import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateChangeEvent } from '../src/index.js';
import { PENDING_AUTHORIZATION_MS, REFUND_PROCESSING_MS } from '../src/index.js';
import { readySession, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

describe('state-change stream', () => {
  it('reports every change of charge permissions, charges and refunds, request- and clock-driven', async () => {
    const { client, sim } = world;
    const seen: StateChangeEvent[] = [];
    const stop = sim.onStateChange((event) => seen.push(event));
    const sessionId = await readySession(
      world,
      { paymentIntent: 'Authorize', canHandlePendingAuthorization: true },
      '0701',
    );
    const session = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const chargeId = session.chargeId!;
    const cpId = session.chargePermissionId!;
    const shape = (e: StateChangeEvent) => [e.objectType, e.objectId, e.previousState, e.state];
    expect(seen.map(shape)).toEqual([
      ['CHARGE_PERMISSION', cpId, null, 'Chargeable'],
      ['CHARGE', chargeId, null, 'AuthorizationInitiated'],
    ]);

    sim.clock.advance(PENDING_AUTHORIZATION_MS);
    expect(seen.at(-1)).toMatchObject({
      objectType: 'CHARGE',
      state: 'Authorized',
      previousState: 'AuthorizationInitiated',
    });

    await client.captureCharge(chargeId, { captureAmount: { amount: '100.00', currencyCode: 'USD' } });
    const refund = await client.createRefund({
      chargeId,
      refundAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    sim.clock.advance(REFUND_PROCESSING_MS);
    await client.closeChargePermission(cpId, { closureReason: 'done' });
    expect(seen.slice(3).map(shape)).toEqual([
      ['CHARGE', chargeId, 'Authorized', 'Captured'],
      ['REFUND', refund.refundId, null, 'RefundInitiated'],
      ['REFUND', refund.refundId, 'RefundInitiated', 'Refunded'],
      ['CHARGE_PERMISSION', cpId, 'Chargeable', 'Closed'],
    ]);
    for (const event of seen) {
      expect(event).toMatchObject({ chargePermissionId: cpId, environment: 'Sandbox' });
      expect(event.merchantId).toMatch(/^A[A-Z0-9]{13}$/);
      expect(event.at).toBeInstanceOf(Date);
    }
    expect(new Set(seen.map((e) => e.merchantId)).size).toBe(1);
    expect(sim.stateChanges.slice(-seen.length)).toEqual(seen);

    stop();
    sim.clock.advance(400 * 24 * 3600_000);
    expect(seen).toHaveLength(7);
  });

  it('reports clock-driven expiries', async () => {
    const { client, sim } = world;
    const sessionId = await readySession(world, { paymentIntent: 'Authorize' });
    const session = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const seen: StateChangeEvent[] = [];
    sim.onStateChange((event) => seen.push(event));
    sim.clock.advance(400 * 24 * 3600_000);
    expect(seen.map((e) => [e.objectType, e.state, e.reasonCode])).toEqual([
      ['CHARGE', 'Canceled', 'ExpiredUnused'],
      ['CHARGE_PERMISSION', 'Closed', 'Expired'],
    ]);
    expect(seen.map((e) => e.objectId)).toEqual([session.chargeId, session.chargePermissionId]);
  });
});
