import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { apiError } from '../helpers.js';
import {
  arrivedAt,
  browserSuite,
  phpJsonEncode,
  phpSignedString,
  type Replay,
  STEP_TIMEOUT,
  sessionIdIn,
  startReplay,
} from './harness.js';

/**
 * OXID's module (OXID-eSales/amazon-pay-module), replayed. Its Smarty templates write the options
 * straight into the page: `sandbox: true`, ledgerCurrency 'EUR', checkoutLanguage from the shop
 * language (de_DE), and the payload as PHP's json_encode made it — slashes escaped as `\/` —
 * inside a single-quoted JS literal, so the browser's string has plain `/` while the PHP SDK signed
 * stripcslashes of the same text (plain `/` too). The express buttons carry publicKeyId only inside
 * the config; the checkout-page button has it at the top and gets `{ payloadJSON, signature }` via
 * onClick → initCheckout once the terms are accepted; the sign-in payload adds signInCancelUrl and
 * platformId; address changes are bound on a submit button inside a form.
 */
const MERCHANT = {
  merchantId: 'A4OXIDSHOPEXAMPLE',
  publicKeyId: 'SANDBOX-AOXIDEXAMPLEKEY00001',
  region: 'eu' as const,
};
const STORE_ID = 'amzn1.application-oa2-client.00112233445566778899aabbccddeeff';
const PLATFORM_ID = 'A1PLATFORMEXAMPLE';
const ARTICLE = '05848170643ab0deb9914566391c0c63';

let replay: Replay;

/** A template's renderButton call: the payload written raw into a single-quoted JS string, as Smarty does. */
function template(containerId: string, options: string) {
  return `amazon.Pay.renderButton('#${containerId}', {${options}});`;
}

async function signed(payload: unknown) {
  const json = phpJsonEncode(payload);
  return { json, signature: await replay.merchant.sign(phpSignedString(json)) };
}

