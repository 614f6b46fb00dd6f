import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiError,
  readySession,
  signedFetch,
  signInButtonClick,
  startWorld,
  type TestWorld,
} from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

async function capturedCharge(amount = '80.00') {
  const id = await readySession(world, { amount, paymentIntent: 'AuthorizeWithCapture' });
  const done = await world.client.completeCheckoutSession(id, {
    chargeAmount: { amount, currencyCode: 'USD' },
  });
  return { chargeId: done.chargeId!, chargePermissionId: done.chargePermissionId! };
}

describe('reports', () => {
  it('IN_PROGRESS → COMPLETED with a CSV of the simulated transactions', async () => {
    const { chargeId } = await capturedCharge('80.00');
    await world.client.createRefund({ chargeId, refundAmount: { amount: '5.00', currencyCode: 'USD' } });
    world.sim.clock.advance(30_000);
    const start = new Date(world.sim.clock.now().getTime() - 3_600_000);
    const end = new Date(world.sim.clock.now().getTime() + 60_000);
    const { reportId } = await world.client.createReport({
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
      startTime: start.toISOString(),
      endTime: end.toISOString(),
    });
    const pending = await world.client.getReportById(reportId);
    expect(pending).toMatchObject({ processingStatus: 'IN_PROGRESS', reportDocumentId: null });
    world.sim.clock.advance(30_000);
    const done = await world.client.getReportById(reportId);
    expect(done.processingStatus).toBe('COMPLETED');
    const document = await world.client.getReportDocument(done.reportDocumentId!);
    // Amazon's reports guide: compressionAlgorithm is always "N/A" (documents are not compressed).
    expect(document).toMatchObject({ reportDocumentId: done.reportDocumentId, compressionAlgorithm: 'N/A' });
    const csv = await (await fetch(document.url)).text();
    expect(csv).toContain(`Capture,`);
    expect(csv).toMatch(new RegExp(`Refund,\\d+,S01-\\d{7}-\\d{7},${chargeId},order-1,-5\\.00,USD`));
    const listed = await world.client.getReports({ processingStatuses: ['COMPLETED'] });
    expect(listed.reports.map((r) => r.reportId)).toContain(reportId);
  });

  it('CANCELLED when the time range holds no transactions', async () => {
    const { reportId } = await world.client.createReport({
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
      startTime: '20200101T000000Z',
      endTime: '20200102T000000Z',
    });
    world.sim.clock.advance(30_000);
    expect(await world.client.getReportById(reportId)).toMatchObject({
      processingStatus: 'CANCELLED',
      reportDocumentId: null,
    });
  });

  it('refuses to request the live settlement report', async () => {
    const error = await apiError(
      world.client.createReport({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
        startTime: '20260101T000000Z',
        endTime: '20260102T000000Z',
      }),
    );
    expect(error).toMatchObject({ status: 400, reasonCode: 'InvalidParameterValue' });
  });

  it('schedules create reports when simulated time reaches them', async () => {
    const next = new Date(world.sim.clock.now().getTime() + 3_600_000);
    const { reportScheduleId } = await world.client.createReportSchedule({
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
      scheduleFrequency: 'PT1H',
      nextReportCreationTime: next.toISOString().replace(/\.\d{3}/, ''),
      deleteExistingSchedule: false,
    });
    const schedules = await world.client.getReportSchedules({
      reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_'],
    });
    expect(schedules.reportSchedules.map((s) => s.reportScheduleId)).toEqual([reportScheduleId]);
    const duplicate = await apiError(
      world.client.createReportSchedule({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
        scheduleFrequency: 'PT1H',
        nextReportCreationTime: next.toISOString(),
        deleteExistingSchedule: false,
      }),
    );
    // One schedule per report type (Amazon's docs); the refusal's status and code are unverified.
    expect(duplicate).toMatchObject({ status: 400, reasonCode: 'InvalidRequest' });
    expect(duplicate.message).toContain('deleteExistingSchedule');
    world.sim.clock.advance(2 * 3_600_000 + 1000);
    const reports = await world.client.getReports({
      reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_'],
    });
    expect(reports.reports.length).toBe(2);
    const schedule = await world.client.getReportScheduleById(reportScheduleId);
    expect(schedule.nextReportCreationTime).toMatch(/^\d{8}T\d{6}Z$/);
    await world.client.cancelReportSchedule(reportScheduleId);
    expect((await apiError(world.client.getReportScheduleById(reportScheduleId))).status).toBe(404);
  });
});

