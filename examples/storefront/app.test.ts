import { PENDING_AUTHORIZATION_MS } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNotification } from './order-sync.js';
import { type RunningStorefront, startStorefront } from './server.js';

/**
 * The storefront over plain HTTP, following the button and the hosted pages the way the browser
 * would (the browser suite does it for real; this runs even where Chromium is missing).
 */
let shop: RunningStorefront;
beforeAll(async () => {
  shop = await startStorefront({}, { port: 0 });
});
afterAll(() => shop.close());

async function follow(url: string, init: RequestInit = {}): Promise<{ url: string; response: Response }> {
  let target = url;
  let options: RequestInit = init;
  for (let hops = 0; hops < 10; hops++) {
    const response = await fetch(target, { ...options, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!location) return { url: target, response };
    target = new URL(location, target).toString();
    options = {};
  }
  throw new Error('too many redirects');
}

const post = (url: string, form: Record<string, string>) =>
  follow(url, { method: 'POST', body: new URLSearchParams(form) });

/** What checkout.js posts for the Amazon Pay button the product page renders. */
async function clickPayButton(): Promise<{ url: string; response: Response }> {
  const html = await (await fetch(shop.url)).text();
  const call = /renderButton\('#AmazonPayButton', (\{.*\})\);/.exec(html)![1]!;
  const options = JSON.parse(call);
  const config = options.createCheckoutSessionConfig;
  return post(`${shop.sim!.url}/checkout/start`, {
    merchantId: options.merchantId,
    publicKeyId: options.publicKeyId,
    ledgerCurrency: options.ledgerCurrency,
    placement: options.placement,
    productType: options.productType,
    sandbox: String(options.sandbox),
    payloadJSON: config.payloadJSON,
    signature: config.signature,
    algorithm: config.algorithm,
  });
}

async function checkout(card: string): Promise<string> {
  const signIn = await clickPayButton();
  expect(signIn.url).toContain('/checkout/signin');
  const review = await post(signIn.url, { action: 'continue', paymentMethod: card, shippingAddress: '0' });
  expect(review.url).toContain('/checkout/review');
  const reviewHtml = await review.response.text();
  const sessionId = /name="checkoutSessionId" value="([^"]+)"/.exec(reviewHtml)![1]!;
  const confirm = await post(`${shop.url}/checkout/place-order`, { checkoutSessionId: sessionId });
  expect(confirm.url).toContain('/checkout/processing');
  const result = await post(confirm.url, { action: 'pay' });
  expect(result.url).toContain('/checkout/result');
  return result.response.text();
}

describe('storefront over HTTP', () => {
  it('the product page signs a payload the simulator accepts, and a paid order is authorized', async () => {
    const html = await checkout('1111');
    expect(html).toContain('Your order is placed');
    expect(html).toMatch(/data-order-status>authorized</);
  });

  it('a pending authorization (202) says so and the order waits', async () => {
    const html = await checkout('0701');
    expect(html).toContain('still confirming');
    const order = (await shop.orders.list())[0]!;
    expect(order.status).toBe('pending-authorization');
    expect(shop.sim!.state.charges[order.chargeId!]?.statusDetails.state).toBe('AuthorizationInitiated');
  });

  it("a charge notification moves the pending order once Amazon's state changed", async () => {
    await checkout('0701');
    const pending = (await shop.orders.list())[0]!;
    const change = {
      objectType: 'CHARGE',
      objectId: pending.chargeId!,
      chargePermissionId: pending.chargePermissionId,
    };
    // Too early: the charge is still pending, nothing changes.
    expect((await applyNotification(shop.client, shop.orders, change))?.status).toBe('pending-authorization');
    shop.sim!.clock.advance(PENDING_AUTHORIZATION_MS);
    expect((await applyNotification(shop.client, shop.orders, change))?.status).toBe('authorized');
    expect(
      await applyNotification(shop.client, shop.orders, {
        objectType: 'CHARGE',
        objectId: 'S01-0000000-0000000-C000000',
      }),
    ).toBeUndefined();
  });

  it('the IPN endpoint refuses an unsigned notification and leaves the order alone', async () => {
    await checkout('0701');
    const order = (await shop.orders.list())[0]!;
    const forged = {
      Type: 'Notification',
      MessageId: 'forged',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:forged',
      Message: JSON.stringify({ ObjectType: 'CHARGE', ObjectId: order.chargeId }),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '1',
      Signature: 'AAAA',
      SigningCertURL: 'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem',
    };
    const response = await fetch(`${shop.url}/ipn`, { method: 'POST', body: JSON.stringify(forged) });
    expect(response.status).toBe(400);
    expect((await shop.orders.get(order.id))?.status).toBe('pending-authorization');
  });

  it('a declined session offers the button again for the same order', async () => {
    const html = await checkout('3434');
    expect(html).toContain('choose another payment method');
    const order = (await shop.orders.list())[0]!;
    expect(order).toMatchObject({ status: 'declined', reasonCode: 'Declined' });
    expect(html).toContain(`/checkout/review?order=${order.id}`);
  });

  it('admin refuses a refund amount the client rejects, and says why', async () => {
    await checkout('1111');
    const order = (await shop.orders.list())[0]!;
    await post(`${shop.url}/admin/orders/${order.id}/capture`, {});
    const refused = await fetch(`${shop.url}/admin/orders/${order.id}/refund`, {
      method: 'POST',
      body: new URLSearchParams({ amount: '500.00' }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/refund/i);
    expect((await shop.orders.get(order.id))?.refunds).toEqual([]);
  });
});
