import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  arrivedAt,
  browserSuite,
  type Replay,
  STEP_TIMEOUT,
  scriptValue,
  sessionIdIn,
  startReplay,
} from './harness.js';

/**
 * The official SDKs' README samples, replayed: the .NET README's renderButton (every option a
 * string but `sandbox`, the config naming `algorithm: 'AMZN-PAY-RSASSA-PSS-V2'`); the PHP README's
 * V2-signed payload string, whose changelog says the button must then name the algorithm too; the
 * Node README's payload object (signed as JSON.stringify makes it); a custom button calling
 * `amazon.Pay.initCheckout` with the same options; and what Amazon's script throws for a missing
 * option.
 */
const MERCHANT = {
  merchantId: 'A6SDKSAMPLESTORE',
  publicKeyId: 'SANDBOX-ASDKSAMPLEKEY000001',
  region: 'na' as const,
};
const STORE_ID = 'amzn1.application-oa2-client.000000000000000000000000000000000';
const V2 = 'AMZN-PAY-RSASSA-PSS-V2';

let replay: Replay;

function readmeOptions(config: Record<string, unknown>) {
  return {
    merchantId: replay.merchant.merchantId,
    ledgerCurrency: 'USD',
    sandbox: true,
    checkoutLanguage: 'en_US',
    productType: 'PayAndShip',
    placement: 'Cart',
    buttonColor: 'Gold',
    createCheckoutSessionConfig: config,
  };
}

browserSuite("checkout.js replay: the official SDKs' README samples", () => {
  beforeAll(async () => {
    replay = await startReplay({ merchant: MERCHANT });
  }, STEP_TIMEOUT);
  afterAll(() => replay?.close());
  beforeEach(async () => {
    replay.errors.length = 0;
    await replay.context.clearCookies();
  });

  it(
    '.NET README: renderButton with algorithm AMZN-PAY-RSASSA-PSS-V2 in the config checks out',
    async () => {
      const { shop, page, merchant } = replay;
      const payloadJSON = JSON.stringify({
        storeId: STORE_ID,
        webCheckoutDetails: { checkoutReviewReturnUrl: `${shop.url}/review.html` },
        deliverySpecifications: { addressRestrictions: { type: 'Allowed', restrictions: { US: {} } } },
      });
      const options = readmeOptions({
        payloadJSON,
        signature: await merchant.sign(payloadJSON, V2),
        publicKeyId: merchant.publicKeyId,
        algorithm: V2,
      });
      shop.page(
        '/checkout',
        replay.html(
          '<h1>Checkout</h1><div id="AmazonPayButton"></div>',
          `amazon.Pay.renderButton('#AmazonPayButton', ${scriptValue(options)});`,
        ),
      );
      await page.goto(`${shop.url}/checkout`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/review.html`);
      const session = await merchant.client.getCheckoutSession(sessionIdIn(page.url()));
      expect(session.webCheckoutDetails?.checkoutReviewReturnUrl).toBe(`${shop.url}/review.html`);
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "PHP README: a V2 signature on a button that does not name the algorithm ends on Amazon's error page, saying what to add",
    async () => {
      const { shop, page, merchant } = replay;
      const payloadJSON = `{"storeId":"${STORE_ID}","webCheckoutDetails":{"checkoutReviewReturnUrl":"${shop.url}/test/CheckoutReview.php","checkoutResultReturnUrl":"${shop.url}/test/CheckoutResult.php"}}`;
      const options = readmeOptions({
        payloadJSON,
        signature: await merchant.sign(payloadJSON, V2),
        publicKeyId: merchant.publicKeyId,
      });
      shop.page(
        '/php',
        replay.html(
          '<div id="AmazonPayButton"></div>',
          `amazon.Pay.renderButton('#AmazonPayButton', ${scriptValue(options)});`,
        ),
      );
      await page.goto(`${shop.url}/php`);
      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await page.locator('[data-reason-code]').waitFor();
      expect(await page.locator('[data-reason-code]').textContent()).toBe('InvalidSignatureError');
      expect(await page.locator('main').textContent()).toContain(V2);
    },
    STEP_TIMEOUT,
  );

  it(
    'Node README payload object, signed as JSON.stringify writes it, on a custom button calling amazon.Pay.initCheckout',
    async () => {
      const { shop, page, merchant } = replay;
      const { payload, signature } = await merchant.client.generateButtonSignature({
        webCheckoutDetails: {
          checkoutReviewReturnUrl: `${shop.url}/test/checkoutReview.html`,
          checkoutResultReturnUrl: `${shop.url}/test/checkoutResult.html`,
        },
        storeId: STORE_ID,
      });
      // Signed with the client's default algorithm, V2, so the button names it as the README config does.
      const options = readmeOptions({
        payloadJSON: payload,
        signature,
        publicKeyId: merchant.publicKeyId,
        algorithm: V2,
      });
      shop.page(
        '/custom',
        replay.html(
          '<button type="button" id="myAmazonButton">Check out with Amazon</button>',
          `document.getElementById('myAmazonButton').addEventListener('click', function () {
  amazon.Pay.initCheckout(${scriptValue(options)});
});`,
        ),
      );
      await page.goto(`${shop.url}/custom`);
      await page.getByRole('button', { name: 'Check out with Amazon' }).click();
      await arrivedAt(page, `${replay.sim.url}/checkout/signin`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrivedAt(page, `${shop.url}/test/checkoutReview.html`);
      expect(replay.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "a missing required option: Amazon's script throws 'AmazonPay:' and one line per missing parameter",
    async () => {
      const { shop, page, merchant } = replay;
      const { ledgerCurrency: _left, ...withoutCurrency } = readmeOptions({
        payloadJSON: '{}',
        signature: 'c2ln',
        publicKeyId: merchant.publicKeyId,
      });
      shop.page(
        '/missing',
        replay.html(
          '<div id="AmazonPayButton"></div>',
          `try { amazon.Pay.renderButton('#AmazonPayButton', ${scriptValue(withoutCurrency)}); window.thrown = 'nothing'; }
catch (e) { window.thrown = String(e); window.thrownName = e && e.name; }`,
        ),
      );
      await page.goto(`${shop.url}/missing`);
      const thrown = await page.evaluate(() => {
        const w = window as unknown as { thrown: string; thrownName: string };
        return [w.thrown, w.thrownName];
      });
      expect(thrown).toEqual([
        "AmazonPay:\nMissing parameter 'ledgerCurrency' in the options object.",
        'AmazonPay',
      ]);
    },
    STEP_TIMEOUT,
  );
});
