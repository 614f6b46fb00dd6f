import type { ClientOperationId, OPERATION_ROUTES } from './operations.js';
import type { CallOptions, QueryParams, RequestBody, ResponseBody, WithMetadata } from './types.js';

/**
 * The arguments of every operation method, by operationId: path ids first, then the body or query,
 * then {@link CallOptions}. Written out (a test keeps it equal to the methods' parameters) so the
 * `withResponse` types are a flat lookup per method instead of inference over `this`, which tsc gave
 * up on (TS2589) in consumers' code.
 */
export interface OperationArguments {
  createCheckoutSession: [body: RequestBody<'createCheckoutSession'>, options?: CallOptions];
  getCheckoutSession: [checkoutSessionId: string, options?: CallOptions];
  updateCheckoutSession: [
    checkoutSessionId: string,
    body: RequestBody<'updateCheckoutSession'>,
    options?: CallOptions,
  ];
  completeCheckoutSession: [
    checkoutSessionId: string,
    body: RequestBody<'completeCheckoutSession'>,
    options?: CallOptions,
  ];
  finalizeCheckoutSession: [
    checkoutSessionId: string,
    body: RequestBody<'finalizeCheckoutSession'>,
    options?: CallOptions,
  ];
  getChargePermission: [chargePermissionId: string, options?: CallOptions];
  updateChargePermission: [
    chargePermissionId: string,
    body: RequestBody<'updateChargePermission'>,
    options?: CallOptions,
  ];
  closeChargePermission: [
    chargePermissionId: string,
    body: RequestBody<'closeChargePermission'>,
    options?: CallOptions,
  ];
  createCharge: [body: RequestBody<'createCharge'>, options?: CallOptions];
  getCharge: [chargeId: string, options?: CallOptions];
  updateCharge: [chargeId: string, body: RequestBody<'updateCharge'>, options?: CallOptions];
  captureCharge: [chargeId: string, body: RequestBody<'captureCharge'>, options?: CallOptions];
  cancelCharge: [chargeId: string, body: RequestBody<'cancelCharge'>, options?: CallOptions];
  createRefund: [body: RequestBody<'createRefund'>, options?: CallOptions];
  getRefund: [refundId: string, options?: CallOptions];
  getBuyer: [buyerToken: string, options?: CallOptions];
  getReports: [query?: QueryParams<'getReports'>, options?: CallOptions];
  createReport: [body: RequestBody<'createReport'>, options?: CallOptions];
  getReportById: [reportId: string, options?: CallOptions];
  getReportDocument: [reportDocumentId: string, options?: CallOptions];
  getReportSchedules: [query?: QueryParams<'getReportSchedules'>, options?: CallOptions];
  createReportSchedule: [body: RequestBody<'createReportSchedule'>, options?: CallOptions];
  getReportScheduleById: [reportScheduleId: string, options?: CallOptions];
  cancelReportSchedule: [reportScheduleId: string, options?: CallOptions];
  getDisbursements: [query?: QueryParams<'getDisbursements'>, options?: CallOptions];
  deliveryTrackers: [body: RequestBody<'deliveryTrackers'>, options?: CallOptions];
  getAuthorizationToken: [mwsAuthToken: string, merchantId: string, options?: CallOptions];
  instoreMerchantScan: [body: RequestBody<'instoreMerchantScan'>, options?: CallOptions];
  instoreCharge: [body: RequestBody<'instoreCharge'>, options?: CallOptions];
  instoreRefund: [body: RequestBody<'instoreRefund'>, options?: CallOptions];
  registerAmazonPayAccount: [body: RequestBody<'registerAmazonPayAccount'>, options?: CallOptions];
  updateAmazonPayAccount: [
    merchantAccountId: string,
    body: RequestBody<'updateAmazonPayAccount'>,
    options?: CallOptions,
  ];
  deleteAmazonPayAccount: [merchantAccountId: string, options?: CallOptions];
  claimMerchantAccount: [
    merchantAccountId: string,
    body: RequestBody<'claimMerchantAccount'>,
    options?: CallOptions,
  ];
  createStore: [merchantAccountId: string, body: RequestBody<'createStore'>, options?: CallOptions];
  updateStore: [
    merchantAccountId: string,
    storeId: string,
    body: RequestBody<'updateStore'>,
    options?: CallOptions,
  ];
  createDispute: [body: RequestBody<'createDispute'>, options?: CallOptions];
  getDispute: [disputeId: string, options?: CallOptions];
  updateDispute: [disputeId: string, body: RequestBody<'updateDispute'>, options?: CallOptions];
  contestDispute: [disputeId: string, body: RequestBody<'contestDispute'>, options?: CallOptions];
  uploadFile: [body: RequestBody<'uploadFile'>, options?: CallOptions];
}

/** Alias methods, as the .NET SDK names them, and the operation each one runs. */
export interface OperationAliases {
  sendDeliveryTrackingInformation: 'deliveryTrackers';
  merchantScan: 'instoreMerchantScan';
  charge: 'instoreCharge';
  refund: 'instoreRefund';
}

/** A method name on some client: an operationId or an alias. */
export type MethodName = ClientOperationId | keyof OperationAliases;

type OperationOf<Name extends MethodName> = Name extends keyof OperationAliases
  ? OperationAliases[Name]
  : Name;

/** Operations the operation table assigns to one or more channels. */
export type ChannelOperation<Channel extends (typeof OPERATION_ROUTES)[ClientOperationId]['channel']> = {
  [K in ClientOperationId]: (typeof OPERATION_ROUTES)[K]['channel'] extends Channel ? K : never;
}[ClientOperationId];

/** The `withResponse` variant of the named methods: same arguments, `{ data, metadata }` result. */
export type WithResponseMethods<Name extends MethodName> = {
  readonly [N in Name]: (
    ...args: OperationArguments[OperationOf<N>]
  ) => Promise<WithMetadata<ResponseBody<OperationOf<N>>>>;
};

/** `withResponse` of every client: the operations all of them share. */
export interface CommonWithResponse
  extends WithResponseMethods<ChannelOperation<'common'> | 'sendDeliveryTrackingInformation'> {}

/** `WebStoreClient#withResponse`. */
export interface WebStoreWithResponse
  extends WithResponseMethods<ChannelOperation<'common' | 'webStore'> | 'sendDeliveryTrackingInformation'> {}

/** `InStoreClient#withResponse`. */
export interface InStoreWithResponse
  extends WithResponseMethods<
    | ChannelOperation<'common' | 'inStore'>
    | 'sendDeliveryTrackingInformation'
    | 'merchantScan'
    | 'charge'
    | 'refund'
  > {}

/** `AmazonPayClient#withResponse`: every operation. */
export interface AmazonPayWithResponse
  extends WithResponseMethods<ClientOperationId | 'sendDeliveryTrackingInformation'> {}
