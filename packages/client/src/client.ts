import { CALL, ClientBase } from './core.js';
import type { AmazonPayWithResponse, InStoreWithResponse, WebStoreWithResponse } from './methods.js';
import type { CallOptions, QueryParams, RequestBody, ResponseBody } from './types.js';

/**
 * Web store operations (checkout sessions, charge permissions, charges, refunds, buyers, reports,
 * disbursements, merchant onboarding, disputes, files) plus the shared ones, as the .NET
 * `WebStoreClient`. Arguments: path ids first, then the body or query, then {@link CallOptions}.
 */
export class WebStoreClient extends ClientBase {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): WebStoreWithResponse {
    return super.withResponse as WebStoreWithResponse;
  }
  /** POST /v2/checkoutSessions: Create a checkout session (201). */
  createCheckoutSession(
    body: RequestBody<'createCheckoutSession'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createCheckoutSession'>> {
    return this[CALL]('createCheckoutSession', [], body, options) as Promise<
      ResponseBody<'createCheckoutSession'>
    >;
  }
  /** GET /v2/checkoutSessions/{checkoutSessionId}: Get a checkout session; `shippingAddressList` comes back decoded. */
  getCheckoutSession(
    checkoutSessionId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'getCheckoutSession'>> {
    return this[CALL]('getCheckoutSession', [checkoutSessionId], undefined, options) as Promise<
      ResponseBody<'getCheckoutSession'>
    >;
  }
  /** PATCH /v2/checkoutSessions/{checkoutSessionId}: Update a checkout session before the buyer is redirected to Amazon Pay. */
  updateCheckoutSession(
    checkoutSessionId: string,
    body: RequestBody<'updateCheckoutSession'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateCheckoutSession'>> {
    return this[CALL]('updateCheckoutSession', [checkoutSessionId], body, options) as Promise<
      ResponseBody<'updateCheckoutSession'>
    >;
  }
  /** POST /v2/checkoutSessions/{checkoutSessionId}/complete: Confirm the amount and complete the checkout session after the buyer returns. */
  completeCheckoutSession(
    checkoutSessionId: string,
    body: RequestBody<'completeCheckoutSession'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'completeCheckoutSession'>> {
    return this[CALL]('completeCheckoutSession', [checkoutSessionId], body, options) as Promise<
      ResponseBody<'completeCheckoutSession'>
    >;
  }
  /** POST /v2/checkoutSessions/{checkoutSessionId}/finalize: Finalize an Amazon Pay button (APB) checkout session. */
  finalizeCheckoutSession(
    checkoutSessionId: string,
    body: RequestBody<'finalizeCheckoutSession'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'finalizeCheckoutSession'>> {
    return this[CALL]('finalizeCheckoutSession', [checkoutSessionId], body, options) as Promise<
      ResponseBody<'finalizeCheckoutSession'>
    >;
  }
  /** GET /v2/chargePermissions/{chargePermissionId}: Get a charge permission. */
  getChargePermission(
    chargePermissionId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'getChargePermission'>> {
    return this[CALL]('getChargePermission', [chargePermissionId], undefined, options) as Promise<
      ResponseBody<'getChargePermission'>
    >;
  }
  /** PATCH /v2/chargePermissions/{chargePermissionId}: Update a charge permission's merchant metadata or recurring details. */
  updateChargePermission(
    chargePermissionId: string,
    body: RequestBody<'updateChargePermission'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateChargePermission'>> {
    return this[CALL]('updateChargePermission', [chargePermissionId], body, options) as Promise<
      ResponseBody<'updateChargePermission'>
    >;
  }
  /** DELETE /v2/chargePermissions/{chargePermissionId}/close: Close a charge permission (DELETE with a JSON body). */
  closeChargePermission(
    chargePermissionId: string,
    body: RequestBody<'closeChargePermission'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'closeChargePermission'>> {
    return this[CALL]('closeChargePermission', [chargePermissionId], body, options) as Promise<
      ResponseBody<'closeChargePermission'>
    >;
  }
  /** POST /v2/charges: Authorize (and optionally capture) a charge on a charge permission (201). */
  createCharge(
    body: RequestBody<'createCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createCharge'>> {
    return this[CALL]('createCharge', [], body, options) as Promise<ResponseBody<'createCharge'>>;
  }
  /** GET /v2/charges/{chargeId}: Get a charge. */
  getCharge(chargeId: string, options?: CallOptions): Promise<ResponseBody<'getCharge'>> {
    return this[CALL]('getCharge', [chargeId], undefined, options) as Promise<ResponseBody<'getCharge'>>;
  }
  /** PATCH /v2/charges/{chargeId}: Update a charge (e.g. its soft descriptor or payment-processing metadata). */
  updateCharge(
    chargeId: string,
    body: RequestBody<'updateCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateCharge'>> {
    return this[CALL]('updateCharge', [chargeId], body, options) as Promise<ResponseBody<'updateCharge'>>;
  }
  /** POST /v2/charges/{chargeId}/capture: Capture an authorized charge. */
  captureCharge(
    chargeId: string,
    body: RequestBody<'captureCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'captureCharge'>> {
    return this[CALL]('captureCharge', [chargeId], body, options) as Promise<ResponseBody<'captureCharge'>>;
  }
  /** DELETE /v2/charges/{chargeId}/cancel: Cancel a charge (DELETE with a JSON body). */
  cancelCharge(
    chargeId: string,
    body: RequestBody<'cancelCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'cancelCharge'>> {
    return this[CALL]('cancelCharge', [chargeId], body, options) as Promise<ResponseBody<'cancelCharge'>>;
  }
  /** POST /v2/refunds: Refund a captured charge (201). */
  createRefund(
    body: RequestBody<'createRefund'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createRefund'>> {
    return this[CALL]('createRefund', [], body, options) as Promise<ResponseBody<'createRefund'>>;
  }
  /** GET /v2/refunds/{refundId}: Get a refund. */
  getRefund(refundId: string, options?: CallOptions): Promise<ResponseBody<'getRefund'>> {
    return this[CALL]('getRefund', [refundId], undefined, options) as Promise<ResponseBody<'getRefund'>>;
  }
  /** GET /v2/buyers/{buyerToken}: Get the buyer behind an Amazon Sign-In `buyerToken`. */
  getBuyer(buyerToken: string, options?: CallOptions): Promise<ResponseBody<'getBuyer'>> {
    return this[CALL]('getBuyer', [buyerToken], undefined, options) as Promise<ResponseBody<'getBuyer'>>;
  }
  /** GET /v2/reports: List reports; lists and Dates in the query are serialised the way Amazon expects. */
  getReports(query?: QueryParams<'getReports'>, options?: CallOptions): Promise<ResponseBody<'getReports'>> {
    return this[CALL]('getReports', [], query, options) as Promise<ResponseBody<'getReports'>>;
  }
  /** POST /v2/reports: Request a report. */
  createReport(
    body: RequestBody<'createReport'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createReport'>> {
    return this[CALL]('createReport', [], body, options) as Promise<ResponseBody<'createReport'>>;
  }
  /** GET /v2/reports/{reportId}: Get one report's metadata. */
  getReportById(reportId: string, options?: CallOptions): Promise<ResponseBody<'getReportById'>> {
    return this[CALL]('getReportById', [reportId], undefined, options) as Promise<
      ResponseBody<'getReportById'>
    >;
  }
  /** GET /v2/report-documents/{reportDocumentId}: Get a report document's download URL. */
  getReportDocument(
    reportDocumentId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'getReportDocument'>> {
    return this[CALL]('getReportDocument', [reportDocumentId], undefined, options) as Promise<
      ResponseBody<'getReportDocument'>
    >;
  }
  /** GET /v2/report-schedules: List report schedules, optionally by report type. */
  getReportSchedules(
    query?: QueryParams<'getReportSchedules'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'getReportSchedules'>> {
    return this[CALL]('getReportSchedules', [], query, options) as Promise<
      ResponseBody<'getReportSchedules'>
    >;
  }
  /** POST /v2/report-schedules: Create a report schedule. */
  createReportSchedule(
    body: RequestBody<'createReportSchedule'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createReportSchedule'>> {
    return this[CALL]('createReportSchedule', [], body, options) as Promise<
      ResponseBody<'createReportSchedule'>
    >;
  }
  /** GET /v2/report-schedules/{reportScheduleId}: Get a report schedule. */
  getReportScheduleById(
    reportScheduleId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'getReportScheduleById'>> {
    return this[CALL]('getReportScheduleById', [reportScheduleId], undefined, options) as Promise<
      ResponseBody<'getReportScheduleById'>
    >;
  }
  /** DELETE /v2/report-schedules/{reportScheduleId}: Cancel a report schedule. */
  cancelReportSchedule(
    reportScheduleId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'cancelReportSchedule'>> {
    return this[CALL]('cancelReportSchedule', [reportScheduleId], undefined, options) as Promise<
      ResponseBody<'cancelReportSchedule'>
    >;
  }
  /** GET /v2/disbursements: List disbursements by settlement date range. */
  getDisbursements(
    query?: QueryParams<'getDisbursements'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'getDisbursements'>> {
    return this[CALL]('getDisbursements', [], query, options) as Promise<ResponseBody<'getDisbursements'>>;
  }
  /** POST /v2/merchantAccounts: Register a merchant account (solution providers). */
  registerAmazonPayAccount(
    body: RequestBody<'registerAmazonPayAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'registerAmazonPayAccount'>> {
    return this[CALL]('registerAmazonPayAccount', [], body, options) as Promise<
      ResponseBody<'registerAmazonPayAccount'>
    >;
  }
  /** PATCH /v2/merchantAccounts/{merchantAccountId}: Update a merchant account. */
  updateAmazonPayAccount(
    merchantAccountId: string,
    body: RequestBody<'updateAmazonPayAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateAmazonPayAccount'>> {
    return this[CALL]('updateAmazonPayAccount', [merchantAccountId], body, options) as Promise<
      ResponseBody<'updateAmazonPayAccount'>
    >;
  }
  /** DELETE /v2/merchantAccounts/{merchantAccountId}: Close or dissociate a merchant account. */
  deleteAmazonPayAccount(
    merchantAccountId: string,
    options?: CallOptions,
  ): Promise<ResponseBody<'deleteAmazonPayAccount'>> {
    return this[CALL]('deleteAmazonPayAccount', [merchantAccountId], undefined, options) as Promise<
      ResponseBody<'deleteAmazonPayAccount'>
    >;
  }
  /** POST /v2/merchantAccounts/{merchantAccountId}/claim: Let the merchant claim an account registered for them. */
  claimMerchantAccount(
    merchantAccountId: string,
    body: RequestBody<'claimMerchantAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'claimMerchantAccount'>> {
    return this[CALL]('claimMerchantAccount', [merchantAccountId], body, options) as Promise<
      ResponseBody<'claimMerchantAccount'>
    >;
  }
  /** POST /v2/merchantAccounts/{merchantAccountId}/stores: Create a store on a merchant account. */
  createStore(
    merchantAccountId: string,
    body: RequestBody<'createStore'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createStore'>> {
    return this[CALL]('createStore', [merchantAccountId], body, options) as Promise<
      ResponseBody<'createStore'>
    >;
  }
  /** PATCH /v2/merchantAccounts/{merchantAccountId}/stores/{storeId}: Update a store. */
  updateStore(
    merchantAccountId: string,
    storeId: string,
    body: RequestBody<'updateStore'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateStore'>> {
    return this[CALL]('updateStore', [merchantAccountId, storeId], body, options) as Promise<
      ResponseBody<'updateStore'>
    >;
  }
  /** POST /v2/disputes: Create a dispute (payment service providers). */
  createDispute(
    body: RequestBody<'createDispute'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'createDispute'>> {
    return this[CALL]('createDispute', [], body, options) as Promise<ResponseBody<'createDispute'>>;
  }
  /** GET /v2/disputes/{disputeId}: Get a dispute. */
  getDispute(disputeId: string, options?: CallOptions): Promise<ResponseBody<'getDispute'>> {
    return this[CALL]('getDispute', [disputeId], undefined, options) as Promise<ResponseBody<'getDispute'>>;
  }
  /** PATCH /v2/disputes/{disputeId}: Update a dispute. */
  updateDispute(
    disputeId: string,
    body: RequestBody<'updateDispute'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateDispute'>> {
    return this[CALL]('updateDispute', [disputeId], body, options) as Promise<ResponseBody<'updateDispute'>>;
  }
  /** POST /v2/disputes/{disputeId}/contest: Contest a dispute with evidence files. */
  contestDispute(
    disputeId: string,
    body: RequestBody<'contestDispute'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'contestDispute'>> {
    return this[CALL]('contestDispute', [disputeId], body, options) as Promise<
      ResponseBody<'contestDispute'>
    >;
  }
  /** POST /v2/files: Upload an evidence file for a dispute. */
  uploadFile(body: RequestBody<'uploadFile'>, options?: CallOptions): Promise<ResponseBody<'uploadFile'>> {
    return this[CALL]('uploadFile', [], body, options) as Promise<ResponseBody<'uploadFile'>>;
  }
}

/** In-store operations (merchant scan, charge, refund) plus the shared ones, as the .NET `InStoreClient`. */
export class InStoreClient extends ClientBase {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): InStoreWithResponse {
    return super.withResponse as InStoreWithResponse;
  }
  /** POST /v2/in-store/merchantScan: Start an in-store purchase from a scanned buyer code. */
  instoreMerchantScan(
    body: RequestBody<'instoreMerchantScan'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreMerchantScan'>> {
    return this[CALL]('instoreMerchantScan', [], body, options) as Promise<
      ResponseBody<'instoreMerchantScan'>
    >;
  }
  /** POST /v2/in-store/charge: Charge the buyer in store. */
  instoreCharge(
    body: RequestBody<'instoreCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreCharge'>> {
    return this[CALL]('instoreCharge', [], body, options) as Promise<ResponseBody<'instoreCharge'>>;
  }
  /** POST /v2/in-store/refund: Refund an in-store charge. */
  instoreRefund(
    body: RequestBody<'instoreRefund'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreRefund'>> {
    return this[CALL]('instoreRefund', [], body, options) as Promise<ResponseBody<'instoreRefund'>>;
  }
  /** Alias of `instoreMerchantScan`, as the .NET InStoreClient names it. */
  merchantScan(
    body: RequestBody<'instoreMerchantScan'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreMerchantScan'>> {
    return this.instoreMerchantScan(body, options);
  }
  /** Alias of `instoreCharge`. */
  charge(body: RequestBody<'instoreCharge'>, options?: CallOptions): Promise<ResponseBody<'instoreCharge'>> {
    return this.instoreCharge(body, options);
  }
  /** Alias of `instoreRefund`. */
  refund(body: RequestBody<'instoreRefund'>, options?: CallOptions): Promise<ResponseBody<'instoreRefund'>> {
    return this.instoreRefund(body, options);
  }
}

/** Every Amazon Pay API v2 operation on one client: the web store ones and the in-store ones. */
export class AmazonPayClient extends WebStoreClient {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): AmazonPayWithResponse {
    return super.withResponse as AmazonPayWithResponse;
  }
  /** POST /v2/in-store/merchantScan: Start an in-store purchase from a scanned buyer code. */
  instoreMerchantScan(
    body: RequestBody<'instoreMerchantScan'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreMerchantScan'>> {
    return this[CALL]('instoreMerchantScan', [], body, options) as Promise<
      ResponseBody<'instoreMerchantScan'>
    >;
  }
  /** POST /v2/in-store/charge: Charge the buyer in store. */
  instoreCharge(
    body: RequestBody<'instoreCharge'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreCharge'>> {
    return this[CALL]('instoreCharge', [], body, options) as Promise<ResponseBody<'instoreCharge'>>;
  }
  /** POST /v2/in-store/refund: Refund an in-store charge. */
  instoreRefund(
    body: RequestBody<'instoreRefund'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreRefund'>> {
    return this[CALL]('instoreRefund', [], body, options) as Promise<ResponseBody<'instoreRefund'>>;
  }
}
