import { WebStoreClient } from '@amazon-pay-ts/client';
import { createSigner } from '@amazon-pay-ts/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startWorld, type TestWorld } from './helpers.js';

const STORE_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';
const MERCHANT_ID = 'A1EXAMPLEMERCHANT';
/** The button's key, registered for MERCHANT_ID (same key pair as the world's API key). */
const BUTTON_KEY_ID = 'SANDBOX-ABUTTONKEYEXAMPLE';

let world: TestWorld;
/** MERCHANT_ID's API client; `world.client` is another merchant's. */
let merchantClient: WebStoreClient;
beforeAll(async () => {
  world = await startWorld();
  world.sim.addKey({ publicKeyId: BUTTON_KEY_ID, publicKey: world.publicKeyPem, merchantId: MERCHANT_ID });
  merchantClient = new WebStoreClient({
    region: 'na',
    publicKeyId: BUTTON_KEY_ID,
    privateKey: world.privateKeyPem,
    baseUrl: world.sim.url,
  });
});
afterAll(() => world.sim.close());

function checkoutPayload(extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
    storeId: STORE_ID,
    ...extra,
  });
}

async function sign(payload: string, algorithm?: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2') {
  const signer = await createSigner({
    publicKeyId: BUTTON_KEY_ID,
    privateKey: world.privateKeyPem,
    region: 'na',
    ...(algorithm ? { algorithm } : {}),
  });
  return (await signer.signButtonPayload(payload)).signature;
}

async function click(fields: Record<string, string | undefined>, cookie?: string) {
  const form = new URLSearchParams();
  const base = {
    merchantId: MERCHANT_ID,
    publicKeyId: BUTTON_KEY_ID,
    ledgerCurrency: 'USD',
    placement: 'Cart',
    productType: 'PayAndShip',
    sandbox: 'true',
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) if (v !== undefined) form.set(k, v);
  return fetch(`${world.sim.url}/checkout/start`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

function reasonOf(html: string): string | undefined {
  return /<code data-reason-code>([^<]+)<\/code>/.exec(html)?.[1];
}

describe('GET /checkout.js', () => {
  it('serves a script that defines amazon.Pay with the four functions', async () => {
    const response = await fetch(`${world.sim.url}/checkout.js`);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const script = await response.text();
    const window: { amazon?: { Pay: Record<string, unknown> } } = {};
    new Function('window', 'document', script)(window, {});
    expect(Object.keys(window.amazon!.Pay).sort()).toEqual(
      ['bindChangeAction', 'initCheckout', 'renderButton', 'signout'].sort(),
    );
    expect(script).toContain(JSON.stringify(world.sim.url));
  });
});

describe('the button click (POST /checkout/start)', () => {
  it('verifies a V2 signature, creates the session from the payload and opens the sign-in page', async () => {
    const payloadJSON = checkoutPayload();
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/checkout/signin');
    const id = location.searchParams.get('amazonCheckoutSessionId')!;
    const session = world.sim.state.checkoutSessions[id]!;
    expect(session.webCheckoutDetails.checkoutReviewReturnUrl).toBe('https://shop.example/review');
    expect(session.releaseEnvironment).toBe('Sandbox');
  });

  it('reads an absent algorithm as the original AMZN-PAY-RSASSA-PSS', async () => {
    const payloadJSON = checkoutPayload();
    const original = await click({ payloadJSON, signature: await sign(payloadJSON, 'AMZN-PAY-RSASSA-PSS') });
    expect(original.status).toBe(303);
    const v2WithoutName = await click({ payloadJSON, signature: await sign(payloadJSON) });
    expect(v2WithoutName.status).toBe(400);
    const html = await v2WithoutName.text();
    expect(reasonOf(html)).toBe('InvalidSignatureError');
    expect(html).toContain('AMZN-PAY-RSASSA-PSS-V2');
  });

  it('shows the error page for a payload changed after signing', async () => {
    const signature = await sign(checkoutPayload());
    const response = await click({
      payloadJSON: checkoutPayload({ chargePermissionType: 'Recurring' }),
      signature,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    expect(response.status).toBe(400);
    expect(reasonOf(await response.text())).toBe('InvalidSignatureError');
  });

  it('names an unregistered publicKeyId', async () => {
    const payloadJSON = checkoutPayload();
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      publicKeyId: 'SANDBOX-ANOTHERMERCHANTKEY',
    });
    const html = await response.text();
    expect(reasonOf(html)).toBe('InvalidPublicKeyId');
    expect(html).toContain('SANDBOX-ANOTHERMERCHANTKEY');
  });

  it('refuses a publicKeyId of another merchant', async () => {
    const payloadJSON = checkoutPayload();
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      merchantId: 'A9SOMEONEELSE',
    });
    const html = await response.text();
    expect(reasonOf(html)).toBe('InvalidPublicKeyId');
    expect(html).toContain('does not belong to merchant');
  });

  it.each([
    [{ placement: 'Footer' }, 'InvalidParameterValue', 'placement'],
    [{ ledgerCurrency: undefined }, 'MissingParameterValue', 'ledgerCurrency'],
    [{ buttonColor: 'Pink' }, 'InvalidParameterValue', 'buttonColor'],
    [{ merchantId: 'not a merchant' }, 'InvalidParameterValue', 'merchantId'],
    [{ signature: undefined }, 'MissingSignature', 'signature'],
    [{ estimatedOrderAmount: '{not json' }, 'InvalidParameterValue', 'estimatedOrderAmount'],
    [
      { estimatedOrderAmount: '{"amount":"ten","currencyCode":"USD"}' },
      'InvalidParameterValue',
      'estimatedOrderAmount',
    ],
  ])('refuses option %j with %s', async (override, reason, field) => {
    const payloadJSON = checkoutPayload();
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      ...override,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(reasonOf(html)).toBe(reason);
    expect(html).toContain(field);
  });

  it('refuses a correctly signed payload the API would refuse, naming the field', async () => {
    const payloadJSON = JSON.stringify({
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
    });
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    const html = await response.text();
    expect(reasonOf(html)).toBe('MissingParameterValue');
    expect(html).toContain('storeId');
  });
});

