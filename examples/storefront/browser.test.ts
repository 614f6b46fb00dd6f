import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PENDING_AUTHORIZATION_MS } from '@amazon-pay-ts/simulator';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChromium } from './chromium.js';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminPasswordHash } from './test-support/admin.js';

/**
 * The storefront in a real browser, clicked through as a buyer would: Debian's Chromium driven by
 * playwright-core, the shop and the simulator on ephemeral ports. Each test leaves a screenshot of
 * its last page in storefront/.screenshots/ (gitignored).
 */
const chromiumPath = findChromium();
const SHOTS = fileURLToPath(new URL('./.screenshots/', import.meta.url));

const suite = chromiumPath ? describe : (describe.skip.bind(describe) as typeof describe);
const title = chromiumPath
  ? 'storefront in Chromium'
  : 'storefront in Chromium — SKIPPED: no Chromium found (install it with `apt-get install -y chromium` or set CHROMIUM_PATH)';

suite(title, () => {
  let shop: RunningStorefront;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [shop, browser] = await Promise.all([
      adminPasswordHash(ADMIN_PASSWORD).then((hash) =>
        startStorefront({ STOREFRONT_ADMIN_PASSWORD_HASH: hash }, { port: 0 }),
      ),
      chromium.launch({
        executablePath: chromiumPath!,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });
  // One context and page for the whole file (a new renderer per test costs seconds on a busy
  // machine); cookies and routes are cleared between tests so each buyer starts fresh.
  beforeEach(async () => {
    context ??= await browser.newContext({ viewport: { width: 900, height: 480 } });
    context.setDefaultTimeout(15_000);
    page ??= await context.newPage();
    await context.clearCookies();
    await page.unrouteAll();
  });
  afterEach(async (ctx) => {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true }).catch(() => {});
  });

  /** Browser steps wait on two processes and a busy CI machine: a generous per-test budget. */
  const step = (name: string, fn: () => Promise<void>) => it(name, fn, 60_000);
  const heading = () => page.getByRole('heading', { level: 1 });

  /** From the product page to the shop's review page, choosing a simulated card on Amazon's page. */
  async function toReview(card: string) {
    await page.goto(shop.url);
    await page.getByRole('button', { name: /Amazon Pay/ }).click();
    await expect.poll(() => heading().textContent()).toMatch(/Sign in with Amazon Pay|Choose how to pay/);
    await page.getByLabel(new RegExp(`\\*{4}${card}`)).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => heading().textContent()).toBe('Review your order');
  }

  /** Places the order on the review page and confirms on Amazon's payment page. */
  async function placeAndPay() {
    await page.getByRole('button', { name: 'Place your order' }).click();
    await expect.poll(() => heading().textContent()).toMatch(/Confirm your payment/);
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.waitForURL(/\/checkout\/result/);
  }

  const orderId = async () => (await page.locator('[data-order-id]').first().textContent())!;

  /** On the admin sign-in page: the password, then the admin page. */
  async function signInAsAdmin(password = ADMIN_PASSWORD) {
    await expect.poll(() => heading().textContent()).toBe('Admin sign-in');
    await page.getByLabel('Admin password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** A paid order, captured by the signed-in admin; returns it with the admin page open. */
  async function capturedOrder() {
    await toReview('1111');
    await placeAndPay();
    const id = await orderId();
    await page.goto(`${shop.url}/admin`);
    await signInAsAdmin();
    const row = page.locator(`tr[data-order="${id}"]`);
    await row.getByRole('button', { name: 'Capture' }).click();
    await expect.poll(() => row.locator('[data-order-status]').textContent()).toBe('captured');
    const order = (await shop.orders.get(id))!;
    return { order, row };
  }

  const refundsAtAmazon = (chargeId: string) =>
    Object.values(shop.sim!.state.refunds).filter((r) => r.chargeId === chargeId);
  const orderStatus = async () => (await page.locator('[data-order-status]').first().textContent())!;

  step('happy path: pay with Amazon Pay, then the merchant captures the order', async () => {
    await toReview('1111');
    await expect
      .poll(() => page.locator('[data-payment-descriptor]').textContent())
      .toContain('Visa ****1111');
    await page.screenshot({ path: `${SHOTS}review.png`, fullPage: true });
    await placeAndPay();
    expect(await heading().textContent()).toBe('Thank you');
    expect(await orderStatus()).toBe('authorized');
    await page.screenshot({ path: `${SHOTS}result.png`, fullPage: true });
    const id = await orderId();

    await page.getByRole('link', { name: 'Admin' }).click();
    await signInAsAdmin();
    const row = page.locator(`tr[data-order="${id}"]`);
    await row.getByRole('button', { name: 'Capture' }).click();
    await expect.poll(() => row.locator('[data-order-status]').textContent()).toBe('captured');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => row.locator('[data-order-status]').textContent()).toBe('captured, closed');
    const order = await shop.orders.get(id);
    expect(order?.refunds).toHaveLength(1);
    expect(shop.sim!.state.charges[order!.chargeId!]?.statusDetails.state).toBe('Captured');
  });

  step(
    'soft decline (3434): the buyer picks another payment method and the same order succeeds',
    async () => {
      await toReview('3434');
      await placeAndPay();
      expect(await heading().textContent()).toBe('Payment declined');
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/choose another payment method/);
      const declined = (await shop.orders.list())[0]!;
      expect(declined.status).toBe('declined');

      await page.getByRole('button', { name: /Amazon Pay/ }).click();
      await page.getByLabel(/\*{4}4444/).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading().textContent()).toBe('Review your order');
      await placeAndPay();
      expect(await heading().textContent()).toBe('Thank you');
      expect(await orderId()).toBe(declined.id);
      expect(await orderStatus()).toBe('authorized');
    },
  );

  step('the buyer cancels on the Amazon Pay payment page and is back in the shop', async () => {
    await toReview('1111');
    await page.getByRole('button', { name: 'Place your order' }).click();
    await expect.poll(() => heading().textContent()).toMatch(/Confirm your payment/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/canceled=1/);
    expect(await page.getByRole('status').textContent()).toMatch(/You left Amazon Pay checkout/);
    const order = (await shop.orders.list())[0]!;
    expect(order.status).toBe('canceled');
    expect(order.reasonCode).toBe('BuyerCanceled');
  });

  /** Moves simulated time past the pending authorization and waits until its IPN was delivered. */
  async function afterPendingAuthorization(chargeId: string) {
    shop.sim!.clock.advance(PENDING_AUTHORIZATION_MS);
    await shop.sim!.notifications.settled();
    const delivered = shop.sim!.notifications.log.filter((e) => e.objectId === chargeId && e.status === 200);
    expect(delivered.length).toBeGreaterThan(0);
  }

  step('pending authorization (0701) is resolved by an IPN once the simulator clock moves 30 s', async () => {
    await toReview('0701');
    await placeAndPay();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/still confirming/);
    expect(await orderStatus()).toBe('pending-authorization');
    const order = (await shop.orders.get(await orderId()))!;
    await afterPendingAuthorization(order.chargeId!);
    // No button, no polling: the IPN endpoint updated the order.
    await page.locator('[data-order-id]').click();
    expect(await orderStatus()).toBe('authorized');
    expect(await page.locator('ol').textContent()).toMatch(/is Authorized/);
  });

  step('hard decline (4354): pending, then declined with HardDeclined by an IPN', async () => {
    await toReview('4354');
    await placeAndPay();
    expect(await orderStatus()).toBe('pending-authorization');
    const order = (await shop.orders.get(await orderId()))!;
    await afterPendingAuthorization(order.chargeId!);
    await page.locator('[data-order-id]').click();
    expect(await orderStatus()).toBe('declined (HardDeclined)');
  });

  step('change address from the review page', async () => {
    await toReview('1111');
    const address = page.locator('[data-shipping-address]');
    expect(await address.textContent()).toContain('Seattle');
    await page.getByRole('button', { name: 'Change address' }).click();
    await expect.poll(() => heading().textContent()).toMatch(/Change your shipping address/);
    expect(await page.getByRole('group', { name: 'Payment method' }).count()).toBe(0);
    // Keyboard only: focus the second address, select it, submit.
    await page.getByLabel(/Tacoma/).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Review your order');
    expect(await address.textContent()).toContain('Tacoma');
    expect(await page.locator('[data-payment-descriptor]').textContent()).toContain('Visa ****1111');
  });

  step('admin sign-in: a wrong password is refused, the right one opens the admin page', async () => {
    await page.goto(`${shop.url}/admin`);
    await signInAsAdmin('not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong password.');
    expect(await heading().textContent()).toBe('Admin sign-in');
    await signInAsAdmin();
    await expect.poll(() => heading().textContent()).toBe('Admin');
    const cookie = (await context.cookies()).find((c) => c.name === 'sf_admin');
    // Loopback http in local mode: the one case the cookie is not Secure (see the README).
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${shop.url}/admin`);
    expect(await heading().textContent()).toBe('Admin sign-in');
  });

  step('a double-clicked refund button makes one refund, even when both clicks reach the shop', async () => {
    const { order, row } = await capturedOrder();
    // Chromium folds an instant double click into one submission; a slow answer and a second
    // click (or a proxy's retry) do not fold. So each submission the browser makes reaches the
    // shop twice at once, with the browser's own cookies, Origin and form.
    let atShop = 0;
    await page.route('**/refund', async (route) => {
      const [, second] = await Promise.all([
        route.fetch({ maxRedirects: 0 }),
        route.fetch({ maxRedirects: 0 }),
      ]);
      atShop += 2;
      await route.fulfill({ response: second });
    });
    await row.getByLabel('Amount').fill('5.00');
    await row.getByRole('button', { name: 'Refund' }).dblclick();
    await expect.poll(() => atShop).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await shop.orders.get(order.id))?.refunds.length).toBe(1);
    expect(refundsAtAmazon(order.chargeId!).map((r) => r.refundAmount.amount)).toEqual(['5.00']);
    await page.unrouteAll();
    await page.goto(`${shop.url}/admin`);
    await expect.poll(() => row.locator('[data-refunds]').textContent()).toMatch(/^5\.00/);
    expect(refundsAtAmazon(order.chargeId!)).toHaveLength(1);
  });

  step("a page on another origin cannot make the signed-in admin's browser refund", async () => {
    const { order } = await capturedOrder();
    // The attacker's page: same host, other port (so the admin's SameSite cookie is even sent);
    // its form posts straight to the refund URL. Only the Origin check and the token stop it.
    const evil: Server = createServer((_, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>Win a prize</title>
<form method="post" action="${shop.url}/admin/orders/${order.id}/refund"><input name="amount" value="19.99"><button>Claim</button></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      await page.getByRole('button', { name: 'Claim' }).click();
      await expect.poll(() => heading().textContent()).toBe('Refused');
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
    expect(refundsAtAmazon(order.chargeId!)).toHaveLength(0);
    expect((await shop.orders.get(order.id))?.refunds).toEqual([]);
  });

  step('sign in with Amazon leads to the account page, and sign-out back to the shop', async () => {
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Sign in with Amazon' }).click();
    await page.getByRole('button', { name: 'Allow and sign in' }).click();
    await expect.poll(() => heading().textContent()).toBe('Your account');
    expect(await page.locator('[data-buyer-name]').textContent()).toBe('Sam Sandbox');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${shop.url}/`);
    expect(await heading().textContent()).toBe('Sandbox tee');
  });

  step("an invalid button signature shows Amazon's error page naming the reason", async () => {
    // A shop bug: the signature that reaches Amazon does not match the payload. (The request is
    // changed in flight rather than the page: Chromium refuses loopback scripts on a page a test
    // route fulfilled, which would stop checkout.js from loading at all.)
    await page.route(`${shop.sim!.url}/checkout/start`, async (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      const signature = form.get('signature') ?? '';
      form.set('signature', (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1));
      await route.continue({ postData: form.toString() });
    });
    await page.goto(shop.url);
    await page.getByRole('button', { name: /Amazon Pay/ }).click();
    await expect.poll(() => heading().textContent()).toBe('Something went wrong');
    expect(await page.locator('[data-reason-code]').textContent()).toBe('InvalidSignatureError');
  });
});
