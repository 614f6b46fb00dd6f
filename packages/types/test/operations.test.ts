import { describe, expect, it } from 'vitest';
import { openapiDocument, operationIds } from '../src/index.js';
import { operationSchemas } from '../src/zod.js';

// The operation table of the issue that asked for the spec, copied by hand on purpose: the spec
// has to match it, not the other way round.
const issueTable: Array<[operationId: string, method: string, path: string]> = [
  ['createCheckoutSession', 'POST', '/v2/checkoutSessions'],
  ['getCheckoutSession', 'GET', '/v2/checkoutSessions/{checkoutSessionId}'],
  ['updateCheckoutSession', 'PATCH', '/v2/checkoutSessions/{checkoutSessionId}'],
  ['completeCheckoutSession', 'POST', '/v2/checkoutSessions/{checkoutSessionId}/complete'],
  ['finalizeCheckoutSession', 'POST', '/v2/checkoutSessions/{checkoutSessionId}/finalize'],
  ['getChargePermission', 'GET', '/v2/chargePermissions/{chargePermissionId}'],
  ['updateChargePermission', 'PATCH', '/v2/chargePermissions/{chargePermissionId}'],
  ['closeChargePermission', 'DELETE', '/v2/chargePermissions/{chargePermissionId}/close'],
  ['createCharge', 'POST', '/v2/charges'],
  ['getCharge', 'GET', '/v2/charges/{chargeId}'],
  ['updateCharge', 'PATCH', '/v2/charges/{chargeId}'],
  ['captureCharge', 'POST', '/v2/charges/{chargeId}/capture'],
  ['cancelCharge', 'DELETE', '/v2/charges/{chargeId}/cancel'],
  ['createRefund', 'POST', '/v2/refunds'],
  ['getRefund', 'GET', '/v2/refunds/{refundId}'],
  ['getBuyer', 'GET', '/v2/buyers/{buyerToken}'],
  ['getReports', 'GET', '/v2/reports'],
  ['createReport', 'POST', '/v2/reports'],
  ['getReportById', 'GET', '/v2/reports/{reportId}'],
  ['getReportDocument', 'GET', '/v2/report-documents/{reportDocumentId}'],
  ['getReportSchedules', 'GET', '/v2/report-schedules'],
  ['createReportSchedule', 'POST', '/v2/report-schedules'],
  ['getReportScheduleById', 'GET', '/v2/report-schedules/{reportScheduleId}'],
  ['cancelReportSchedule', 'DELETE', '/v2/report-schedules/{reportScheduleId}'],
  ['getDisbursements', 'GET', '/v2/disbursements'],
  ['deliveryTrackers', 'POST', '/v2/deliveryTrackers'],
  ['getAuthorizationToken', 'GET', '/v2/authorizationTokens/{mwsAuthToken}'],
  ['instoreMerchantScan', 'POST', '/v2/in-store/merchantScan'],
  ['instoreCharge', 'POST', '/v2/in-store/charge'],
  ['instoreRefund', 'POST', '/v2/in-store/refund'],
  ['registerAmazonPayAccount', 'POST', '/v2/merchantAccounts'],
  ['updateAmazonPayAccount', 'PATCH', '/v2/merchantAccounts/{merchantAccountId}'],
  ['deleteAmazonPayAccount', 'DELETE', '/v2/merchantAccounts/{merchantAccountId}'],
  ['claimMerchantAccount', 'POST', '/v2/merchantAccounts/{merchantAccountId}/claim'],
  ['createStore', 'POST', '/v2/merchantAccounts/{merchantAccountId}/stores'],
  ['updateStore', 'PATCH', '/v2/merchantAccounts/{merchantAccountId}/stores/{storeId}'],
  ['createDispute', 'POST', '/v2/disputes'],
  ['getDispute', 'GET', '/v2/disputes/{disputeId}'],
  ['updateDispute', 'PATCH', '/v2/disputes/{disputeId}'],
  ['contestDispute', 'POST', '/v2/disputes/{disputeId}/contest'],
  ['uploadFile', 'POST', '/v2/files'],
];

// Query parameters the issue names explicitly.
const issueQueryParameters: Record<string, string[]> = {
  getReports: ['reportTypes', 'processingStatuses', 'createdSince', 'createdUntil', 'pageSize', 'nextToken'],
  getReportSchedules: ['reportTypes'],
  getDisbursements: ['startTime', 'endTime', 'pageSize', 'nextToken'],
  getAuthorizationToken: ['merchantId'],
};

interface SpecOperation {
  operationId?: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { required?: boolean };
  responses?: Record<string, unknown>;
}

function specOperation(method: string, path: string): SpecOperation | undefined {
  return openapiDocument.paths[path]?.[method.toLowerCase()] as SpecOperation | undefined;
}

describe('the bundled spec covers the issue table', () => {
  it.each(issueTable)('%s is %s %s', (operationId, method, path) => {
    expect(specOperation(method, path)?.operationId).toBe(operationId);
    const generated = operationSchemas[operationId as keyof typeof operationSchemas];
    expect({ method: generated?.method, path: generated?.path }).toEqual({ method, path });
  });

  it('has no operation beyond the table', () => {
    expect([...operationIds].sort()).toEqual(issueTable.map(([id]) => id).sort());
  });

  it.each(Object.entries(issueQueryParameters))('%s takes the documented query parameters', (id, names) => {
    const shape = operationSchemas[id as keyof typeof operationSchemas].query.shape;
    expect(Object.keys(shape).sort()).toEqual([...names].sort());
  });

  it('sends a JSON body on the DELETEs that Amazon documents with one', () => {
    expect(operationSchemas.closeChargePermission.bodyRequired).toBe(true);
    expect(operationSchemas.cancelCharge.bodyRequired).toBe(true);
  });

  it('answers creates of checkout sessions, charges and refunds with 201', () => {
    expect(operationSchemas.createCheckoutSession.successStatus).toBe(201);
    expect(operationSchemas.createCharge.successStatus).toBe(201);
    expect(operationSchemas.createRefund.successStatus).toBe(201);
  });

  it('requires an idempotency key on the creating POSTs', () => {
    for (const id of ['createCheckoutSession', 'createCharge', 'createRefund'] as const) {
      const { headers } = operationSchemas[id];
      expect(headers.safeParse({}).success, id).toBe(false);
      expect(headers.safeParse({ 'x-amz-pay-idempotency-key': 'abc123' }).success, id).toBe(true);
    }
  });
});
