import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkoutJsClick,
  createBody,
  postButton,
  signedFetch,
  startWorld,
  type TestWorld,
} from './helpers.js';

/**
 * Where Amazon sends the buyer back: https URLs only. "You can develop on your localhost in Sandbox
 * but not in the Live environment. This means that you can set checkoutReviewReturnUrl and
 * checkoutResultReturnUrl on Checkout Session webCheckoutDetails to localhost URLs" (Amazon's
 * Differences between environments); "when you are testing in the Sandbox environment on localhost,
 * you don't need an SSL certificate and can use the http protocol (http://localhost)" (Amazon's
 * allowed return URLs guide).
 */
const LIVE_KEY = 'LIVE-ARETURNURLSTEST';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
  world.sim.addKey({ publicKeyId: LIVE_KEY, publicKey: world.publicKeyPem });
});
afterAll(() => world.sim.close());

const key = () => ({ 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') });

function create(webCheckoutDetails: Record<string, string>, publicKeyId?: string) {
  return signedFetch(world, '/v2/checkoutSessions', {
    headers: key(),
    body: { ...createBody, webCheckoutDetails },
    ...(publicKeyId ? { publicKeyId } : {}),
  });
}

function expectRefused(
  answer: { status: number; json: Record<string, unknown>; text: string },
  field: string,
) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.json.reasonCode).toBe('InvalidParameterValue');
  expect(String(answer.json.message)).toContain(field);
}

describe('return URLs of a checkout session', () => {
  it.each([
    ['checkoutReviewReturnUrl', 'javascript:alert(document.cookie)'],
    ['checkoutReviewReturnUrl', 'http://merchant.example/review'],
    ['checkoutResultReturnUrl', 'http://merchant.example/result'],
    ['checkoutCancelUrl', 'data:text/html,<h1>gone</h1>'],
    ['checkoutCancelUrl', '/relative/cancel'],
  ])('refuses %s %s', async (field, url) => {
    expectRefused(
      await create({ ...createBody.webCheckoutDetails, [field]: url }),
      `webCheckoutDetails.${field}`,
    );
  });

  it('accepts https anywhere, and plain http on localhost in Sandbox', async () => {
    for (const url of [
      'https://merchant.example/review',
      'http://localhost:3000/review',
      'http://127.0.0.1:8080/review?step=2',
      'http://[::1]/review',
    ]) {
      const answer = await create({ checkoutReviewReturnUrl: url });
      expect(answer.status, `${url}: ${answer.text}`).toBe(201);
    }
  });

  it('refuses localhost in Live, where only https on a real host is accepted', async () => {
    expectRefused(
      await create({ checkoutReviewReturnUrl: 'http://localhost:3000/review' }, LIVE_KEY),
      'checkoutReviewReturnUrl',
    );
    expectRefused(
      await create({ checkoutReviewReturnUrl: 'https://localhost/review' }, LIVE_KEY),
      'checkoutReviewReturnUrl',
    );
    expect(
      (await create({ checkoutReviewReturnUrl: 'https://merchant.example/review' }, LIVE_KEY)).status,
    ).toBe(201);
  });

  it('checks the URLs an update sets', async () => {
    const created = await create(createBody.webCheckoutDetails);
    const id = String(created.json.checkoutSessionId);
    const answer = await signedFetch(world, `/v2/checkoutSessions/${id}`, {
      method: 'PATCH',
      body: { webCheckoutDetails: { checkoutResultReturnUrl: 'javascript:void(0)' } },
    });
    expectRefused(answer, 'webCheckoutDetails.checkoutResultReturnUrl');
    const session = await world.client.getCheckoutSession(id);
    expect(session.webCheckoutDetails?.checkoutResultReturnUrl).toBe(
      createBody.webCheckoutDetails.checkoutResultReturnUrl,
    );
  });
});

describe('signInReturnUrl of a sign-in button', () => {
  const signIn = (signInReturnUrl: string) => ({
    signInReturnUrl,
    storeId: createBody.storeId,
    signInScopes: ['name', 'email'],
  });

  it.each(['javascript:alert(1)', 'http://merchant.example/signed-in'])(
    'POST /checkout/button refuses %s',
    async (url) => {
      // Signed by hand: the client already refuses a scheme other than http(s) (the spec's pattern).
      const response = await postButton(world, signIn(url));
      expect(response.status).toBe(400);
      const json = (await response.json()) as Record<string, unknown>;
      expect(json.reasonCode).toBe('InvalidParameterValue');
      expect(String(json.message)).toContain('signInReturnUrl');
    },
  );

  it('the client refuses to sign a sign-in payload with a javascript: return URL', async () => {
    await expect(world.client.generateButtonSignature(signIn('javascript:alert(1)'))).rejects.toMatchObject({
      name: 'AmazonPayRequestValidationError',
    });
  });

  it('checkout.js sign-in refuses javascript: and non-local http, and takes http://localhost in Sandbox', async () => {
    for (const url of ['javascript:alert(1)', 'http://merchant.example/signed-in']) {
      const refused = await checkoutJsClick(world, 'SignIn', signIn(url));
      expect(refused.reasonCode, url).toBe('InvalidParameterValue');
      expect(refused.html).toContain('signInReturnUrl');
    }
    const accepted = await checkoutJsClick(world, 'SignIn', signIn('http://localhost:3000/signed-in'));
    expect(accepted.response.status).toBe(200);
  });

  it('a checkout.js checkout button with a javascript: review URL is refused', async () => {
    const refused = await checkoutJsClick(world, 'PayAndShip', {
      storeId: createBody.storeId,
      webCheckoutDetails: { checkoutReviewReturnUrl: 'javascript:alert(1)' },
    });
    expect(refused.reasonCode, refused.html).toBe('InvalidParameterValue');
    expect(refused.html).toContain('checkoutReviewReturnUrl');
  });
});