describe('buyer, delivery trackers, tokens, disbursements', () => {
  it('getBuyer answers the profile behind a sign-in buyer token', async () => {
    const token = world.sim.issueBuyerToken({ buyer: { name: 'Ada Buyer' } });
    const buyer = await world.client.getBuyer(token);
    expect(buyer).toMatchObject({ name: 'Ada Buyer', countryCode: 'US' });
    expect((await apiError(world.client.getBuyer('amzn1.buyertoken.unknown'))).status).toBe(404);
  });

  it('a signed sign-in button returns a buyer token whose profile follows the scopes', async () => {
    const back = await signInButtonClick(world);
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location')!);
    expect(location.pathname).toBe('/signed-in');
    const buyer = await world.client.getBuyer(location.searchParams.get('buyerToken')!);
    expect(buyer.name).toBe('Sam Sandbox');
    expect(buyer.email).toContain('@');
    expect(buyer.shippingAddress).toBeNull();
    expect(buyer.phoneNumber).toBeNull();
  });

  it('deliveryTrackers stores tracking for a known charge permission', async () => {
    const { chargePermissionId } = await capturedCharge('10.00');
    const tracker = await world.client.deliveryTrackers({
      chargePermissionId,
      deliveryDetails: [{ trackingNumber: '1Z999', carrierCode: 'UPS' }],
    });
    expect(tracker).toMatchObject({
      chargePermissionId,
      deliveryDetails: [{ trackingNumber: '1Z999', carrierCode: 'UPS' }],
    });
    expect(world.sim.state.deliveryTrackers.length).toBeGreaterThan(0);
    const unknown = await apiError(
      world.client.deliveryTrackers({
        chargePermissionId: 'S01-0000000-0000000',
        deliveryDetails: [{ trackingNumber: '1', carrierCode: 'UPS' }],
      }),
    );
    expect(unknown.status).toBe(404);
  });

  it('a delegated authorization token is accepted as x-amz-pay-authtoken; others are not', async () => {
    const { authorizationToken } = await world.client.getAuthorizationToken(
      'amzn.mws.1234-abcd',
      'A1MERCHANT',
    );
    expect(authorizationToken).toMatch(/^Atza\|/);
    const token = world.sim.issueBuyerToken();
    await expect(world.client.getBuyer(token, { authToken: authorizationToken })).resolves.toBeTruthy();
    const refused = await apiError(world.client.getBuyer(token, { authToken: 'Atza|forged' }));
    expect(refused).toMatchObject({ status: 401, reasonCode: 'UnauthorizedAccess' });
  });

  it('disbursements sum captures net of refunds per day', async () => {
    const start = new Date(world.sim.clock.now().getTime() - 86_400_000 * 2);
    await capturedCharge('25.00');
    const { disbursements } = await world.client.getDisbursements({
      startTime: start,
      endTime: new Date(world.sim.clock.now().getTime() + 1000),
    });
    expect(disbursements.length).toBeGreaterThan(0);
    expect(disbursements[0]).toMatchObject({ currencyCode: 'USD' });
  });
});

describe('in-store', () => {
  it('scan → charge (Completed) → refund (Pending)', async () => {
    const { InStoreClient } = await import('@amazon-pay-ts/client');
    const store = new InStoreClient({
      region: 'na',
      publicKeyId: world.publicKeyId,
      privateKey: world.privateKeyPem,
      baseUrl: world.sim.url,
      validateResponses: 'strict',
      maxRetries: 0,
    });
    const scan = await store.instoreMerchantScan({
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: 'scan-1',
      merchantCOE: 'US',
      ledgerCurrency: 'USD',
      chargeTotal: { amount: '2.00', currencyCode: 'USD' },
    });
    expect(scan.chargePermissionId).toMatch(/^S01-/);
    const rescanned = await store.instoreMerchantScan({
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: 'scan-1',
      merchantCOE: 'US',
      ledgerCurrency: 'USD',
    });
    expect(rescanned.chargePermissionId).toBe(scan.chargePermissionId);
    const charge = await store.instoreCharge({
      chargePermissionId: scan.chargePermissionId,
      chargeReferenceId: 'charge-1',
      chargeTotal: { amount: '2.00', currencyCode: 'USD' },
    });
    expect(charge.chargeStatus?.state).toBe('Completed');
    const refund = await store.instoreRefund({
      chargeId: charge.chargeId,
      refundReferenceId: 'refund-1',
      refundTotal: { amount: '1.00', currencyCode: 'USD' },
    });
    expect(refund.refundStatus?.state).toBe('Pending');
  });
});

