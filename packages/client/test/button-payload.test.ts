import { verifyButtonSignature } from '@amazon-pay-ts/signer';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AmazonPayRequestValidationError,
  type ButtonPayload,
  buttonKind,
  checkButtonPayload,
  type WebStoreClient,
} from '../src/index.js';
import { testClient, testKeys } from './support/client.js';

const storeId = 'amzn1.application-oa2-client.0000000000000000000000000000000a';
const review = { checkoutReviewReturnUrl: 'https://shop.example/review' };

// One valid payload per kind, as Amazon's integration guides describe them.
const payloads = {
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

async function rejection(promise: Promise<unknown>): Promise<AmazonPayRequestValidationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
  return error as AmazonPayRequestValidationError;
}

describe('button payloads', () => {
  it('tells the kinds apart and accepts a valid payload of each', () => {
    for (const [kind, payload] of Object.entries(payloads)) {
      expect(buttonKind(payload)).toBe(kind);
      expect(checkButtonPayload(payload), kind).toEqual([]);
      expect(checkButtonPayload(JSON.stringify(payload)), kind).toEqual([]);
    }
  });

  it('signs each kind, and the signature verifies over the returned string', async () => {
    const client = await testClient('http://127.0.0.1:9');
    const { publicKeyPem } = await testKeys();
    for (const payload of Object.values(payloads)) {
      const signed = await client.generateButtonSignature(payload);
      expect(signed.payload).toBe(JSON.stringify(payload));
      await expect(
        verifyButtonSignature(signed.payload, signed.signature, publicKeyPem),
      ).resolves.toMatchObject({
        ok: true,
      });
    }
    // Pre-serialised: the exact string is signed, not a re-serialisation.
    const text = `{ "storeId": "${storeId}", "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://a.example/r" } }`;
    expect((await client.generateButtonSignature(text)).payload).toBe(text);
  });

  it('refuses a misspelt field before signing, naming it and what was meant', async () => {
    const client = await testClient('http://127.0.0.1:9');
    const typo = { storeId, webCheckoutDetails: { checkoutReviewReturnURL: 'https://shop.example/review' } };
    const error = await rejection(client.generateButtonSignature(typo as never));
    expect(error.issues).toContainEqual({
      path: 'webCheckoutDetails.checkoutReviewReturnURL',
      message: 'is not a field of a checkout button payload; did you mean checkoutReviewReturnUrl?',
    });
    // The required URL is missing too, and said so.
    expect(error.issues.map((issue) => issue.path)).toContain('webCheckoutDetails.checkoutReviewReturnUrl');
    // The same typo in a pre-serialised payload.
    const fromText = await rejection(client.generateButtonSignature(JSON.stringify(typo)));
    expect(fromText.message).toContain('webCheckoutDetails.checkoutReviewReturnURL');
  });

  it('checks each kind against its own rules', async () => {
    const client = await testClient('http://127.0.0.1:9');
    const apbWithoutAmount = {
      ...payloads.additionalPayment,
      paymentDetails: { paymentIntent: 'Authorize' },
    };
    expect((await rejection(client.generateButtonSignature(apbWithoutAmount as never))).message).toMatch(
      /paymentDetails\.chargeAmount.*Additional Payment Button payload/,
    );
    const signInTypo = { ...payloads.signIn, signInScope: ['name'] };
    expect((await rejection(client.generateButtonSignature(signInTypo as never))).issues).toContainEqual({
      path: 'signInScope',
      message: 'is not a field of a sign-in button payload',
    });
    const recurringBadUnit = {
      ...payloads.recurring,
      recurringMetadata: { frequency: { unit: 'Fortnight', value: '1' } },
    };
    expect((await rejection(client.generateButtonSignature(recurringBadUnit as never))).message).toContain(
      'recurringMetadata.frequency.unit',
    );
    for (const bad of [42, null, '[1]', 'not json']) {
      await rejection(client.generateButtonSignature(bad as never));
    }
  });

  it('is typed by kind: a misspelt field does not compile', () => {
    type Sign = WebStoreClient['generateButtonSignature'];
    expectTypeOf<Parameters<Sign>[0]>().toEqualTypeOf<ButtonPayload | string>();
    const check = (sign: Sign) => {
      // @ts-expect-error checkoutReviewReturnURL is not a field of webCheckoutDetails
      void sign({ storeId, webCheckoutDetails: { checkoutReviewReturnURL: 'https://shop.example/review' } });
      // @ts-expect-error a sign-in payload needs signInReturnUrl, not signInReturnURL
      void sign({ storeId, signInReturnURL: 'https://shop.example/account' });
      void sign({ storeId, webCheckoutDetails: review });
    };
    expect(check).toBeTypeOf('function');
  });
});
