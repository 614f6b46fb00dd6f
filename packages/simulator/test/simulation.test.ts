import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createBody, readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

async function confirmedPermission() {
  const id = await readySession(world, { amount: '100.00', paymentIntent: 'Confirm' });
  return (
    await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    })
  ).chargePermissionId!;
}

async function capturedCharge() {
  const id = await readySession(world, { amount: '100.00', paymentIntent: 'AuthorizeWithCapture' });
  return (
    await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    })
  ).chargeId!;
}

describe('x-amz-pay-simulation-code', () => {
  it.each([
    ['HardDeclined', 422],
    ['SoftDeclined', 422],
    ['AmazonRejected', 422],
    ['TransactionTimedOut', 422],
    ['ProcessingFailure', 500],
  ] as const)(
    'createCharge %s declines the charge (HTTP %i) and records it Declined',
    async (code, status) => {
      const permissionId = await confirmedPermission();
      const error = await apiError(
        world.client.createCharge(
          { chargePermissionId: permissionId, chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
          { simulationCode: code },
        ),
      );
      expect(error).toMatchObject({ status, reasonCode: code });
      const chargeId = /charge (S01-\S+-C\d{6})/.exec(error.message)![1]!;
      expect((await world.client.getCharge(chargeId)).statusDetails).toMatchObject({
        state: 'Declined',
        reasonCode: code,
      });
    },
  );

  it('createCharge AuthorizationInitiated stays pending, then authorizes after 30 s', async () => {
    const permissionId = await confirmedPermission();
    const charge = await world.client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
        canHandlePendingAuthorization: true,
      },
      { simulationCode: 'AuthorizationInitiated' },
    );
    expect(charge.statusDetails?.state).toBe('AuthorizationInitiated');
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(charge.chargeId)).statusDetails?.state).toBe('Authorized');
  });

  it('createCharge CaptureInitiated captures asynchronously', async () => {
    const permissionId = await confirmedPermission();
    const charge = await world.client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
        captureNow: true,
      },
      { simulationCode: 'CaptureInitiated' },
    );
    expect(charge.statusDetails?.state).toBe('CaptureInitiated');
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(charge.chargeId)).statusDetails?.state).toBe('Captured');
  });

  it('completeCheckoutSession AuthorizationInitiated answers 202 with a pending charge', async () => {
    const id = await readySession(world, { amount: '10.00', canHandlePendingAuthorization: true });
    const done = await world.client.withResponse.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
      { simulationCode: 'AuthorizationInitiated' },
    );
    expect(done.metadata.status).toBe(202);
    expect((await world.client.getCharge(done.data.chargeId!)).statusDetails?.state).toBe(
      'AuthorizationInitiated',
    );
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(done.data.chargeId!)).statusDetails?.state).toBe('Authorized');
  });

  it('closeChargePermission AmazonClosed closes it as Amazon would', async () => {
    const permissionId = await confirmedPermission();
    const closed = await world.client.closeChargePermission(
      permissionId,
      { closureReason: 'x' },
      { simulationCode: 'AmazonClosed' },
    );
    expect(closed.statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'AmazonClosed' }],
    });
  });

  it('with canHandlePendingAuthorization, a decline arrives asynchronously after 30 s', async () => {
    const permissionId = await confirmedPermission();
    const charge = await world.client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
        canHandlePendingAuthorization: true,
      },
      { simulationCode: 'SoftDeclined' },
    );
    expect(charge.statusDetails?.state).toBe('AuthorizationInitiated');
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(charge.chargeId)).statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'SoftDeclined',
    });
  });

  it('captureCharge HardDeclined declines the capture', async () => {
    const permissionId = await confirmedPermission();
    const charge = await world.client.createCharge({
      chargePermissionId: permissionId,
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    const error = await apiError(
      world.client.captureCharge(
        charge.chargeId,
        { captureAmount: { amount: '10.00', currencyCode: 'USD' } },
        { simulationCode: 'HardDeclined' },
      ),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'HardDeclined' });
  });

  it.each(['ExpiredUnused', 'AmazonCanceled'] as const)(
    'getCharge %s cancels an authorized charge',
    async (code) => {
      const permissionId = await confirmedPermission();
      const charge = await world.client.createCharge({
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
      });
      const read = await world.client.getCharge(charge.chargeId, { simulationCode: code });
      expect(read.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: code });
    },
  );

  it.each([
    ['BuyerClosed', 'Closed'],
    ['BuyerCanceled', 'Closed'],
    ['AmazonClosed', 'Closed'],
    ['PaymentMethodInvalid', 'NonChargeable'],
    ['PaymentMethodExpired', 'NonChargeable'],
    ['PaymentMethodDeleted', 'NonChargeable'],
    ['BillingAddressDeleted', 'NonChargeable'],
  ] as const)('getChargePermission %s makes it %s, and it can no longer be charged', async (code, state) => {
    const permissionId = await confirmedPermission();
    const read = await world.client.getChargePermission(permissionId, { simulationCode: code });
    expect(read.statusDetails).toMatchObject({ state, reasons: [{ reasonCode: code }] });
    const error = await apiError(
      world.client.createCharge({
        chargePermissionId: permissionId,
        chargeAmount: { amount: '1.00', currencyCode: 'USD' },
      }),
    );
    expect(error.reasonCode).toBe('InvalidChargePermissionStatus');
  });

  it('createRefund RefundDeclined declines the refund after processing', async () => {
    const chargeId = await capturedCharge();
    const refund = await world.client.createRefund(
      { chargeId, refundAmount: { amount: '5.00', currencyCode: 'USD' } },
      { simulationCode: 'RefundDeclined' },
    );
    expect(refund.statusDetails?.state).toBe('RefundInitiated');
    world.sim.clock.advance(30_000);
    expect((await world.client.getRefund(refund.refundId)).statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'AmazonRejected',
    });
  });

  it.each(['BuyerCanceled', 'Declined', 'AmazonCanceled'] as const)(
    'completeCheckoutSession %s cancels the session',
    async (code) => {
      const id = await readySession(world, { amount: '10.00' });
      const error = await apiError(
        world.client.completeCheckoutSession(
          id,
          { chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
          { simulationCode: code },
        ),
      );
      expect(error).toMatchObject({ status: 422, reasonCode: 'CheckoutSessionCanceled' });
      expect((await world.client.getCheckoutSession(id)).statusDetails).toMatchObject({
        state: 'Canceled',
        reasonCode: code,
      });
    },
  );

  it('rejects a code the operation does not simulate, and any code in Live', async () => {
    // Raw requests: the client refuses these codes itself, before sending.
    const id = await readySession(world, { amount: '10.00' });
    const error = await signedFetch(world, `/v2/checkoutSessions/${id}`, {
      headers: { 'x-amz-pay-simulation-code': 'HardDeclined' },
    });
    expect(error.status).toBe(400);
    expect(error.json).toMatchObject({ reasonCode: 'InvalidSandboxSimulationSpecified' });
    const permissionId = await confirmedPermission();
    const wrong = await signedFetch(world, `/v2/chargePermissions/${permissionId}`, {
      headers: { 'x-amz-pay-simulation-code': 'RefundDeclined' },
    });
    expect(wrong.json).toMatchObject({ reasonCode: 'InvalidSandboxSimulationSpecified' });
    expect(String(wrong.json.message)).toContain('BuyerCanceled');
    const live = await signedFetch(world, `/live/v2/checkoutSessions/${id}`, {
      headers: { 'x-amz-pay-simulation-code': 'BuyerCanceled' },
    });
    expect(live.json).toMatchObject({ reasonCode: 'InvalidSandboxSimulationSpecified' });
    expect(String(live.json.message)).toContain('only accepted in the Sandbox');
  });
});

