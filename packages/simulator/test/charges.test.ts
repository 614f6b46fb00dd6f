import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, readySession, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

async function authorizedCharge(
  amount = '100.00',
  intent: 'Authorize' | 'AuthorizeWithCapture' = 'Authorize',
  currencyCode = 'USD',
) {
  const id = await readySession(world, { amount, paymentIntent: intent, currencyCode });
  const done = await world.client.completeCheckoutSession(id, {
    chargeAmount: { amount, currencyCode: currencyCode as 'USD' },
  });
  return { chargeId: done.chargeId!, chargePermissionId: done.chargePermissionId! };
}

async function confirmedPermission(amount = '100.00') {
  const id = await readySession(world, { amount, paymentIntent: 'Confirm' });
  const done = await world.client.completeCheckoutSession(id, {
    chargeAmount: { amount, currencyCode: 'USD' },
  });
  expect(done.chargeId).toBeNull();
  return done.chargePermissionId!;
}

describe('charge', () => {
  it('captures within the authorized amount plus 15% (at most 75 USD)', async () => {
    const { chargeId } = await authorizedCharge('100.00');
    const tooMuch = await apiError(
      world.client.captureCharge(chargeId, { captureAmount: { amount: '115.01', currencyCode: 'USD' } }),
    );
    expect(tooMuch).toMatchObject({ status: 400, reasonCode: 'TransactionAmountExceeded' });
    expect(tooMuch.message).toContain('at most 115.00 USD');
    const captured = await world.client.captureCharge(chargeId, {
      captureAmount: { amount: '115.00', currencyCode: 'USD' },
    });
    expect(captured.statusDetails?.state).toBe('Captured');
    expect(captured.captureAmount).toEqual({ amount: '115.00', currencyCode: 'USD' });
    expect(captured.refundedAmount).toEqual({ amount: '0.00', currencyCode: 'USD' });
  });

  it('caps the over-capture tolerance at 75 USD', async () => {
    const { chargeId } = await authorizedCharge('1000.00');
    const error = await apiError(
      world.client.captureCharge(chargeId, { captureAmount: { amount: '1075.01', currencyCode: 'USD' } }),
    );
    expect(error.reasonCode).toBe('TransactionAmountExceeded');
    expect(error.message).toContain('75.00 USD');
  });

  it('rejects a capture in another currency', async () => {
    const { chargeId } = await authorizedCharge();
    const error = await apiError(
      world.client.captureCharge(chargeId, { captureAmount: { amount: '10.00', currencyCode: 'EUR' } }),
    );
    expect(error).toMatchObject({ status: 400, reasonCode: 'CurrencyMismatch' });
  });

  it('cancels an authorized charge and then refuses to capture it', async () => {
    const { chargeId } = await authorizedCharge();
    const canceled = await world.client.cancelCharge(chargeId, { cancellationReason: 'Out of stock' });
    expect(canceled.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'MerchantCanceled',
      reasonDescription: 'Out of stock',
    });
    const error = await apiError(
      world.client.captureCharge(chargeId, { captureAmount: { amount: '1.00', currencyCode: 'USD' } }),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'InvalidChargeStatus' });
    const again = await apiError(world.client.cancelCharge(chargeId, { cancellationReason: 'again' }));
    expect(again.reasonCode).toBe('InvalidChargeStatus');
  });

  it('captures at once with AuthorizeWithCapture', async () => {
    const { chargeId } = await authorizedCharge('30.00', 'AuthorizeWithCapture');
    const charge = await world.client.getCharge(chargeId);
    expect(charge.statusDetails?.state).toBe('Captured');
    expect(charge.captureAmount).toEqual({ amount: '30.00', currencyCode: 'USD' });
  });

  it('expires an authorization after 30 days (ExpiredUnused)', async () => {
    const { chargeId } = await authorizedCharge();
    world.sim.clock.advance(30 * 24 * 3600_000 + 1000);
    const charge = await world.client.getCharge(chargeId);
    expect(charge.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'ExpiredUnused' });
  });

  it('captures asynchronously (CaptureInitiated) more than 7 days after authorization', async () => {
    const { chargeId } = await authorizedCharge('20.00');
    world.sim.clock.advance(8 * 24 * 3600_000);
    const initiated = await world.client.captureCharge(chargeId, {
      captureAmount: { amount: '20.00', currencyCode: 'USD' },
    });
    expect(initiated.statusDetails?.state).toBe('CaptureInitiated');
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(chargeId)).statusDetails?.state).toBe('Captured');
  });

  it('creates charges on a Confirm charge permission up to its limit', async () => {
    const permissionId = await confirmedPermission('50.00');
    const over = await apiError(
      world.client.createCharge({
        chargePermissionId: permissionId,
        chargeAmount: { amount: '57.51', currencyCode: 'USD' },
      }),
    );
    expect(over).toMatchObject({ status: 400, reasonCode: 'TransactionAmountExceeded' });
    const charge = await world.client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: { amount: '50.00', currencyCode: 'USD' },
      captureNow: true,
      softDescriptor: 'SHOP',
    });
    expect(charge.statusDetails?.state).toBe('Captured');
    expect(charge.chargeId).toBe(`${permissionId}-C000001`);
    const permission = await world.client.getChargePermission(permissionId);
    expect(permission.limits?.amountBalance).toEqual({ amount: '7.50', currencyCode: 'USD' });
  });

  it('refuses charges on a closed charge permission and cancels pending ones on close', async () => {
    const permissionId = await confirmedPermission('50.00');
    const pending = await world.client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    expect(pending.statusDetails?.state).toBe('Authorized');
    const closed = await world.client.closeChargePermission(permissionId, {
      closureReason: 'Done',
      cancelPendingCharges: true,
    });
    expect(closed.statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'MerchantClosed', reasonDescription: 'Done' }],
    });
    expect((await world.client.getCharge(pending.chargeId)).statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'ChargePermissionCanceled',
    });
    const error = await apiError(
      world.client.createCharge({
        chargePermissionId: permissionId,
        chargeAmount: { amount: '1.00', currencyCode: 'USD' },
      }),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'InvalidChargePermissionStatus' });
  });

  it('refuses to update a closed charge permission', async () => {
    const permissionId = await confirmedPermission();
    await world.client.closeChargePermission(permissionId, { closureReason: 'Done' });
    const again = await world.client.closeChargePermission(permissionId, { closureReason: 'Twice' });
    expect(again.statusDetails?.reasons?.[0]?.reasonDescription).toBe('Done');
    const error = await apiError(
      world.client.updateChargePermission(permissionId, { merchantMetadata: { noteToBuyer: 'hi' } }),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'InvalidChargePermissionStatus' });
  });

  it('answers ResourceNotFound for unknown ids', async () => {
    const error = await apiError(world.client.getCharge('S01-0000000-0000000-C000009'));
    expect(error).toMatchObject({ status: 404, reasonCode: 'ResourceNotFound' });
  });

  it('updates the charge permission merchant metadata', async () => {
    const permissionId = await confirmedPermission();
    const updated = await world.client.updateChargePermission(permissionId, {
      merchantMetadata: { merchantReferenceId: 'order-42' },
    });
    expect(updated.merchantMetadata?.merchantReferenceId).toBe('order-42');
  });

  it('lets a payment service provider cancel through updateCharge', async () => {
    const { chargeId } = await authorizedCharge();
    const updated = await world.client.updateCharge(chargeId, {
      statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' },
    });
    expect(updated.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'ExpiredUnused' });
  });
});

