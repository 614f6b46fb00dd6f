/** Which client classes carry an operation (as the .NET SDK splits them). */
export type Channel = 'webStore' | 'inStore' | 'common';

export interface OperationRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The spec's path template, also the openapi-fetch path key. */
  readonly path: string;
  /** Path parameters in the order the client methods take them. */
  readonly pathParams: readonly string[];
  /** What follows the ids in the method's arguments. */
  readonly input: 'body' | 'query' | 'none';
  readonly channel: Channel;
}

// Generic in the channel so the table's type says which client carries each operation.
const route = <C extends Channel = 'webStore'>(
  method: OperationRoute['method'],
  path: string,
  input: OperationRoute['input'],
  channel: C = 'webStore' as C,
): OperationRoute & { readonly channel: NoInfer<C> } => ({
  method,
  path,
  pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
  input,
  channel,
});

/** Every operation of Amazon Pay API v2, by operationId. A test keeps it equal to the spec. */
export const OPERATION_ROUTES = {
  createCheckoutSession: route('POST', '/v2/checkoutSessions', 'body'),
  getCheckoutSession: route('GET', '/v2/checkoutSessions/{checkoutSessionId}', 'none'),
  updateCheckoutSession: route('PATCH', '/v2/checkoutSessions/{checkoutSessionId}', 'body'),
  completeCheckoutSession: route('POST', '/v2/checkoutSessions/{checkoutSessionId}/complete', 'body'),
  finalizeCheckoutSession: route('POST', '/v2/checkoutSessions/{checkoutSessionId}/finalize', 'body'),
  getChargePermission: route('GET', '/v2/chargePermissions/{chargePermissionId}', 'none'),
  updateChargePermission: route('PATCH', '/v2/chargePermissions/{chargePermissionId}', 'body'),
  closeChargePermission: route('DELETE', '/v2/chargePermissions/{chargePermissionId}/close', 'body'),
  createCharge: route('POST', '/v2/charges', 'body'),
  getCharge: route('GET', '/v2/charges/{chargeId}', 'none'),
  updateCharge: route('PATCH', '/v2/charges/{chargeId}', 'body'),
  captureCharge: route('POST', '/v2/charges/{chargeId}/capture', 'body'),
  cancelCharge: route('DELETE', '/v2/charges/{chargeId}/cancel', 'body'),
  createRefund: route('POST', '/v2/refunds', 'body'),
  getRefund: route('GET', '/v2/refunds/{refundId}', 'none'),
  getBuyer: route('GET', '/v2/buyers/{buyerToken}', 'none'),
  getReports: route('GET', '/v2/reports', 'query'),
  createReport: route('POST', '/v2/reports', 'body'),
  getReportById: route('GET', '/v2/reports/{reportId}', 'none'),
  getReportDocument: route('GET', '/v2/report-documents/{reportDocumentId}', 'none'),
  getReportSchedules: route('GET', '/v2/report-schedules', 'query'),
  createReportSchedule: route('POST', '/v2/report-schedules', 'body'),
  getReportScheduleById: route('GET', '/v2/report-schedules/{reportScheduleId}', 'none'),
  cancelReportSchedule: route('DELETE', '/v2/report-schedules/{reportScheduleId}', 'none'),
  getDisbursements: route('GET', '/v2/disbursements', 'query'),
  deliveryTrackers: route('POST', '/v2/deliveryTrackers', 'body', 'common'),
  getAuthorizationToken: route('GET', '/v2/authorizationTokens/{mwsAuthToken}', 'query', 'common'),
  instoreMerchantScan: route('POST', '/v2/in-store/merchantScan', 'body', 'inStore'),
  instoreCharge: route('POST', '/v2/in-store/charge', 'body', 'inStore'),
  instoreRefund: route('POST', '/v2/in-store/refund', 'body', 'inStore'),
  registerAmazonPayAccount: route('POST', '/v2/merchantAccounts', 'body'),
  updateAmazonPayAccount: route('PATCH', '/v2/merchantAccounts/{merchantAccountId}', 'body'),
  deleteAmazonPayAccount: route('DELETE', '/v2/merchantAccounts/{merchantAccountId}', 'none'),
  claimMerchantAccount: route('POST', '/v2/merchantAccounts/{merchantAccountId}/claim', 'body'),
  createStore: route('POST', '/v2/merchantAccounts/{merchantAccountId}/stores', 'body'),
  updateStore: route('PATCH', '/v2/merchantAccounts/{merchantAccountId}/stores/{storeId}', 'body'),
  createDispute: route('POST', '/v2/disputes', 'body'),
  getDispute: route('GET', '/v2/disputes/{disputeId}', 'none'),
  updateDispute: route('PATCH', '/v2/disputes/{disputeId}', 'body'),
  contestDispute: route('POST', '/v2/disputes/{disputeId}/contest', 'body'),
  uploadFile: route('POST', '/v2/files', 'body'),
} as const satisfies Record<string, OperationRoute>;

export type ClientOperationId = keyof typeof OPERATION_ROUTES;
