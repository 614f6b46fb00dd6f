import { WebStoreClient } from '@amazon-pay-ts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiError,
  checkoutJsClick,
  readySession,
  signedFetch,
  signInButtonClick,
  startWorld,
  type TestWorld,
  testKeyPair,
} from './helpers.js';

/**
 * Every object belongs to the merchant whose key created it; another merchant's key gets
 * 404 ResourceNotFound, as for an id that does not exist. Keys may share a merchant.
 */
let world: TestWorld;
beforeAll(async () => {
  const { publicKeyPem } = await testKeyPair();
  world = await startWorld({
    keys: [
      { publicKeyId: 'SANDBOX-OTHERMERCHANT', publicKey: publicKeyPem },
      { publicKeyId: 'SANDBOX-MERCHANTB-1', publicKey: publicKeyPem, merchantId: 'AMERCHANTB0001' },
      { publicKeyId: 'SANDBOX-MERCHANTB-2', publicKey: publicKeyPem, merchantId: 'AMERCHANTB0001' },
    ],
  });
});
afterAll(() => world.sim.close());

describe('merchant isolation', () => {
  it("answers 404 ResourceNotFound for another merchant's objects, reads and writes alike", async () => {
    const { client } = world;
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture' });
    const done = await client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const refund = await client.createRefund({
      chargeId: done.chargeId!,
      refundAmount: { amount: '1.00', currencyCode: 'USD' },
    });
    const other = { publicKeyId: 'SANDBOX-OTHERMERCHANT' };
    const key = { 'x-amz-pay-idempotency-key': 'isolation-1' };
    const attempts = [
      signedFetch(world, `/v2/checkoutSessions/${sessionId}`, other),
      signedFetch(world, `/v2/chargePermissions/${done.chargePermissionId}`, other),
      signedFetch(world, `/v2/charges/${done.chargeId}`, other),
      signedFetch(world, `/v2/refunds/${refund.refundId}`, other),
      signedFetch(world, '/v2/refunds', {
        ...other,
        headers: key,
        body: { chargeId: done.chargeId, refundAmount: { amount: '1.00', currencyCode: 'USD' } },
      }),
      signedFetch(world, `/v2/chargePermissions/${done.chargePermissionId}/close`, {
        ...other,
        method: 'DELETE',
        body: { closureReason: 'not mine' },
      }),
      signedFetch(world, '/v2/charges', {
        ...other,
        headers: { 'x-amz-pay-idempotency-key': 'isolation-2' },
        body: {
          chargePermissionId: done.chargePermissionId,
          chargeAmount: { amount: '1.00', currencyCode: 'USD' },
        },
      }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status, result.text).toBe(404);
      expect(result.json.reasonCode).toBe('ResourceNotFound');
    }
    expect((await client.getChargePermission(done.chargePermissionId!)).statusDetails?.state).toBe(
      'Chargeable',
    );
    expect(Object.values(world.sim.state.refunds).filter((r) => r.chargeId === done.chargeId)).toHaveLength(
      1,
    );
  });

  it('lets keys of the same merchant see each other’s objects', async () => {
    const created = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-1',
      headers: { 'x-amz-pay-idempotency-key': 'merchant-b-1' },
      body: {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/r' },
        storeId: 'amzn1.application-oa2-client.x',
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.json.checkoutSessionId);
    expect(
      (await signedFetch(world, `/v2/checkoutSessions/${id}`, { publicKeyId: 'SANDBOX-MERCHANTB-2' })).status,
    ).toBe(200);
    const error = await apiError(world.client.getCheckoutSession(id));
    expect(error).toMatchObject({ status: 404, reasonCode: 'ResourceNotFound' });
  });

  it('scopes idempotency keys to the merchant, as Amazon documents', async () => {
    const body = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/r' },
      storeId: 'amzn1.application-oa2-client.x',
    };
    const headers = { 'x-amz-pay-idempotency-key': 'shared-key-1' };
    const a = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-1',
      headers,
      body,
    });
    const b = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-MERCHANTB-2',
      headers,
      body,
    });
    const c = await signedFetch(world, '/v2/checkoutSessions', {
      publicKeyId: 'SANDBOX-OTHERMERCHANT',
      headers,
      body,
    });
    expect(b.json.checkoutSessionId).toBe(a.json.checkoutSessionId);
    expect(c.status).toBe(201);
    expect(c.json.checkoutSessionId).not.toBe(a.json.checkoutSessionId);
  });
});

