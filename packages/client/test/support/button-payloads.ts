import type { ButtonPayload } from '../../src/index.js';

/** A store id in Amazon's format. */
export const storeId = 'amzn1.application-oa2-client.0000000000000000000000000000000a';
/** The one URL a checkout button needs. */
export const review = { checkoutReviewReturnUrl: 'https://shop.example/review' };

// One valid payload per kind, as Amazon's integration guides describe them.
/** One valid payload per kind of button. */
export const buttonPayloads = {
  checkout: { storeId, webCheckoutDetails: review, scopes: ['name', 'email'] },
  recurring: {
    storeId,
    webCheckoutDetails: review,
    chargePermissionType: 'Recurring',
    recurringMetadata: {
      frequency: { unit: 'Month', value: '1' },
      amount: { amount: '30', currencyCode: 'USD' },
    },
  },
  paymentMethodOnFile: {
    storeId,
    webCheckoutDetails: review,
    chargePermissionType: 'PaymentMethodOnFile',
    paymentMethodOnFileMetadata: { setupOnly: true },
    paymentDetails: { paymentIntent: 'Confirm' },
  },
  additionalPayment: {
    storeId,
    webCheckoutDetails: {
      checkoutMode: 'ProcessOrder',
      checkoutResultReturnUrl: 'https://shop.example/result',
    },
    paymentDetails: {
      paymentIntent: 'AuthorizeWithCapture',
      chargeAmount: { amount: '10', currencyCode: 'USD' },
      presentmentCurrency: 'USD',
    },
    addressDetails: {
      name: 'Paul Smith',
      addressLine1: '9999 First Avenue',
      city: 'New York',
      stateOrRegion: 'NY',
      postalCode: '10016',
      countryCode: 'US',
      phoneNumber: '212555555',
    },
  },
  signIn: { storeId, signInReturnUrl: 'https://shop.example/account', signInScopes: ['name', 'email'] },
} as const satisfies Record<string, ButtonPayload>;
