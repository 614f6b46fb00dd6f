import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationId } from '@amazon-pay-ts/types';
import { operationSchemas } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeBody, readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

/**
 * Where Amazon requires `x-amz-pay-idempotency-key`. Amazon's PHP SDK says its `$headers` "is not
 * optional for create/POST calls … because it requires, at a minimum, the x-amz-pay-idempotency-key
 * header" and declares `$headers` without a default for exactly these; its Node SDK takes them as a
 * required parameter; its Java and .NET SDKs add a key themselves. Every other POST takes a key but
 * does not need one: Amazon's Node SDK sandbox test (`tst/inStoreClientTest.js`) scans, charges and
 * refunds in-store without one and asserts success; for createReport, createReportSchedule,
 * contestDispute, createStore, claimMerchantAccount and registerAmazonPayAccount the PHP SDK's
 * `$headers = null` and its README samples send none (unverified at Amazon: see the spec's list).
 */
const REQUIRED: readonly OperationId[] = [
  'createCheckoutSession',
  'createCharge',
  'captureCharge',
  'createRefund',
  'createDispute',
  'uploadFile',
];

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../types/test/fixtures');
const fixture = (path: string) =>
  JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as Record<string, unknown>;

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const requiresKey = (id: OperationId) =>
  !operationSchemas[id].headers.safeParse({}).success &&
  operationSchemas[id].headers.safeParse({ 'x-amz-pay-idempotency-key': 'k' }).success;

/** A POST without an idempotency key; `expected` is the operation's success status. */
async function keyless(path: string, body: unknown, operationId: OperationId) {
  const answer = await signedFetch(world, path, { body });
  expect(answer.status, `${operationId}: ${answer.text}`).toBe(operationSchemas[operationId].successStatus);
  return answer.json;
}

describe('x-amz-pay-idempotency-key', () => {
  it('is required by the spec exactly where Amazon requires it', () => {
    const posts = Object.values(operationSchemas).filter((o) => o.method === 'POST');
    expect(posts.filter((o) => requiresKey(o.operationId as OperationId)).map((o) => o.operationId)).toEqual(
      posts.map((o) => o.operationId).filter((id) => REQUIRED.includes(id as OperationId)),
    );
  });

  it.each(REQUIRED)('%s without a key is 400 MissingHeader', async (operationId) => {
    const path = operationSchemas[operationId].path.replace(/\{[^}]+\}/g, 'S01-0000000-0000000-C000000');
    const answer = await signedFetch(world, path, { body: {} });
    expect(answer.json).toMatchObject({ reasonCode: 'MissingHeader' });
    expect(String(answer.json.message)).toContain('x-amz-pay-idempotency-key');
  });

  it("scans, charges and refunds in-store without keys, as Amazon's Node SDK sandbox test does", async () => {
    const scan = await keyless(
      '/v2/in-store/merchantScan',
      {
        scanData: 'UKhrmatMeKdlfY6b',
        scanReferenceId: randomUUID().replaceAll('-', ''),
        merchantCOE: 'US',
        ledgerCurrency: 'USD',
        storeLocation: { countryCode: 'US' },
        metadata: {
          merchantNote: 'Software Purchase',
          customInformation: 'in-store Software Purchase',
          communicationContext: { merchantStoreName: 'TESTSTORE', merchantOrderId: '789123' },
        },
      },
      'instoreMerchantScan',
    );
    const charge = await keyless(
      '/v2/in-store/charge',
      {
        chargePermissionId: scan.chargePermissionId,
        chargeReferenceId: randomUUID().replaceAll('-', ''),
        chargeTotal: { currencyCode: 'USD', amount: 2 },
        softDescriptor: 'amzn-store',
      },
      'instoreCharge',
    );
    expect(charge).toMatchObject({ chargeStatus: { state: 'Completed' } });
    const refund = await keyless(
      '/v2/in-store/refund',
      {
        chargeId: charge.chargeId,
        refundReferenceId: randomUUID().replaceAll('-', ''),
        refundTotal: { currencyCode: 'USD', amount: 2 },
        softDescriptor: 'amzn-store',
      },
      'instoreRefund',
    );
    expect(refund).toMatchObject({ refundStatus: { state: 'Pending' } });
  });

  it("creates reports and schedules without keys, as the PHP SDK's README samples do", async () => {
    await keyless('/v2/reports', fixture('report/createReport.request.json'), 'createReport');
    await keyless(
      '/v2/report-schedules',
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
        scheduleFrequency: 'P1D',
        nextReportCreationTime: '20300101T000000Z',
        deleteExistingSchedule: false,
      },
      'createReportSchedule',
    );
  });

  it('registers, claims and adds a store to a merchant account without keys', async () => {
    const registered = await keyless(
      '/v2/merchantAccounts',
      fixture('merchant-account/registerAmazonPayAccount.request.json'),
      'registerAmazonPayAccount',
    );
    const id = String(registered.merchantAccountId);
    await keyless(
      `/v2/merchantAccounts/${id}/claim`,
      { uniqueReferenceId: registered.uniqueReferenceId },
      'claimMerchantAccount',
    );
    await keyless(
      `/v2/merchantAccounts/${id}/stores`,
      fixture('merchant-account/createStore.request.json'),
      'createStore',
    );
  });

  it('contests a dispute without a key', async () => {
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture' });
    const done = await world.client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '100.00', currencyCode: 'USD' },
    });
    const dispute = await world.client.createDispute(disputeBody(done.chargeId!));
    const contested = await keyless(
      `/v2/disputes/${dispute.disputeId}/contest`,
      { merchantEvidences: [{ evidenceType: 'TrackingNumber', evidenceText: '1Z999AA10123456784' }] },
      'contestDispute',
    );
    expect(contested).toMatchObject({ statusDetails: { state: 'UnderReview' } });
  });
});