describe('merchant isolation beyond payments', () => {
  const A = undefined;
  const B = 'SANDBOX-OTHERMERCHANT';
  let n = 0;
  /** One signed request as merchant A (the world's key) or B; writes get a fresh idempotency key. */
  const call = (publicKeyId: string | undefined, path: string, method = 'GET', body?: unknown) =>
    signedFetch(world, path, {
      method,
      ...(publicKeyId ? { publicKeyId } : {}),
      ...(body === undefined ? {} : { body }),
      headers: method === 'GET' ? {} : { 'x-amz-pay-idempotency-key': `isolation-more-${++n}` },
    });
  const expectNotFound = (result: { status: number; json: Record<string, unknown>; text: string }) => {
    expect(result.status, result.text).toBe(404);
    expect(result.json.reasonCode).toBe('ResourceNotFound');
  };
  const worldOf = (publicKeyId: string) => ({
    ...world,
    publicKeyId,
    client: new WebStoreClient({
      region: 'na',
      publicKeyId,
      privateKey: world.privateKeyPem,
      baseUrl: world.sim.url,
      maxRetries: 0,
    }),
  });
  const captured = async (w: TestWorld) => {
    const id = await readySession(w, { paymentIntent: 'AuthorizeWithCapture' });
    return w.client.completeCheckoutSession(id, { chargeAmount: { amount: '100.00', currencyCode: 'USD' } });
  };

  it("reports and report documents hold only the caller's own transactions", async () => {
    await captured(world);
    const now = world.sim.clock.now().getTime();
    const range = {
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
      startTime: new Date(now - 3_600_000).toISOString().replace(/\.\d{3}/, ''),
      endTime: new Date(now + 1000).toISOString().replace(/\.\d{3}/, ''),
    };
    const mine = await call(A, '/v2/reports', 'POST', range);
    const theirs = await call(B, '/v2/reports', 'POST', range);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    world.sim.clock.advance(60_000);
    const report = (await call(A, `/v2/reports/${mine.json.reportId}`)).json;
    expect(report.processingStatus).toBe('COMPLETED');
    // B has no captures of its own in the range: its report of the same range has no rows.
    expect((await call(B, `/v2/reports/${theirs.json.reportId}`)).json.processingStatus).toBe('CANCELLED');
    expectNotFound(await call(B, `/v2/reports/${mine.json.reportId}`));
    expectNotFound(await call(B, `/v2/report-documents/${report.reportDocumentId}`));
    expect((await call(A, `/v2/report-documents/${report.reportDocumentId}`)).status).toBe(200);
    const listed = (await call(B, '/v2/reports')).json.reports as { reportId: string }[];
    expect(listed.map((r) => r.reportId)).toEqual([theirs.json.reportId]);
  });

  it("disbursements pay out only the caller's own captures", async () => {
    const start = new Date(world.sim.clock.now().getTime() - 1000).toISOString().replace(/\.\d{3}/, '');
    await captured(world);
    const end = new Date(world.sim.clock.now().getTime() + 1000).toISOString().replace(/\.\d{3}/, '');
    const query = `/v2/disbursements?startTime=${start}&endTime=${end}`;
    expect(((await call(A, query)).json.disbursements as unknown[]).length).toBeGreaterThan(0);
    expect((await call(B, query)).json.disbursements).toEqual([]);
  });

  it('report schedules are per merchant: lists, reads, cancels and the one-per-type rule', async () => {
    const schedule = {
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
      scheduleFrequency: 'P1D',
      nextReportCreationTime: '20300101T000000Z',
    };
    const mine = await call(A, '/v2/report-schedules', 'POST', schedule);
    // Another merchant's schedule of the same type is not a duplicate of B's.
    const theirs = await call(B, '/v2/report-schedules', 'POST', schedule);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const id = String(mine.json.reportScheduleId);
    expectNotFound(await call(B, `/v2/report-schedules/${id}`));
    expectNotFound(await call(B, `/v2/report-schedules/${id}`, 'DELETE'));
    const listed = (await call(B, '/v2/report-schedules')).json.reportSchedules as Record<string, unknown>[];
    expect(listed.map((s) => s.reportScheduleId)).toEqual([theirs.json.reportScheduleId]);
    expect((await call(A, `/v2/report-schedules/${id}`)).status).toBe(200);
  });

  it("disputes and evidence files: another merchant's are not found", async () => {
    const a = await captured(world);
    const b = await captured(worldOf(B));
    const dispute = (chargeId: string) => ({
      chargeId,
      providerMetadata: { providerDisputeId: `psp-${chargeId}` },
      disputeAmount: { amount: '10.00', currencyCode: 'USD' },
      filingReason: 'ProductNotReceived',
      statusDetails: { state: 'ActionRequired', reasonCode: 'MerchantResponseRequired' },
      filingTimestamp: 1739779200,
      merchantResponseDeadline: 1740384000,
    });
    expectNotFound(await call(B, '/v2/disputes', 'POST', dispute(a.chargeId!)));
    const mine = await call(A, '/v2/disputes', 'POST', dispute(a.chargeId!));
    expect(mine.status, mine.text).toBe(200);
    const disputeId = String(mine.json.disputeId);
    const file = await call(A, '/v2/files', 'POST', { type: 'jpg', purpose: 'disputeEvidence' });
    expect(file.status).toBe(200);
    const evidence = { merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId: file.json.id }] };
    expectNotFound(await call(B, `/v2/disputes/${disputeId}`));
    expectNotFound(
      await call(B, `/v2/disputes/${disputeId}`, 'PATCH', {
        ...evidence,
        statusDetails: { state: 'Closed', reasonCode: 'MerchantAcceptedDispute' },
      }),
    );
    expectNotFound(await call(B, `/v2/disputes/${disputeId}/contest`, 'POST', evidence));
    // B's own dispute may not cite A's file.
    const theirs = await call(B, '/v2/disputes', 'POST', dispute(b.chargeId!));
    expect(theirs.status, theirs.text).toBe(200);
    expectNotFound(await call(B, `/v2/disputes/${theirs.json.disputeId}/contest`, 'POST', evidence));
    const contested = await call(A, `/v2/disputes/${disputeId}/contest`, 'POST', evidence);
    expect(contested.status, contested.text).toBe(200);
  });

  it('merchant accounts belong to the solution provider that registered them', async () => {
    const account = {
      uniqueReferenceId: 'SP-ISOLATION-1',
      ledgerCurrency: 'USD',
      businessInfo: {
        email: 'owner@shop.example',
        businessType: 'CORPORATE',
        businessLegalName: 'Shop Inc.',
        businessAddress: {
          addressLine1: '1 Main St',
          city: 'Seattle',
          postalCode: '98101',
          countryCode: 'US',
        },
      },
    };
    const mine = await call(A, '/v2/merchantAccounts', 'POST', account);
    expect(mine.status, mine.text).toBe(201);
    const id = String(mine.json.merchantAccountId);
    // The same reference id from another provider is another account.
    const theirs = await call(B, '/v2/merchantAccounts', 'POST', account);
    expect(theirs.json.merchantAccountId).not.toBe(id);
    const update = { businessInfo: { businessLegalName: 'Not Mine Inc.' } };
    expectNotFound(await call(B, `/v2/merchantAccounts/${id}`, 'PATCH', update));
    expectNotFound(
      await call(B, `/v2/merchantAccounts/${id}/claim`, 'POST', { uniqueReferenceId: 'SP-ISOLATION-1' }),
    );
    expectNotFound(await call(B, `/v2/merchantAccounts/${id}/stores`, 'POST', { storeName: 'Not mine' }));
    expectNotFound(await call(B, `/v2/merchantAccounts/${id}`, 'DELETE'));
    expect(world.sim.state.merchantAccounts[id]).toMatchObject({
      businessInfo: { businessLegalName: 'Shop Inc.' },
    });
    expect((await call(A, `/v2/merchantAccounts/${id}`, 'DELETE')).status).toBe(202);
  });

  it('in-store: another merchant cannot charge a scanned permission or refund its charge', async () => {
    const scan = {
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: 'isolation-scan-1',
      merchantCOE: 'US',
      ledgerCurrency: 'USD',
    };
    const mine = await call(A, '/v2/in-store/merchantScan', 'POST', scan);
    expect(mine.status, mine.text).toBe(200);
    const theirs = await call(B, '/v2/in-store/merchantScan', 'POST', scan);
    expect(theirs.json.chargePermissionId).not.toBe(mine.json.chargePermissionId);
    const charge = (chargePermissionId: unknown) => ({
      chargePermissionId,
      chargeReferenceId: 'isolation-charge-1',
      chargeTotal: { amount: '5.00', currencyCode: 'USD' },
    });
    expectNotFound(await call(B, '/v2/in-store/charge', 'POST', charge(mine.json.chargePermissionId)));
    const charged = await call(A, '/v2/in-store/charge', 'POST', charge(mine.json.chargePermissionId));
    expect(charged.status, charged.text).toBe(200);
    const refund = {
      chargeId: charged.json.chargeId,
      refundReferenceId: 'isolation-refund-1',
      refundTotal: { amount: '1.00', currencyCode: 'USD' },
    };
    expectNotFound(await call(B, '/v2/in-store/refund', 'POST', refund));
    expect((await call(A, '/v2/in-store/refund', 'POST', refund)).status).toBe(200);
  });

  it("delivery trackers, buyers and delegated tokens: another merchant's are refused", async () => {
    const a = await captured(world);
    const tracker = {
      chargePermissionId: a.chargePermissionId,
      deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
    };
    expectNotFound(await call(B, '/v2/deliveryTrackers', 'POST', tracker));
    expect((await call(A, '/v2/deliveryTrackers', 'POST', tracker)).status).toBe(200);

    // A buyer token from merchant A's sign-in button is A's alone.
    const back = await signInButtonClick(world);
    const buyerToken = new URL(back.headers.get('location')!).searchParams.get('buyerToken')!;
    expectNotFound(await call(B, `/v2/buyers/${encodeURIComponent(buyerToken)}`));
    expect((await call(A, `/v2/buyers/${encodeURIComponent(buyerToken)}`)).status).toBe(200);

    // So is one from A's sign-in through checkout.js (renderButton with productType SignIn).
    const started = await checkoutJsClick(world, 'SignIn', {
      signInReturnUrl: 'https://merchant.example/signed-in',
      storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
      signInScopes: ['name', 'email'],
    });
    const consentAction = /action="([^"]+)"/.exec(started.html)?.[1]?.replaceAll('&amp;', '&');
    expect(consentAction, 'the consent page').toBeDefined();
    const consented = await fetch(`${world.sim.url}${consentAction}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'allow' }),
      redirect: 'manual',
    });
    const scriptToken = new URL(consented.headers.get('location')!).searchParams.get('buyerToken')!;
    expectNotFound(await call(B, `/v2/buyers/${encodeURIComponent(scriptToken)}`));
    expect((await call(A, `/v2/buyers/${encodeURIComponent(scriptToken)}`)).status).toBe(200);

    // A delegated token works only for the provider it was issued to.
    const issued = await call(A, '/v2/authorizationTokens/amzn.mws.isolation?merchantId=A1DELEGATING');
    expect(issued.status, issued.text).toBe(200);
    const token = String(issued.json.authorizationToken);
    const handToken = world.sim.issueBuyerToken();
    const withToken = (publicKeyId: string | undefined) =>
      signedFetch(world, `/v2/buyers/${encodeURIComponent(handToken)}`, {
        ...(publicKeyId ? { publicKeyId } : {}),
        headers: { 'x-amz-pay-authtoken': token },
      });
    const refused = await withToken(B);
    expect(refused.status, refused.text).toBe(401);
    expect(refused.json.reasonCode).toBe('UnauthorizedAccess');
    expect((await withToken(A)).status).toBe(200);
  });
});
