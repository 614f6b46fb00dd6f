import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  arrivedAt,
  browserSuite,
  POLL,
  type Replay,
  STEP_TIMEOUT,
  scriptValue,
  sessionIdIn,
  startReplay,
} from './harness.js';

/**
 * The WooCommerce gateway (woocommerce/woocommerce-gateway-amazon-pay), replayed. Its settings
 * reach the page through wp_localize_script, which turns every top-level scalar into a string:
 * `sandbox` arrives as "1" (the page compares it to '1'), `button_language` as "de-DE" (the page
 * swaps the hyphen), and `estimated_order_amount` — already a JSON string on the PHP side — is
 * passed to renderButton as that string. Payloads are wp_json_encode'd with unescaped slashes and
 * signed by the PHP SDK's default algorithm. The product button is decoupled (onClick → AJAX →
 * updateButtonInfo → initCheckout), the "classic" button at the end of checkout is rendered and
 * initCheckout'ed at once without a click, and a pending sign-out runs `amazon.Pay.signout()` inline.
 */
const MERCHANT = {
  merchantId: 'A3WOOCOMMERCESHOP',
  publicKeyId: 'SANDBOX-AWOOCOMMERCEKEY0001',
  region: 'eu' as const,
};
const STORE_ID = 'amzn1.application-oa2-client.fedcba9876543210fedcba9876543210';
const PLATFORM_ID = 'A1PLATFORMEXAMPLE';

let replay: Replay;

/** The express checkout payload and its config, as WC_Amazon_Payments_Advanced_API builds them. */
async function expressConfig() {
  const { shop, merchant } = replay;
  const checkout = `${shop.url}/checkout/?amazon_payments_advanced=true`;
  const payloadJSON = JSON.stringify({
    storeId: STORE_ID,
    platformId: PLATFORM_ID,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: `${checkout}&amazon_login=1`,
      checkoutResultReturnUrl: `${checkout}&amazon_return=1`,
    },
    deliverySpecifications: {
      addressRestrictions: { type: 'Allowed', restrictions: { DE: {}, AT: {}, FR: {} } },
    },
  });
  return { publicKeyId: merchant.publicKeyId, payloadJSON, signature: await merchant.sign(payloadJSON) };
}

/** What wp_localize_script puts in the page as `amazon_payments_advanced`. */
async function localizedParams(extra: Record<string, unknown> = {}) {
  return {
    ajax_url: '/wp-admin/admin-ajax.php',
    create_checkout_session_config: await expressConfig(),
    create_checkout_session_hash: 'c0ffee',
    button_color: 'Gold',
    placement: 'Cart',
    action: 'PayAndShip',
    sandbox: '1',
    merchant_id: replay.merchant.merchantId,
    checkout_session_id: '',
    button_language: 'de-DE',
    ledger_currency: 'EUR',
    estimated_order_amount: '{"amount":"42.00","currencyCode":"EUR"}',
    ...extra,
  };
}

/** The gateway's getButtonSettings, rewritten from what it passes. */
const BUTTON_SETTINGS = `
function getButtonSettings(flag, classicConfig, classicEstimate) {
  var params = amazon_payments_advanced;
  var settings = {
    merchantId: params.merchant_id,
    ledgerCurrency: params.ledger_currency,
    sandbox: params.sandbox === '1' ? true : false,
    placement: params.placement,
    buttonColor: params.button_color,
    checkoutLanguage: params.button_language !== '' ? params.button_language.replace('-', '_') : undefined,
    productType: params.action
  };
  if (flag === 'product') {
    settings.productType = params.product_action;
  } else if (flag === 'classic') {
    settings.productType = typeof classicConfig.payloadJSON.addressDetails !== 'undefined' ? 'PayAndShip' : 'PayOnly';
    classicConfig.payloadJSON = JSON.stringify(classicConfig.payloadJSON);
    if (classicEstimate) settings.estimatedOrderAmount = classicEstimate;
  } else {
    settings.createCheckoutSessionConfig = params.create_checkout_session_config;
    settings.estimatedOrderAmount = params.estimated_order_amount;
  }
  return settings;
}`;