describe('simulated payment methods', () => {
  it('…0701 leaves the charge AuthorizationInitiated (202) and authorizes it after 30 s', async () => {
    const id = await readySession(world, { amount: '10.00', canHandlePendingAuthorization: true }, '0701');
    const done = await world.client.withResponse.completeCheckoutSession(id, {
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    expect(done.metadata.status).toBe(202);
    expect((await world.client.getCharge(done.data.chargeId!)).statusDetails?.state).toBe(
      'AuthorizationInitiated',
    );
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(done.data.chargeId!)).statusDetails?.state).toBe('Authorized');
  });

  it('…4354 declines with HardDeclined after 30 s', async () => {
    const id = await readySession(world, { amount: '10.00', canHandlePendingAuthorization: true }, '4354');
    const done = await world.client.completeCheckoutSession(id, {
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    world.sim.clock.advance(30_000);
    expect((await world.client.getCharge(done.chargeId!)).statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'HardDeclined',
    });
  });

  it('pending methods need Authorize with canHandlePendingAuthorization', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    world.sim.approve(session.checkoutSessionId);
    await world.client.updateCheckoutSession(session.checkoutSessionId, {
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
    });
    expect(() => world.sim.approve(session.checkoutSessionId, { paymentMethod: '0701' })).toThrow(
      /canHandlePendingAuthorization/,
    );
  });

  it.each([
    ['3064', 'BuyerCanceled'],
    ['3434', 'Declined'],
  ])('…%s cancels the session with %s when the buyer returns', async (digits, reason) => {
    const id = await readySession(world, { amount: '10.00' }, digits);
    expect((await world.client.getCheckoutSession(id)).statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: reason,
    });
    const error = await apiError(
      world.client.completeCheckoutSession(id, { chargeAmount: { amount: '10.00', currencyCode: 'USD' } }),
    );
    expect(error).toMatchObject({ status: 422, reasonCode: 'CheckoutSessionCanceled' });
  });
});

