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
 * BigCommerce's checkout-sdk-js (packages/amazon-pay-utils, the amazon-pay-v2 strategies),
 * replayed. It renders into a `div#amazonpay_button_parent_container_<uid>` it appended to a
 * container that may be hidden, passes publicKeyId at the top level when the key names its
 * environment (SANDBOX-…) and strips it from the config then, adds `design: 'C0001'` when micro
 * text is off and `estimatedOrderAmount: { amount: total.toString(), currencyCode }`. The payment
 * step is decoupled: an async onClick fetches the config, then `initCheckout` with the config, the
 * estimate and a productType; placing the order calls `.click()` on the element it rendered into.
 * Its customer step renders coupled (and its attempt to call onClick there failed: issue #2310),
 * and stores without the PH4 feature use the older `createCheckoutSession: { url, method,
 * extractAmazonCheckoutSessionId }`, where the script asks the shop for a session id.
 */
const MERCHANT = {
  merchantId: 'A5BIGCOMMERCESTORE',
  publicKeyId: 'SANDBOX-ABIGCOMMERCEKEY0001',
  region: 'na' as const,
};
const STORE_ID = 'amzn1.application-oa2-client.aabbccddeeff00112233445566778899';

let replay: Replay;

async function signedConfig() {
  const { shop, merchant } = replay;
  const payloadJSON = JSON.stringify({
    webCheckoutDetails: {
      checkoutReviewReturnUrl: `${shop.url}/checkout.php?action=set_external_checkout&provider=amazonpay`,
      checkoutCancelUrl: `${shop.url}/checkout`,
    },
    storeId: STORE_ID,
  });
  return { payloadJSON, signature: await merchant.sign(payloadJSON), publicKeyId: merchant.publicKeyId };
}

/** The processor's container handling and its environment-specific publicKeyId rule. */
const PROCESSOR = `
function parentContainer(hostId, hidden) {
  var host = document.getElementById(hostId);
  if (!host) {
    host = document.createElement('div');
    host.id = hostId;
    if (hidden) host.style.display = 'none';
    document.body.appendChild(host);
  }
  var parent = document.createElement('div');
  parent.id = 'amazonpay_button_parent_container_' + Math.random().toString(16).substr(-4);
  return host.appendChild(parent);
}
function isEnvironmentSpecific(publicKeyId) { return /^(SANDBOX|LIVE)/.test(publicKeyId); }
function requestConfig(config, estimatedOrderAmount, productType) {
  var signedPayload = { payloadJSON: config.payloadJSON, signature: config.signature };
  var out = { createCheckoutSessionConfig: isEnvironmentSpecific(config.publicKeyId) ? signedPayload : config };
  if (estimatedOrderAmount) out.estimatedOrderAmount = estimatedOrderAmount;
  if (productType) out.productType = productType;
  return out;
}`;

browserSuite("checkout.js replay: BigCommerce's checkout-sdk-js", () => {
  beforeAll(async () => {
    replay = await startReplay({ merchant: MERCHANT });
  }, STEP_TIMEOUT);
  afterAll(() => replay?.close());
  beforeEach(async () => {
    replay.console.length = 0;
    replay.errors.length = 0;
    await replay.context.clearCookies();
  });

  it(
    'payment step: decoupled button in a hidden container, async onClick → initCheckout with estimate and productType; placing the order clicks the container',
    async () => {
      const { shop, page, merchant } = replay;
      shop.route('/api/storefront/payment/amazonpay', async () => ({
        type: 'application/json',
        body: JSON.stringify({
          createCheckoutSessionConfig: await signedConfig(),
          estimatedOrderAmount: { amount: (24.5).toString(), currencyCode: 'USD' },
          productType: 'PayOnly',
        }),
      }));
      shop.page(
        '/checkout',
        replay.html(
          '<button type="button" id="placeOrder">Place order</button>',
          `${PROCESSOR}
var parent = parentContainer('AmazonPayButton', true);
var button = amazon.Pay.renderButton('#' + parent.id, {
  merchantId: ${scriptValue(merchant.merchantId)},
  ledgerCurrency: 'USD',
  checkoutLanguage: 'en_US',
  placement: 'Checkout',
  buttonColor: 'Gold',
  design: 'C0001',
  productType: 'PayAndShip',
  publicKeyId: ${scriptValue(merchant.publicKeyId)},
  estimatedOrderAmount: { amount: (190).toString(), currencyCode: 'USD' }
});
button.onClick(async function () {
  var response = await fetch('/api/storefront/payment/amazonpay');
  var config = await response.json();
  button.initCheckout(requestConfig(config.createCheckoutSessionConfig, config.estimatedOrderAmount, config.productType));
});
document.getElementById('placeOrder').addEventListener('click', function () { parent.click(); });`,
        ),
      );
      await page.goto(`${shop.url}/checkout`);
      await page.getByRole('button', { name: 'Place order' }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await expect
        .poll(() => replay.console, POLL)
        .toContain('Estimated order amount for sandbox is {"amount":"24.5","currencyCode":"USD"}');
      expect(await page.getByRole('group', { name: 'Shipping address' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/checkout.php?action=set_external_checkout`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.productType).toBe('PayOnly');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'customer step: a coupled button has no onClick member (BigCommerce issue #2310), and a buyer click checks out',
    async () => {
      const { shop, page, merchant } = replay;
      shop.page(
        '/checkout/customer',
        replay.html(
          '<div id="amazonpayCheckoutButton"></div>',
          `${PROCESSOR}
var parent = parentContainer('amazonpayCheckoutButton', false);
var config = ${scriptValue(await signedConfig())};
var button = amazon.Pay.renderButton('#' + parent.id, {
  merchantId: ${scriptValue(merchant.merchantId)},
  ledgerCurrency: 'USD',
  checkoutLanguage: 'en_US',
  placement: 'Checkout',
  buttonColor: 'Gold',
  productType: 'PayAndShip',
  publicKeyId: config.publicKeyId,
  createCheckoutSessionConfig: { payloadJSON: config.payloadJSON, signature: config.signature },
  estimatedOrderAmount: { amount: (190).toString(), currencyCode: 'USD' }
});
window.onClickType = typeof button.onClick;`,
        ),
      );
      await page.goto(`${shop.url}/checkout/customer`);
      expect(await page.evaluate(() => (window as unknown as { onClickType: string }).onClickType)).toBe(
        'undefined',
      );
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/checkout.php`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.productType).toBe('PayAndShip');
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'older stores: createCheckoutSession { url, method: GET, extractAmazonCheckoutSessionId } asks the shop for the session; then a cloned edit button is bound',
    async () => {
      const { shop, page, merchant } = replay;
      const created: string[] = [];
      shop.route('/remote-checkout/amazonpay/payment-session', async ({ req }) => {
        const session = await merchant.client.createCheckoutSession({
          webCheckoutDetails: {
            checkoutReviewReturnUrl: `${shop.url}/checkout.php?action=set_external_checkout`,
          },
          storeId: STORE_ID,
        });
        created.push(`${req.method} ${session.checkoutSessionId}`);
        return { type: 'application/json', body: JSON.stringify({ token: session.checkoutSessionId }) };
      });
      shop.page(
        '/cart.php',
        replay.html(
          '<div id="amazonpayCartButton"></div>',
          `${PROCESSOR}
var parent = parentContainer('amazonpayCartButton', false);
amazon.Pay.renderButton('#' + parent.id, {
  buttonColor: 'Gold',
  checkoutLanguage: 'en_US',
  createCheckoutSession: { url: '/remote-checkout/amazonpay/payment-session', method: 'GET', extractAmazonCheckoutSessionId: 'token' },
  ledgerCurrency: 'USD',
  merchantId: ${scriptValue(merchant.merchantId)},
  placement: 'Cart',
  productType: 'PayAndShip',
  sandbox: true
});`,
        ),
      );
      shop.route('/checkout.php', ({ url }) => ({
        body: replay.html(
          '<button type="button" id="editPayment">Edit payment</button>',
          `var old = document.getElementById('editPayment');
var clone = old.cloneNode(true);
old.parentNode.replaceChild(clone, old);
amazon.Pay.bindChangeAction('#editPayment', {
  amazonCheckoutSessionId: ${scriptValue(url.searchParams.get('amazonCheckoutSessionId') ?? '')},
  changeAction: 'changePayment'
});
amazon.Pay.signout();`,
        ),
      }));
      await page.goto(`${shop.url}/cart.php`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      const id = sessionIdIn(page.url());
      expect(created).toEqual([`GET ${id}`]);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/checkout.php`);
      expect(sessionIdIn(page.url())).toBe(id);

      await page.getByRole('button', { name: 'Edit payment' }).click();
      await arrivedAt(
        page,
        `${replay.sim.url}/checkout/signin?amazonCheckoutSessionId=${id}&changeAction=changePayment`,
      );
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