browserSuite('checkout.js replay: the WooCommerce gateway', () => {
  beforeAll(async () => {
    replay = await startReplay({ merchant: MERCHANT });
    // The review page binds the change links to the session the buyer came back with.
    replay.shop.route('/checkout/', async ({ url }) => ({
      body: replay.html(
        `<h1>Checkout</h1>
<p>Ship to: Amazon address <a href="#" id="shipping_address_widget_change">Change</a></p>
<p>Pay with: Amazon Pay <a href="#" id="payment_method_widget_change">Change</a></p>`,
        `var amazon_payments_advanced = ${scriptValue(await localizedParams({ checkout_session_id: url.searchParams.get('amazonCheckoutSessionId') ?? '' }))};
function activateChange(id, action) {
  var link = document.getElementById(id);
  link.addEventListener('click', function (e) { e.preventDefault(); });
  amazon.Pay.bindChangeAction('#' + id, { amazonCheckoutSessionId: amazon_payments_advanced.checkout_session_id, changeAction: action });
}
if (amazon_payments_advanced.checkout_session_id) {
  activateChange('payment_method_widget_change', 'changePayment');
  activateChange('shipping_address_widget_change', 'changeAddress');
}`,
      ),
    }));
  }, STEP_TIMEOUT);
  afterAll(() => replay?.close());
  beforeEach(async () => {
    replay.console.length = 0;
    replay.errors.length = 0;
    await replay.context.clearCookies();
  });

  it(
    'cart button: sandbox "1", "de-DE" made de_DE, estimatedOrderAmount as a JSON string, an inline signout() first; then the change links',
    async () => {
      const { shop, page, merchant } = replay;
      shop.page(
        '/cart/',
        replay.html(
          '<div id="pay_with_amazon_cart"></div>',
          `var amazon_payments_advanced = ${scriptValue(await localizedParams())};
amazon.Pay.signout();
${BUTTON_SETTINGS}
amazon.Pay.renderButton('#pay_with_amazon_cart', getButtonSettings('cart'));`,
        ),
      );
      await page.goto(`${shop.url}/cart/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await expect
        .poll(() => replay.console, POLL)
        .toContain('Estimated order amount for sandbox is {"amount":"42.00","currencyCode":"EUR"}');
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/checkout/`);
      const id = sessionIdIn(page.url());
      expect(new URL(page.url()).searchParams.get('amazon_login')).toBe('1');
      const session = await merchant.client.getCheckoutSession(id);
      expect(session.platformId).toBe(PLATFORM_ID);
      expect(session.releaseEnvironment).toBe('Sandbox');

      await page.getByRole('link', { name: 'Change' }).first().click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      expect(new URL(page.url()).searchParams.get('changeAction')).toBe('changeAddress');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'product button: decoupled; onClick adds to the cart over AJAX, then updateButtonInfo and initCheckout',
    async () => {
      const { shop, page } = replay;
      const posted: URLSearchParams[] = [];
      shop.route('/wp-admin/admin-ajax.php', async ({ body }) => {
        posted.push(new URLSearchParams(body));
        return {
          type: 'application/json',
          body: JSON.stringify({
            success: true,
            data: {
              create_checkout_session_config: await expressConfig(),
              estimated_order_amount: '{"amount":"39.98","currencyCode":"EUR"}',
            },
          }),
        };
      });
      shop.page(
        '/product/hoodie/',
        replay.html(
          `<form class="cart"><input name="quantity" value="2"><button type="submit" class="single_add_to_cart_button" name="add-to-cart" value="77">Add to cart</button></form>
<div id="pay_with_amazon_product"></div>`,
          `var amazon_payments_advanced = ${scriptValue(
            await localizedParams({
              placement: 'Product',
              product_action: 'PayAndShip',
              change_cart_action: 'amazon_change_wc_carts',
              change_cart_ajax_nonce: 'nonce-1',
            }),
          )};
${BUTTON_SETTINGS}
var productButton = amazon.Pay.renderButton('#pay_with_amazon_product', getButtonSettings('product'));
productButton.onClick(function () {
  var data = new URLSearchParams({
    action: amazon_payments_advanced.change_cart_action,
    _change_carts_nonce: amazon_payments_advanced.change_cart_ajax_nonce,
    product_id: document.querySelector('.single_add_to_cart_button').value,
    quantity: document.querySelector('input[name=quantity]').value
  });
  fetch(amazon_payments_advanced.ajax_url, { method: 'POST', body: data })
    .then(function (r) { return r.json(); })
    .then(function (result) {
      var estimate = JSON.parse(result.data.estimated_order_amount);
      productButton.updateButtonInfo(estimate);
      productButton.initCheckout({ createCheckoutSessionConfig: result.data.create_checkout_session_config });
    });
});`,
        ),
      );
      await page.goto(`${shop.url}/product/hoodie/`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      expect(posted.map((p) => [p.get('product_id'), p.get('quantity')])).toEqual([['77', '2']]);
      await expect
        .poll(() => replay.console, POLL)
        .toContain('Estimated order amount for sandbox is {"amount":"39.98","currencyCode":"EUR"}');
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/checkout/`);
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    '"classic" button at the end of checkout: rendered and initCheckout\'ed straight away, payload object stringified in the page',
    async () => {
      const { shop, page, merchant } = replay;
      const orderPay = `${shop.url}/checkout/order-pay/77/?key=wc_order_abc&amazon_payments_advanced=true`;
      const payload = {
        storeId: STORE_ID,
        platformId: PLATFORM_ID,
        webCheckoutDetails: {
          checkoutMode: 'ProcessOrder',
          checkoutResultReturnUrl: `${orderPay}&amazon_return_classic=1`,
        },
        paymentDetails: {
          paymentIntent: 'AuthorizeWithCapture',
          canHandlePendingAuthorization: false,
          chargeAmount: { amount: '59.90', currencyCode: 'EUR' },
        },
        merchantMetadata: { merchantReferenceId: '77', merchantStoreName: 'Woo Outfitters' },
      };
      // The signature covers wp_json_encode(payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE).
      const signature = await merchant.sign(JSON.stringify(payload));
      shop.route('/checkout/order-pay/77/', () => ({
        type: 'application/json',
        body: JSON.stringify({
          result: 'success',
          redirect: '#',
          amazonCreateCheckoutParams: JSON.stringify({
            publicKeyId: merchant.publicKeyId,
            payloadJSON: payload,
            signature,
          }),
          amazonEstimatedOrderAmount: '{"amount":"59.90","currencyCode":"EUR"}',
        }),
      }));
      shop.page(
        '/checkout/pay/',
        replay.html(
          '<form id="order_review"><div id="classic_pay_with_amazon"></div><button type="submit">Place order</button></form>',
          `var amazon_payments_advanced = ${scriptValue(await localizedParams({ placement: 'Checkout' }))};
${BUTTON_SETTINGS}
document.getElementById('order_review').addEventListener('submit', function (e) {
  e.preventDefault();
  fetch('/checkout/order-pay/77/', { method: 'POST', body: 'amazon-classic-action=1' })
    .then(function (r) { return r.json(); })
    .then(function (result) {
      var config = JSON.parse(result.amazonCreateCheckoutParams);
      var estimate = result.amazonEstimatedOrderAmount ? JSON.parse(result.amazonEstimatedOrderAmount) : null;
      var button = amazon.Pay.renderButton('#classic_pay_with_amazon', getButtonSettings('classic', config, estimate));
      button.initCheckout({ createCheckoutSessionConfig: config });
    });
});`,
        ),
      );
      await page.goto(`${shop.url}/checkout/pay/`);
      await page.getByRole('button', { name: 'Place order' }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${orderPay}&amazon_return_classic=1`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.productType).toBe('PayOnly');
      expect(session.paymentDetails?.paymentIntent).toBe('AuthorizeWithCapture');
      expect(session.merchantMetadata?.merchantReferenceId).toBe('77');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