describe('merchant accounts and stores', () => {
  it('registers (idempotent by uniqueReferenceId), updates, claims, adds stores, deletes', async () => {
    const registered = await world.client.registerAmazonPayAccount({
      uniqueReferenceId: 'ref-1',
      ledgerCurrency: 'USD',
    });
    expect(registered.merchantAccountId).toMatch(/^A[A-Z0-9]{13}$/);
    const again = await world.client.registerAmazonPayAccount({
      uniqueReferenceId: 'ref-1',
      ledgerCurrency: 'USD',
    });
    expect(again.merchantAccountId).toBe(registered.merchantAccountId);
    const id = registered.merchantAccountId;
    const updated = await world.client.withResponse.updateAmazonPayAccount(id, {
      businessInfo: { email: 'ops@merchant.example' },
    } as never);
    // Amazon answers 204 with no body (official Node.js SDK sandbox test).
    expect(updated.metadata.status).toBe(204);
    expect(updated.metadata.rawBody).toBe('');
    expect(updated.data).toBeUndefined();
    await world.client.claimMerchantAccount(id, { uniqueReferenceId: 'ref-1' });
    const wrongClaim = await apiError(world.client.claimMerchantAccount(id, { uniqueReferenceId: 'ref-2' }));
    expect(wrongClaim.reasonCode).toBe('InvalidParameterValue');
    const store = await world.client.createStore(id, {
      storeName: 'Main store',
      allowedOriginDomains: ['https://merchant.example'],
    });
    expect(store.storeId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
    const renamed = await world.client.updateStore(id, store.storeId!, { storeName: 'Renamed' });
    expect(renamed.storeName).toBe('Renamed');
    await world.client.deleteAmazonPayAccount(id);
    expect((await apiError(world.client.updateStore(id, store.storeId!, { storeName: 'x' }))).status).toBe(
      404,
    );
  });
});

describe('disputes and files', () => {
  it('files a dispute, uploads evidence, contests while ActionRequired, resolves', async () => {
    const { chargeId } = await capturedCharge('30.00');
    const dispute = await world.client.createDispute({
      chargeId,
      providerMetadata: { providerDisputeId: 'psp-1' },
      disputeAmount: { amount: '30.00', currencyCode: 'USD' },
      filingReason: 'ProductNotReceived',
      filingTimestamp: '20260101T000000Z',
      statusDetails: { state: 'ActionRequired', reasonCode: 'MerchantResponseRequired' },
    } as never);
    expect(dispute.disputeId).toContain(`${chargeId}-D`);
    // Amazon's Dispute object: disputeType "currently only supports Chargeback".
    expect(dispute.disputeType).toBe('Chargeback');
    const file = await world.client.uploadFile({ type: 'pdf', purpose: 'disputeEvidence' });
    const contested = await world.client.contestDispute(dispute.disputeId, {
      merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId: file.id, evidenceText: '1Z999' }],
    });
    expect(contested.statusDetails?.state).toBe('UnderReview');
    expect(contested.merchantEvidences).toHaveLength(1);
    const again = await apiError(
      world.client.contestDispute(dispute.disputeId, {
        merchantEvidences: [{ evidenceType: 'Receipt', evidenceText: 'r' }],
      }),
    );
    expect(again).toMatchObject({ status: 422, reasonCode: 'InvalidDisputeStatus' });
    const resolved = await world.client.updateDispute(dispute.disputeId, {
      statusDetails: { state: 'Resolved', resolution: 'MerchantWon', reasonCode: 'InvestigatorResolved' },
    } as never);
    expect(resolved.statusDetails).toMatchObject({ state: 'Resolved', resolution: 'MerchantWon' });
    expect((await world.client.getDispute(dispute.disputeId)).disputeId).toBe(dispute.disputeId);
    await world.client.updateDispute(dispute.disputeId, {
      statusDetails: { state: 'Closed' },
      closureTimestamp: '20260301T000000Z',
    } as never);
    const closed = await apiError(
      world.client.updateDispute(dispute.disputeId, { statusDetails: { state: 'UnderReview' } } as never),
    );
    expect(closed).toMatchObject({ status: 422, reasonCode: 'InvalidDisputeStatus' });
    expect((await apiError(world.client.getDispute('nope'))).status).toBe(404);
  });
});

describe('state', () => {
  it('is a frozen snapshot shaped like the API', async () => {
    const { chargeId } = await capturedCharge('11.00');
    const state = world.sim.state;
    expect(state.charges[chargeId]?.statusDetails.state).toBe('Captured');
    expect(Object.isFrozen(state.charges[chargeId])).toBe(true);
    const direct = await signedFetch(world, `/v2/charges/${chargeId}`);
    expect(direct.json).toEqual(state.charges[chargeId]);
  });
});
