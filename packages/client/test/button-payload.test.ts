import { type SignatureAlgorithm, verifyButtonSignature } from '@amazon-pay-ts/signer';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { buttonKind, checkButtonPayload } from '../src/fetch.js';
import { AmazonPayRequestValidationError, type ButtonPayload, WebStoreClient } from '../src/index.js';
import { buttonPayloads as payloads, review, storeId } from './support/button-payloads.js';
import { testClient, testKeys } from './support/client.js';

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

  it("returns the signer's algorithm with the signature, for createCheckoutSessionConfig.algorithm", async () => {
    const { privateKeyPem } = await testKeys();
    const config = {
      region: 'eu',
      publicKeyId: 'SANDBOX-AEXAMPLETESTKEY0001',
      privateKey: privateKeyPem,
    } as const;
    const byDefault = await new WebStoreClient(config).generateButtonSignature(payloads.checkout);
    expect(byDefault.algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
    const original = await new WebStoreClient({
      ...config,
      algorithm: 'AMZN-PAY-RSASSA-PSS',
    }).generateButtonSignature(payloads.checkout);
    expect(original.algorithm).toBe('AMZN-PAY-RSASSA-PSS');
    const { publicKeyPem } = await testKeys();
    expect(
      await verifyButtonSignature(original.payload, original.signature, publicKeyPem, original.algorithm),
    ).toEqual({ ok: true });
    expectTypeOf(byDefault.algorithm).toEqualTypeOf<SignatureAlgorithm>();
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
