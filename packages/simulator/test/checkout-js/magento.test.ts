import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { apiError } from '../helpers.js';
import {
  arrivedAt,
  browserSuite,
  POLL,
  phpSignedString,
  type Replay,
  STEP_TIMEOUT,
  sessionIdIn,
  startReplay,
} from './harness.js';

/**
 * Amazon's Magento 2 plugin (amzn/amazon-payments-magento-2-plugin 5.18), replayed: the shop's
 * `amazon_pay/checkout/config` endpoint hands the page merchant_id, currency, button_color,
 * language, sandbox (a JSON boolean), the payloads (PHP json_encode with JSON_UNESCAPED_SLASHES)
 * and their signatures (the PHP SDK's default algorithm, no `algorithm` in the button); the page
 * renders coupled buttons with an estimatedOrderAmount of two-decimal strings and later calls
 * `updateButtonInfo`, renders the PayNow button decoupled and reaches into its shadow root,
 * triggers clicks on the element it rendered into, and signs out with `amazon.Pay.signout()`.
 */
const MERCHANT = {
  merchantId: 'A2MAGENTOSTORE1',
  publicKeyId: 'SANDBOX-AMAGENTOEXAMPLEKEY01',
  region: 'na' as const,
};
const STORE_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';

let replay: Replay;

/** The config endpoint's answer, built the way the plugin's CheckoutSessionManagement::getConfig builds it. */
async function shopConfig(shop: string) {
  const { merchant } = replay;
  const checkoutPayload = JSON.stringify({
    webCheckoutDetails: {
      checkoutReviewReturnUrl: `${shop}/amazon_pay/login/checkout/`,
      checkoutCancelUrl: `${shop}/checkout/cart/`,
    },
    storeId: STORE_ID,
    scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
  });
  const loginPayload = JSON.stringify({
    signInReturnUrl: `${shop}/amazon_pay/login/authorize/`,
    signInCancelUrl: `${shop}/checkout/cart/`,
    storeId: STORE_ID,
    signInScopes: ['name', 'email'],
  });
  // The PayNow payload: a PHP float amount (a JSON number), the shop's own address, phone "0" when none.
  const paynowPayload = JSON.stringify({
    webCheckoutDetails: {
      checkoutMode: 'ProcessOrder',
      checkoutResultReturnUrl: `${shop}/amazon_pay/checkout/completeSession/`,
      checkoutCancelUrl: `${shop}/checkout/cart/`,
    },
    storeId: STORE_ID,
    scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
    paymentDetails: {
      paymentIntent: 'Authorize',
      canHandlePendingAuthorization: false,
      chargeAmount: { amount: 42.5, currencyCode: 'USD' },
      presentmentCurrency: 'USD',
    },
    merchantMetadata: { merchantStoreName: 'Main Website Store' },
    platformId: 'A1PLATFORMEXAMPLE',
    addressDetails: {
      name: 'Pat Shopper',
      city: 'Seattle',
      postalCode: '98101',
      countryCode: 'US',
      phoneNumber: '0',
      stateOrRegion: 'WA',
      addressLine1: '410 Terry Ave N',
    },
  });
  return {
    merchant_id: merchant.merchantId,
    currency: 'USD',
    button_color: 'Gold',
    language: 'en_US',
    sandbox: true,
    login_payload: loginPayload,
    login_signature: await merchant.sign(phpSignedString(loginPayload)),
    checkout_payload: checkoutPayload,
    checkout_signature: await merchant.sign(phpSignedString(checkoutPayload)),
    public_key_id: merchant.publicKeyId,
    pay_only: false,
    paynow_payload: paynowPayload,
    paynow_signature: await merchant.sign(phpSignedString(paynowPayload)),
  };
}

/** The plugin's button options: everything from the config, the placement from the widget. */
const BUTTON_OPTIONS = `
function loadConfig() { return fetch('/amazon_pay/checkout/config').then(function (r) { return r.json(); }); }
function buttonOptions(config, placement) {
  return {
    merchantId: config['merchant_id'],
    publicKeyId: config['public_key_id'],
    ledgerCurrency: config['currency'],
    sandbox: config['sandbox'],
    checkoutLanguage: config['language'],
    productType: config['pay_only'] ? 'PayOnly' : 'PayAndShip',
    placement: placement,
    buttonColor: config['button_color'],
    createCheckoutSessionConfig: {
      payloadJSON: config['checkout_payload'],
      signature: config['checkout_signature'],
      publicKeyId: config['public_key_id']
    }
  };
}
/** A fresh root element for the button, as the widget makes one (loader image first, emptied before rendering). */
function buttonRoot(container, id) {
  var root = document.createElement('div');
  root.id = id;
  root.innerHTML = '<img alt="" width="24" src="data:,">';
  document.querySelector(container).appendChild(root);
  root.textContent = '';
  return root;
}`;

async function signInAndContinue() {
  const { page } = replay;
  await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
  await page.getByRole('button', { name: 'Continue' }).click();
}