describe('refund', () => {
  it('goes RefundInitiated → Refunded and counts against the captured amount', async () => {
    const { chargeId } = await authorizedCharge('40.00', 'AuthorizeWithCapture');
    const refund = await world.client.createRefund({
      chargeId,
      refundAmount: { amount: '15.00', currencyCode: 'USD' },
      softDescriptor: 'REFUND',
    });
    expect(refund.refundId).toMatch(/^S01-\d{7}-\d{7}-R000001$/);
    expect(refund.statusDetails?.state).toBe('RefundInitiated');
    // Captured 40.00 + 15% (6.00) = 46.00 in all; 15.00 is refunded already.
    const tooMuch = await apiError(
      world.client.createRefund({ chargeId, refundAmount: { amount: '31.01', currencyCode: 'USD' } }),
    );
    expect(tooMuch).toMatchObject({ status: 400, reasonCode: 'TransactionAmountExceeded' });
    world.sim.clock.advance(30_000);
    expect((await world.client.getRefund(refund.refundId)).statusDetails?.state).toBe('Refunded');
    expect((await world.client.getCharge(chargeId)).refundedAmount).toEqual({
      amount: '15.00',
      currencyCode: 'USD',
    });
  });

  it('refunds up to the captured amount plus 15% or 75 (8,400 JPY), whichever is less', async () => {
    const cases = [
      { captured: '40.00', limit: '46.00', over: '46.01', currencyCode: 'USD' },
      { captured: '1000.00', limit: '1075.00', over: '1075.01', currencyCode: 'USD' },
      { captured: '100000', limit: '108400', over: '108401', currencyCode: 'JPY' },
    ];
    for (const { captured, limit, over, currencyCode } of cases) {
      const { chargeId } = await authorizedCharge(captured, 'AuthorizeWithCapture', currencyCode);
      const price = (amount: string) => ({ amount, currencyCode: currencyCode as 'USD' });
      const refused = await apiError(world.client.createRefund({ chargeId, refundAmount: price(over) }));
      expect(refused).toMatchObject({ status: 400, reasonCode: 'TransactionAmountExceeded' });
      expect(refused.message).toContain(limit);
      const refund = await world.client.createRefund({ chargeId, refundAmount: price(limit) });
      expect(refund.refundAmount).toEqual(price(limit));
    }
  });

  it('refuses to refund a charge that is not captured', async () => {
    const { chargeId } = await authorizedCharge();
    const error = await apiError(
      world.client.createRefund({ chargeId, refundAmount: { amount: '1.00', currencyCode: 'USD' } }),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'InvalidChargeStatus' });
  });

  it('allows at most 10 refunds per charge', async () => {
    const { chargeId } = await authorizedCharge('100.00', 'AuthorizeWithCapture');
    for (let i = 0; i < 10; i++) {
      await world.client.createRefund({ chargeId, refundAmount: { amount: '1.00', currencyCode: 'USD' } });
    }
    const error = await apiError(
      world.client.createRefund({ chargeId, refundAmount: { amount: '1.00', currencyCode: 'USD' } }),
    );
    expect(error).toMatchObject({ status: 400, reasonCode: 'TransactionCountExceeded' });
  });
});
