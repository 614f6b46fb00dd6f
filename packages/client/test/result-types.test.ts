/**
 * A merchant's file that names results needs no import from `@amazon-pay-ts/types`: the client's root
 * exports every response schema a method returns, as the method returns it (decoded, unwrapped).
 * This file imports the package by its name, as a consumer does; `pnpm typecheck` checks it.
 */
import type {
  AuthorizationTokenResponse,
  Buyer,
  CancelReportScheduleResponse,
  Charge,
  ChargePermission,
  CheckoutSession,
  ClaimMerchantAccountResponse,
  CreateReportResponse,
  CreateReportScheduleResponse,
  DeliveryTrackerResponse,
  Dispute,
  File,
  GetDisbursementsResponse,
  GetReportSchedulesResponse,
  GetReportsResponse,
  InStoreChargeResponse,
  InStoreMerchantScanResponse,
  InStoreRefundResponse,
  Refund,
  RegisterAmazonPayAccountResponse,
  Report,
  ReportDocument,
  ReportSchedule,
  ResponseBody,
  Store,
} from '@amazon-pay-ts/client';
import { describe, expectTypeOf, it } from 'vitest';

describe('result types from the client root', () => {
  it('are what the methods resolve to', () => {
    expectTypeOf<Charge>().toEqualTypeOf<ResponseBody<'getCharge'>>();
    expectTypeOf<Refund>().toEqualTypeOf<ResponseBody<'createRefund'>>();
    expectTypeOf<ChargePermission>().toEqualTypeOf<ResponseBody<'getChargePermission'>>();
    expectTypeOf<Buyer>().toEqualTypeOf<ResponseBody<'getBuyer'>>();
    expectTypeOf<ReportSchedule>().toEqualTypeOf<ResponseBody<'getReportScheduleById'>>();
    expectTypeOf<GetReportsResponse>().toEqualTypeOf<ResponseBody<'getReports'>>();
    expectTypeOf<Store>().toEqualTypeOf<ResponseBody<'createStore'>>();
    expectTypeOf<Dispute>().toEqualTypeOf<ResponseBody<'getDispute'>>();
  });

  it('a checkout session has its shipping address list decoded', () => {
    expectTypeOf<CheckoutSession>().toEqualTypeOf<ResponseBody<'getCheckoutSession'>>();
    type Entry = NonNullable<CheckoutSession['shippingAddressList']>[number];
    expectTypeOf<Entry>().toHaveProperty('addressId');
  });

  it('every other result is exported under its schema name', () => {
    expectTypeOf<AuthorizationTokenResponse>().toEqualTypeOf<ResponseBody<'getAuthorizationToken'>>();
    expectTypeOf<CancelReportScheduleResponse>().toEqualTypeOf<ResponseBody<'cancelReportSchedule'>>();
    expectTypeOf<ClaimMerchantAccountResponse>().toEqualTypeOf<ResponseBody<'claimMerchantAccount'>>();
    expectTypeOf<CreateReportResponse>().toEqualTypeOf<ResponseBody<'createReport'>>();
    expectTypeOf<CreateReportScheduleResponse>().toEqualTypeOf<ResponseBody<'createReportSchedule'>>();
    expectTypeOf<DeliveryTrackerResponse>().toEqualTypeOf<ResponseBody<'deliveryTrackers'>>();
    expectTypeOf<File>().toEqualTypeOf<ResponseBody<'uploadFile'>>();
    expectTypeOf<GetDisbursementsResponse>().toEqualTypeOf<ResponseBody<'getDisbursements'>>();
    expectTypeOf<GetReportSchedulesResponse>().toEqualTypeOf<ResponseBody<'getReportSchedules'>>();
    expectTypeOf<InStoreChargeResponse>().toEqualTypeOf<ResponseBody<'instoreCharge'>>();
    expectTypeOf<InStoreMerchantScanResponse>().toEqualTypeOf<ResponseBody<'instoreMerchantScan'>>();
    expectTypeOf<InStoreRefundResponse>().toEqualTypeOf<ResponseBody<'instoreRefund'>>();
    expectTypeOf<RegisterAmazonPayAccountResponse>().toEqualTypeOf<
      ResponseBody<'registerAmazonPayAccount'>
    >();
    expectTypeOf<Report>().toEqualTypeOf<ResponseBody<'getReportById'>>();
    expectTypeOf<ReportDocument>().toEqualTypeOf<ResponseBody<'getReportDocument'>>();
  });
});
