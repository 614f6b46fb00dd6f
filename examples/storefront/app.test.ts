import { PENDING_AUTHORIZATION_MS } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNotification } from './order-sync.js';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminForm, adminPasswordHash, loginAdmin } from './test-support/admin.js';
import { Agent } from './test-support/agent.js';
import { checkout, orderIdOf } from './test-support/buyer.js';

/**
 * The storefront over plain HTTP, following the button and the hosted pages the way the browser
 * would (the browser suite does it for real; this runs even where Chromium is missing).
 */
let shop: RunningStorefront;
beforeAll(async () => {
  shop = await startStorefront(
    { STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD) },
    { port: 0 },
  );
}, 60_000);
afterAll(() => shop?.close());

const pay = async (card: string) => {
  const result = await checkout(new Agent(), { url: shop.url, simUrl: shop.sim!.url }, card);
  return { html: result.html, order: (await shop.orders.get(orderIdOf(result)))! };
};

describe('storefront over HTTP', () => {
  it('the product page signs a payload the simulator accepts, and a paid order is authorized', async () => {
    const { html } = await pay('1111');
    expect(html).toContain('Your order is placed');
    expect(html).toMatch(/data-order-status>authorized</);
  });

  it('a pending authorization (202) says so and the order waits', async () => {
    const { html, order } = await pay('0701');
    expect(html).toContain('still confirming');
    expect(order.status).toBe('pending-authorization');
    expect(shop.sim!.state.charges[order.chargeId!]?.statusDetails.state).toBe('AuthorizationInitiated');
  });

  it("a charge notification moves the pending order once Amazon's state changed", async () => {
    const { order: pending } = await pay('0701');
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
    const { order } = await pay('0701');
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
    const { html, order } = await pay('3434');
    expect(html).toContain('choose another payment method');
    expect(order).toMatchObject({ status: 'declined', reasonCode: 'Declined' });
    expect(html).toContain(`/checkout/review?order=${order.id}`);
  });

  it('admin refuses a refund above what is left to refund, says why, and never asks Amazon', async () => {
    const { order } = await pay('1111');
    const admin = new Agent();
    await loginAdmin(admin, shop.url);
    const capture = await adminForm(admin, shop.url, order.id, 'capture');
    await admin.submit(capture.page, capture.form);
    const { page, form } = await adminForm(admin, shop.url, order.id, 'refund');
    const first = shop.sim!.requests.length;
    const refused = await admin.submit(page, form, { amount: '500.00' });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/refund/i);
    expect(refused.html).toContain('only 19.99 USD is left to refund');
    expect((await shop.orders.get(order.id))?.refunds).toEqual([]);
    // The same form again: the refusal is remembered, Amazon is not asked twice.
    const before = shop.sim!.requests.length;
    expect((await admin.submit(page, form, { amount: '500.00' })).status).toBe(400);
    expect(shop.sim!.requests.slice(before).some((r) => r.operationId === 'createRefund')).toBe(false);
    // Checked before the call: Amazon was not asked even once.
    expect(shop.sim!.requests.slice(first).some((r) => r.operationId === 'createRefund')).toBe(false);
  });

  it('a wrong admin password is refused and signs nobody in', async () => {
    const agent = new Agent();
    const refused = await loginAdmin(agent, shop.url, 'not-the-password');
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('Wrong password');
    expect((await agent.get(`${shop.url}/admin`)).url).toMatch(/\/admin\/login$/);
  });
});

const postLogin = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${shop.url}/admin/login`, {
    method: 'POST',
    headers: {
      origin: shop.publicUrl,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);

describe('form bodies', () => {
  it('a form body past 16 KiB is refused (413), announced or streamed without a length', async () => {
    // 32 KiB: past the limit, small enough for the socket to take whole before the answer.
    const big = `password=${'a'.repeat(32 * 1024)}`;
    const announced = await postLogin(big);
    expect(announced.status).toBe(413);
    expect(announced.headers.get('x-frame-options')).toBe('DENY');

    // Streamed (chunked, no content-length): counted as it is read.
    let chunks = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4096).fill(97));
        if (++chunks === 8) controller.close();
      },
    });
    expect((await postLogin(streamed)).status).toBe(413);
  });

  it('a normal form still reaches its route (a refused CSRF token, not a refused size)', async () => {
    expect((await postLogin('password=x&csrf=nope')).status).toBe(403);
  });
});
