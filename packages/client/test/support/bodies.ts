import type { RequestBody } from '../../src/index.js';

/** A small valid request body for every operation that takes one (written for these tests). */
export const validBodies = {
  createCheckoutSession: {
    storeId: 'amzn1.application-oa2-client.0000000000000000000000000000000a',
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
  },
  updateCheckoutSession: {
    webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '14.00', currencyCode: 'EUR' } },
    merchantMetadata: { merchantReferenceId: 'order-1', merchantStoreName: 'Shop', noteToBuyer: 'Thanks' },
  },
  completeCheckoutSession: { chargeAmount: { amount: '14.00', currencyCode: 'EUR' } },
  finalizeCheckoutSession: {
    paymentIntent: 'Confirm',
    chargeAmount: { amount: '10.00', currencyCode: 'USD' },
  },
  updateChargePermission: { merchantMetadata: { merchantReferenceId: 'order-2' } },
  closeChargePermission: { closureReason: 'No more charges required', cancelPendingCharges: false },
  createCharge: {
    chargePermissionId: 'S01-1111111-2222222',
    chargeAmount: { amount: '1.23', currencyCode: 'USD' },
    captureNow: true,
  },
  updateCharge: { statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' } },
  captureCharge: { captureAmount: { amount: '1.23', currencyCode: 'USD' }, softDescriptor: 'Shop' },
  cancelCharge: { cancellationReason: 'Buyer cancelled' },
  createRefund: {
    chargeId: 'S01-1111111-2222222-C000001',
    refundAmount: { amount: '1.00', currencyCode: 'USD' },
  },
  createReport: {
    reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
    startTime: '20221225T150630Z',
    endTime: '20230223T111530Z',
  },
  createReportSchedule: {
    reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
    scheduleFrequency: 'P14D',
    nextReportCreationTime: '20221114T074550Z',
    deleteExistingSchedule: true,
  },
  deliveryTrackers: {
    chargePermissionId: 'P00-0000000-0000000',
    deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
  },
  instoreMerchantScan: {
    scanData: 'UKhrmatMeKdlfY6b',
    scanReferenceId: '0b8fb271-2ae2-49a5-b35d-4c1a3aa8bd2e',
    merchantCOE: 'US',
    ledgerCurrency: 'USD',
    chargeTotal: { amount: '2.00', currencyCode: 'USD' },
  },
  instoreCharge: {
    chargePermissionId: 'S01-1111111-2222222',
    chargeReferenceId: 'charge-ref-1',
    chargeTotal: { amount: '2.00', currencyCode: 'USD' },
  },
  instoreRefund: {
    chargeId: 'S01-1111111-2222222-C000001',
    refundReferenceId: 'refund-ref-1',
    refundTotal: { amount: '2.00', currencyCode: 'USD' },
  },
  registerAmazonPayAccount: { uniqueReferenceId: 'merchant-1', ledgerCurrency: 'EUR' },
  updateAmazonPayAccount: { businessInfo: { email: 'owner@shop.example' } },
  claimMerchantAccount: { uniqueReferenceId: 'merchant-1' },
  createStore: { storeName: 'Shop Berlin' },
  updateStore: { storeName: 'Shop Munich' },
  createDispute: {
    chargeId: 'S01-1111111-2222222-C000001',
    providerMetadata: { providerDisputeId: 'prov-1' },
    disputeAmount: { amount: '5.00', currencyCode: 'USD' },
    filingReason: 'ProductNotReceived',
    filingTimestamp: '20240101T000000Z',
    statusDetails: { state: 'ActionRequired' },
  },
  updateDispute: { statusDetails: { state: 'Closed', resolution: 'BuyerWon' } },
  contestDispute: { merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId: 'file-1' }] },
  uploadFile: { type: 'jpg', purpose: 'disputeEvidence' },
} satisfies { [K in keyof typeof import('../../src/operations.js').OPERATION_ROUTES]?: RequestBody<K> };