describe('hosted pages after the click', () => {
  async function openSession(): Promise<string> {
    const payloadJSON = checkoutPayload();
    const response = await click({
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    return new URL(response.headers.get('location')!).searchParams.get('amazonCheckoutSessionId')!;
  }

  async function post(path: string, form: Record<string, string>) {
    return fetch(`${world.sim.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
  }

  it('offers addresses and methods, returns to the review URL and remembers the session in a cookie', async () => {
    const id = await openSession();
    const page = await (await fetch(`${world.sim.url}/checkout/signin?amazonCheckoutSessionId=${id}`)).text();
    expect(page).toContain('<legend>Shipping address</legend>');
    expect(page).toContain('<legend>Payment method</legend>');
    expect(page).toContain('Sign in with Amazon Pay');
    const response = await post(`/checkout/signin?amazonCheckoutSessionId=${id}`, {
      action: 'continue',
      shippingAddress: '1',
      paymentMethod: '4444',
    });
    expect(response.headers.get('location')).toBe(
      `https://shop.example/review?amazonCheckoutSessionId=${id}`,
    );
    expect(response.headers.get('set-cookie')).toMatch(/^amazon-pay-simulator-buyer=signed-in/);
    const session = world.sim.state.checkoutSessions[id]!;
    expect(session.shippingAddress?.city).toBe('Tacoma');
    expect(session.paymentPreferences[0]?.paymentDescriptor).toBe('Mastercard ****4444');
  });

  it('changeAddress shows only addresses and keeps the payment method; changePayment keeps the address', async () => {
    const id = await openSession();
    await post(`/checkout/signin?amazonCheckoutSessionId=${id}`, {
      action: 'continue',
      paymentMethod: '0005',
    });
    const change = `/checkout/signin?amazonCheckoutSessionId=${id}&changeAction=changeAddress`;
    const page = await (await fetch(`${world.sim.url}${change}`)).text();
    expect(page).toContain('Change your shipping address');
    expect(page).not.toContain('<legend>Payment method</legend>');
    await post(change, { action: 'continue', shippingAddress: '1' });
    let session = world.sim.state.checkoutSessions[id]!;
    expect(session.shippingAddress?.city).toBe('Tacoma');
    expect(session.paymentPreferences[0]?.paymentDescriptor).toBe('Amex ****0005');
    await post(`/checkout/signin?amazonCheckoutSessionId=${id}&changeAction=changePayment`, {
      action: 'continue',
      paymentMethod: '9424',
    });
    session = world.sim.state.checkoutSessions[id]!;
    expect(session.shippingAddress?.city).toBe('Tacoma');
    expect(session.paymentPreferences[0]?.paymentDescriptor).toBe('Discover ****9424');
  });

  it('signout clears the simulated Amazon session', async () => {
    const response = await fetch(`${world.sim.url}/checkout/signout`, { method: 'POST' });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const id = await openSession();
    const signedIn = await fetch(`${world.sim.url}/checkout/signin?amazonCheckoutSessionId=${id}`, {
      headers: { cookie: 'amazon-pay-simulator-buyer=signed-in' },
    });
    expect(await signedIn.text()).toContain('Choose how to pay');
  });
});

describe('the sign-in button', () => {
  async function signInClick(payload: Record<string, unknown>) {
    const payloadJSON = JSON.stringify(payload);
    const response = await click({
      productType: 'SignIn',
      payloadJSON,
      signature: await sign(payloadJSON),
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    const html = await response.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    return { response, html, action };
  }

  it("asks for consent, then returns a buyer token the button's merchant (and no other) reads", async () => {
    const { response, html, action } = await signInClick({
      signInReturnUrl: 'https://shop.example/account',
      storeId: STORE_ID,
      signInScopes: ['name', 'email'],
    });
    expect(response.status).toBe(200);
    expect(html).toContain('<li>email</li>');
    const allowed = await fetch(`${world.sim.url}${action}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'allow' }),
      redirect: 'manual',
    });
    const back = new URL(allowed.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://shop.example/account');
    const token = back.searchParams.get('buyerToken')!;
    const buyer = await merchantClient.getBuyer(token);
    expect(buyer.email).toBe('sam.sandbox+simulator@example.com');
    expect(buyer.shippingAddress).toBeNull();
    // The token belongs to the merchant whose key signed the button (issue 20, item 5).
    expect((await apiError(world.client.getBuyer(token))).status).toBe(404);
    // A consent form is good for one answer.
    const again = await fetch(`${world.sim.url}${action}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'allow' }),
    });
    expect(reasonOf(await again.text())).toBe('InvalidRequest');
  });

  it('cancel without signInCancelUrl links back to the shop; a payload without signInReturnUrl or with unknown fields is refused', async () => {
    const { action } = await signInClick({
      signInReturnUrl: 'https://shop.example/account',
      storeId: STORE_ID,
    });
    const canceled = await fetch(`${world.sim.url}${action}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'cancel' }),
      redirect: 'manual',
    });
    expect(await canceled.text()).toContain('href="https://shop.example/"');
    const missing = await signInClick({ storeId: STORE_ID });
    expect(reasonOf(missing.html)).toBe('InvalidParameterValue');
    expect(missing.html).toContain('signInReturnUrl');
    const extra = await signInClick({
      signInReturnUrl: 'https://shop.example/account',
      storeId: STORE_ID,
      signInRedirectUrl: 'https://shop.example/',
    });
    expect(reasonOf(extra.html)).toBe('UnrecognizedField');
    expect(extra.html).toContain('signInRedirectUrl');
    const scope = await signInClick({
      signInReturnUrl: 'https://shop.example/account',
      storeId: STORE_ID,
      signInScopes: ['name', 'creditScore'],
    });
    expect(scope.html).toContain('creditScore');
  });
});