browserSuite("checkout.js replay: OXID's Amazon Pay module", () => {
  beforeAll(async () => {
    replay = await startReplay({ merchant: MERCHANT });
    // The order page after Amazon: the change-address button is a submit button in a form.
    replay.shop.route('/index.php', ({ url }) => {
      const id = url.searchParams.get('amazonCheckoutSessionId') ?? '';
      if (url.searchParams.get('cl') !== 'order' || !id) return { body: '<h1>Back at the shop</h1>' };
      return {
        body: replay.html(
          `<form action="/index.php" method="post"><input type="hidden" name="cl" value="user">
<button type="submit" id="amznChangeAddress" title="Edit">Edit shipping address</button></form>`,
          `document.getElementById('amznChangeAddress').addEventListener('click', function (e) { e.preventDefault(); });
amazon.Pay.bindChangeAction('#amznChangeAddress', { amazonCheckoutSessionId: '${id}', changeAction: 'changeAddress' });`,
        ),
      };
    });
  }, STEP_TIMEOUT);
  afterAll(() => replay?.close());
  beforeEach(async () => {
    replay.console.length = 0;
    replay.errors.length = 0;
    await replay.context.clearCookies();
  });

  it(
    'express button on the product page: escaped-slash payload in a JS literal, publicKeyId only in the config; then the change-address button',
    async () => {
      const { shop, page, merchant } = replay;
      const { json, signature } = await signed({
        webCheckoutDetails: {
          checkoutReviewReturnUrl: `${shop.url}/index.php?cl=order&fnc=amazonReview&anid=${ARTICLE}`,
          checkoutResultReturnUrl: `${shop.url}/index.php?cl=order&fnc=execute&action=result`,
        },
        storeId: STORE_ID,
        scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
        platformId: PLATFORM_ID,
        deliverySpecifications: {
          addressRestrictions: { type: 'Allowed', restrictions: { DE: {}, AT: {} } },
        },
      });
      // What the page carries: json_encode's escaped slashes, which the JS literal turns back into `/`.
      expect(json).toContain('http:\\/\\/127.0.0.1');
      shop.page(
        '/product/',
        replay.html(
          '<div class="amazonpay-button express" id="AmazonPayButtonProductMain"></div>',
          template(
            'AmazonPayButtonProductMain',
            `merchantId: '${merchant.merchantId}',
    sandbox: true,
    ledgerCurrency: 'EUR',
    checkoutLanguage: 'de_DE',
    productType: 'PayAndShip',
    placement: 'Product',
    createCheckoutSessionConfig: {
        payloadJSON: '${json}',
        signature: '${signature}',
        publicKeyId: '${merchant.publicKeyId}'
    }`,
          ),
        ),
      );
      await page.goto(`${shop.url}/product/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/index.php?cl=order&fnc=amazonReview&anid=${ARTICLE}`);
      const id = sessionIdIn(page.url());
      const session = await merchant.client.getCheckoutSession(id);
      expect(session.platformId).toBe(PLATFORM_ID);
      expect(session.shippingAddress?.countryCode).toBeTruthy();

      await page.getByRole('button', { name: 'Edit shipping address' }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin?amazonCheckoutSessionId=${id}`);
      expect(new URL(page.url()).searchParams.get('changeAction')).toBe('changeAddress');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'checkout-page button: top-level publicKeyId, onClick refuses until the terms are accepted, then initCheckout with payload and signature only',
    async () => {
      const { shop, page, merchant } = replay;
      const { json, signature } = await signed({
        webCheckoutDetails: {
          checkoutResultReturnUrl: `${shop.url}/index.php?cl=order&fnc=execute&action=result&stoken=5F1B2C3D`,
          checkoutMode: 'ProcessOrder',
        },
        storeId: STORE_ID,
        scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
        paymentDetails: {
          canHandlePendingAuthorization: true,
          paymentIntent: 'Authorize',
          chargeAmount: { amount: '59.90', currencyCode: 'EUR' },
        },
        addressDetails: {
          name: 'Erika Mustermann',
          addressLine1: 'Heidestraße 17',
          postalCode: '51147',
          city: 'Köln',
          countryCode: 'DE',
          phoneNumber: '0',
        },
        platformId: PLATFORM_ID,
      });
      shop.page(
        '/checkout/',
        replay.html(
          `<label><input type="checkbox" id="agb"> I accept the terms</label>
<div id="confirm-agb-error-container" style="display:none" role="alert">Please accept the terms.</div>
<div class="amazonpay-button nonexpress" id="AmazonPayButtonNextCart2"></div>`,
          `var amazonPayButton = ${template(
            'AmazonPayButtonNextCart2',
            `merchantId: '${merchant.merchantId}',
    publicKeyId : '${merchant.publicKeyId}',
    sandbox: true,
    ledgerCurrency: 'EUR',
    checkoutLanguage: 'de_DE',
    productType: 'PayAndShip',
    placement: 'Checkout'`,
          )}
var payload = '${json}';
var payloadSignature = '${signature}';
amazonPayButton.onClick(function () {
  if (!document.getElementById('agb').checked) {
    document.getElementById('confirm-agb-error-container').style.display = 'block';
    return;
  }
  amazonPayButton.initCheckout({ createCheckoutSessionConfig: { payloadJSON: payload, signature: payloadSignature } });
});`,
        ),
      );
      await page.goto(`${shop.url}/checkout/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await page.getByRole('alert').waitFor();
      expect(page.url()).toBe(`${shop.url}/checkout/`);
      await page.getByLabel('I accept the terms').check();
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/index.php?cl=order&fnc=execute&action=result`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.shippingAddress?.city).toBe('Köln');
      expect(session.paymentDetails?.chargeAmount).toEqual({ amount: '59.90', currencyCode: 'EUR' });
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'sign-in button: payload with signInCancelUrl and platformId; cancel returns there, allow returns a token only this merchant reads',
    async () => {
      const { shop, page, merchant, other } = replay;
      const { json, signature } = await signed({
        signInReturnUrl: `${shop.url}/index.php?cl=amazonpaysignin&fnc=signin`,
        signInCancelUrl: `${shop.url}/index.php?cl=user`,
        storeId: STORE_ID,
        signInScopes: ['name', 'email', 'postalCode', 'shippingAddress', 'billingAddress', 'phoneNumber'],
        platformId: PLATFORM_ID,
      });
      shop.page(
        '/account/',
        replay.html(
          '<div class="amazonpay-button" id="AmazonPayButtonLogin"></div>',
          template(
            'AmazonPayButtonLogin',
            `merchantId: '${merchant.merchantId}',
    ledgerCurrency: 'EUR',
    sandbox: true,
    checkoutLanguage: 'de_DE',
    productType: 'SignIn',
    placement: 'Cart',
    buttonColor: 'Gold',
    signInConfig: {
        payloadJSON: '${json}',
        signature: '${signature}',
        publicKeyId: '${merchant.publicKeyId}'
    }`,
          ),
        ),
      );
      await page.goto(`${shop.url}/account/`);
      await page.getByRole('button', { name: 'Sign in with Amazon' }).click();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await arrivedAt(page, `${shop.url}/index.php?cl=user`);

      await page.goto(`${shop.url}/account/`);
      await page.getByRole('button', { name: 'Sign in with Amazon' }).click();
      await page.getByRole('button', { name: 'Allow and sign in' }).click();
      await arrivedAt(page, `${shop.url}/index.php?cl=amazonpaysignin&fnc=signin`);
      const token = new URL(page.url()).searchParams.get('buyerToken')!;
      const buyer = await merchant.client.getBuyer(token);
      expect(buyer.shippingAddress?.countryCode).toBeTruthy();
      expect((await apiError(other.client.getBuyer(token))).status).toBe(404);
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