describe('hosted pages', () => {
  it('sign-in page: choose a method, continue, and come back to checkoutReviewReturnUrl', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession(createBody);
    const page = await fetch(world.sim.hostedPageUrl(id));
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('****0701');
    const back = await fetch(world.sim.hostedPageUrl(id), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'paymentMethod=4444&action=continue',
      redirect: 'manual',
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(
      `https://merchant.example/review?amazonCheckoutSessionId=${id}`,
    );
    expect((await world.client.getCheckoutSession(id)).paymentPreferences?.[0]?.paymentDescriptor).toContain(
      '4444',
    );
  });

  it('sign-in page: cancel leaves the session Open, or returns to checkoutCancelUrl', async () => {
    const { checkoutSessionId: id } = await world.client.createCheckoutSession(createBody);
    const stay = await fetch(world.sim.hostedPageUrl(id), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=cancel',
      redirect: 'manual',
    });
    expect(stay.status).toBe(200);
    expect((await world.client.getCheckoutSession(id)).statusDetails?.state).toBe('Open');
    const withCancelUrl = await world.client.createCheckoutSession({
      ...createBody,
      webCheckoutDetails: {
        ...createBody.webCheckoutDetails,
        checkoutCancelUrl: 'https://merchant.example/cart',
      },
    });
    const back = await fetch(world.sim.hostedPageUrl(withCancelUrl.checkoutSessionId), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=cancel',
      redirect: 'manual',
    });
    expect(back.headers.get('location')).toBe(
      `https://merchant.example/cart?amazonCheckoutSessionId=${withCancelUrl.checkoutSessionId}`,
    );
  });

  it('processing page: cancel sends the buyer back with the session Canceled (BuyerCanceled)', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    world.sim.approve(session.checkoutSessionId);
    const updated = await world.client.updateCheckoutSession(session.checkoutSessionId, {
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
    });
    const url = updated.webCheckoutDetails!.amazonPayRedirectUrl!;
    expect(await (await fetch(url)).text()).toContain('10.00 USD');
    const back = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=cancel',
      redirect: 'manual',
    });
    expect(back.headers.get('location')).toContain(
      'https://merchant.example/result?amazonCheckoutSessionId=',
    );
    expect((await world.client.getCheckoutSession(session.checkoutSessionId)).statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'BuyerCanceled',
    });
  });

  it('ProcessOrder mode: one visit signs in and pays, then returns to checkoutResultReturnUrl', async () => {
    const session = await world.client.createCheckoutSession({
      ...createBody,
      webCheckoutDetails: {
        checkoutMode: 'ProcessOrder',
        checkoutResultReturnUrl: 'https://merchant.example/result',
      },
      paymentDetails: {
        paymentIntent: 'AuthorizeWithCapture',
        chargeAmount: { amount: '12.00', currencyCode: 'USD' },
      },
      addressDetails: {
        name: 'Pat Buyer',
        addressLine1: '1 Main St',
        city: 'Springfield',
        stateOrRegion: 'IL',
        postalCode: '62701',
        countryCode: 'US',
        phoneNumber: '555-0100',
      },
    });
    const url = session.webCheckoutDetails?.amazonPayRedirectUrl;
    expect(url).toBeTruthy();
    const back = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'paymentMethod=1111&action=pay',
      redirect: 'manual',
    });
    expect(back.headers.get('location')).toContain('https://merchant.example/result');
    const done = await world.client.completeCheckoutSession(session.checkoutSessionId, {
      chargeAmount: { amount: '12.00', currencyCode: 'USD' },
    });
    expect(done.shippingAddress?.city).toBe('Springfield');
    expect((await world.client.getCharge(done.chargeId!)).statusDetails?.state).toBe('Captured');
  });
});