browserSuite("checkout.js replay: Amazon's Magento 2 plugin", () => {
  beforeAll(async () => {
    replay = await startReplay({ merchant: MERCHANT });
    const { shop } = replay;
    shop.route('/amazon_pay/checkout/config', async () => ({
      type: 'application/json',
      body: JSON.stringify(await shopConfig(shop.url)),
    }));
  }, STEP_TIMEOUT);
  afterAll(() => replay?.close());
  beforeEach(async () => {
    replay.console.length = 0;
    replay.errors.length = 0;
    await replay.context.clearCookies();
  });

  it(
    'checkout-page button: two-decimal estimatedOrderAmount, updateButtonInfo on a cart change, the widget clicks the element it rendered into',
    async () => {
      const { shop, page, merchant } = replay;
      shop.page(
        '/checkout/',
        replay.html(
          '<div id="amazon-checkout-button" class="amazon-button-container"></div>',
          `${BUTTON_OPTIONS}
var amazonPayButton;
loadConfig().then(function (config) {
  var root = buttonRoot('#amazon-checkout-button', 'ui-id-3');
  var options = buttonOptions(config, 'Checkout');
  options.estimatedOrderAmount = { amount: (42).toFixed(2), currencyCode: config['currency'] };
  amazonPayButton = amazon.Pay.renderButton('#' + root.id, options);
  window.cartUpdated = function (subtotal) {
    amazonPayButton.updateButtonInfo({ amount: subtotal.toFixed(2), currencyCode: config['currency'] });
  };
  // The widget's click(): a click on the first child of its container, the element rendered into.
  window.widgetClick = function () { document.querySelector('#amazon-checkout-button').firstElementChild.click(); };
});`,
        ),
      );
      await page.goto(`${shop.url}/checkout/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).waitFor();
      await expect
        .poll(() => replay.console, POLL)
        .toContain('Estimated order amount for sandbox is {"amount":"42.00","currencyCode":"USD"}');
      await page.evaluate(() => (window as unknown as { cartUpdated(n: number): void }).cartUpdated(55));
      await expect
        .poll(() => replay.console, POLL)
        .toContain('Estimated order amount for sandbox is {"amount":"55.00","currencyCode":"USD"}');

      await page.evaluate(() => (window as unknown as { widgetClick(): void }).widgetClick());
      await signInAndContinue();
      await arrivedAt(page, `${shop.url}/amazon_pay/login/checkout/`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.webCheckoutDetails?.checkoutCancelUrl).toBe(`${shop.url}/checkout/cart/`);
      expect(session.productType).toBe('PayAndShip');
      expect(session.buyer?.email).toBeTruthy();
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "PayNow (additional payment button): rendered decoupled, its shadow root's div toggled, onClick declines until the form is valid, then initCheckout pays",
    async () => {
      const { shop, page, merchant } = replay;
      shop.page(
        '/checkout/payment/',
        replay.html(
          '<div id="PayWithAmazonButton"></div><p id="billing">no billing address</p>',
          `${BUTTON_OPTIONS}
window.clicks = 0;
loadConfig().then(function (config) {
  var root = buttonRoot('#PayWithAmazonButton', 'ui-id-7');
  var options = buttonOptions(config, 'Checkout');
  delete options.createCheckoutSessionConfig; // decoupled, so onClick can adjust the payload
  var button = amazon.Pay.renderButton('#' + root.id, options);
  var disabled = true;
  function toggleAvailability(hasBilling) {
    var apb = document.querySelectorAll('#PayWithAmazonButton')[0].querySelector('div').shadowRoot.querySelector('div');
    apb.classList.remove(hasBilling ? 'amazonpay-button-disabled' : 'amazonpay-button-enabled');
    apb.classList.add(hasBilling ? 'amazonpay-button-enabled' : 'amazonpay-button-disabled');
    disabled = !hasBilling;
  }
  toggleAvailability(false);
  button.onClick(function () {
    window.clicks++;
    if (disabled) return false;
    loadConfig().then(function (fresh) {
      button.initCheckout({ createCheckoutSessionConfig: {
        payloadJSON: fresh['paynow_payload'], signature: fresh['paynow_signature'], publicKeyId: fresh['public_key_id']
      } });
    });
  });
  window.setBilling = function () { document.getElementById('billing').textContent = 'billing address set'; toggleAvailability(true); };
  // "Place order" in a one-step checkout: a click on every div in the button's container.
  window.payNow = function () { document.querySelectorAll('#PayWithAmazonButton div').forEach(function (d) { d.click(); }); };
  window.apbClass = function () { return document.querySelector('#PayWithAmazonButton div').shadowRoot.querySelector('div').className; };
});`,
        ),
      );
      await page.goto(`${shop.url}/checkout/payment/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { clicks: number }).clicks), POLL)
        .toBe(1);
      expect(page.url()).toBe(`${shop.url}/checkout/payment/`);
      expect(await page.evaluate(() => (window as unknown as { apbClass(): string }).apbClass())).toMatch(
        /amazonpay-button-disabled/,
      );

      await page.evaluate(() => (window as unknown as { setBilling(): void }).setBilling());
      await page.evaluate(() => (window as unknown as { payNow(): void }).payNow());
      await signInAndContinue();
      await arrivedAt(page, `${shop.url}/amazon_pay/checkout/completeSession/`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.paymentDetails?.chargeAmount).toEqual({ amount: '42.50', currencyCode: 'USD' });
      expect(session.webCheckoutDetails?.checkoutMode).toBe('ProcessOrder');
      expect(session.shippingAddress?.city).toBe('Seattle');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "sign-in button: signInCancelUrl in the payload is honoured, and the buyer token is this merchant's alone",
    async () => {
      const { shop, page, merchant, other } = replay;
      shop.page(
        '/customer/account/login/',
        replay.html(
          '<div class="amazon-sign-in-button-container"></div>',
          `${BUTTON_OPTIONS}
loadConfig().then(function (config) {
  var root = buttonRoot('.amazon-sign-in-button-container', 'ui-id-9');
  amazon.Pay.renderButton('#' + root.id, {
    merchantId: config['merchant_id'],
    ledgerCurrency: config['currency'],
    buttonColor: config['button_color'],
    checkoutLanguage: config['language'],
    productType: 'SignIn',
    placement: 'Cart',
    sandbox: config['sandbox'],
    signInConfig: { payloadJSON: config['login_payload'], signature: config['login_signature'], publicKeyId: config['public_key_id'] }
  });
});`,
        ),
      );
      await page.goto(`${shop.url}/customer/account/login/`);
      await page.getByRole('button', { name: 'Sign in with Amazon' }).click();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await arrivedAt(page, `${shop.url}/checkout/cart/`);

      await page.goto(`${shop.url}/customer/account/login/`);
      await page.getByRole('button', { name: 'Sign in with Amazon' }).click();
      await page.getByRole('button', { name: 'Allow and sign in' }).waitFor();
      expect(await page.getByRole('listitem').allTextContents()).toEqual(['name', 'email']);
      await page.getByRole('button', { name: 'Allow and sign in' }).click();
      await arrivedAt(page, `${shop.url}/amazon_pay/login/authorize/`);
      const token = new URL(page.url()).searchParams.get('buyerToken')!;
      const buyer = await merchant.client.getBuyer(token);
      expect(buyer.email).toBeTruthy();
      expect(buyer.phoneNumber).toBeNull();
      expect((await apiError(other.client.getBuyer(token))).status).toBe(404);
    },
    STEP_TIMEOUT,
  );

  it(
    "errors as Amazon's script throws them: every missing option listed, and an element that is not there",
    async () => {
      const { shop, page } = replay;
      shop.page(
        '/broken/',
        replay.html(
          '<div id="minicart"><div id="ui-id-5"></div></div>',
          `${BUTTON_OPTIONS}
window.messages = [];
// The config arrived as a JSON string instead of an object, so every config['…'] is undefined.
var config = '{"merchant_id":"A2MAGENTOSTORE1","currency":"USD"}';
try { amazon.Pay.renderButton('#ui-id-5', buttonOptions(config, 'Cart')); }
catch (e) { window.messages.push('Amazon Pay button render error: ' + e); }
loadConfig().then(function (good) {
  try { amazon.Pay.renderButton('#ui-id-6', buttonOptions(good, 'Cart')); }
  catch (e) { window.messages.push(String(e)); }
});`,
        ),
      );
      await page.goto(`${shop.url}/broken/`);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { messages: string[] }).messages), POLL)
        .toEqual([
          "Amazon Pay button render error: AmazonPay:\nMissing parameter 'merchantId' in the options object.\nMissing parameter 'ledgerCurrency' in the options object.",
          'AmazonPay:\nCan not find element #ui-id-6 for amazon.Pay.renderButton.',
        ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'signout() then an immediate navigation still ends the Amazon session',
    async () => {
      const { shop, page, sim, context } = replay;
      await context.addCookies([
        {
          name: 'amazon-pay-simulator-buyer',
          value: 'signed-in',
          url: sim.url,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
      shop.page(
        '/customer/account/',
        replay.html(
          '<button type="button" class="amazon-logout-button">Sign out</button>',
          `document.querySelector('.amazon-logout-button').addEventListener('click', function () {
  amazon.Pay.signout();
  window.location.assign('/customer/account/login');
});`,
        ),
      );
      await page.goto(`${shop.url}/customer/account/`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${shop.url}/customer/account/login`);
      await expect
        .poll(async () => (await context.cookies(sim.url)).map((c) => `${c.name}=${c.value}`), POLL)
        .not.toContain('amazon-pay-simulator-buyer=signed-in');
    },
    STEP_TIMEOUT,
  );
});
