import { randomUUID } from 'node:crypto';
import { type AmazonPayApiError, WebStoreClient } from '@amazon-pay-ts/client';
import { createSigner, generateKeyPairPem } from '@amazon-pay-ts/signer';
import { ErrorResponseSchema } from '@amazon-pay-ts/types/zod';
import { expect } from 'vitest';
import { merchantIdFor } from '../src/ids.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../src/index.js';

export interface TestWorld {
  sim: Simulator;
  client: WebStoreClient;
  publicKeyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** Every response body the client received, to check against the spec's schemas. */
  responses: { status: number; body: string }[];
}

let keyPair: Promise<{ privateKeyPem: string; publicKeyPem: string }> | undefined;

/** One RSA key pair per test file: generating 2048-bit keys is the slow part. */
export function testKeyPair() {
  keyPair ??= generateKeyPairPem();
  return keyPair;
}

export async function startWorld(
  options: SimulatorOptions = {},
  clientOptions: { maxRetries?: number } = {},
): Promise<TestWorld> {
  const { privateKeyPem, publicKeyPem } = await testKeyPair();
  const publicKeyId = 'SANDBOX-AEXAMPLETESTKEY0001';
  const sim = await startSimulator({
    ...options,
    keys: [{ publicKeyId, publicKey: publicKeyPem }, ...(options.keys ?? [])],
  });
  const responses: TestWorld['responses'] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.clone().text();
    responses.push({ status: response.status, body });
    if (response.status >= 400) {
      // Error bodies follow the spec's ErrorResponse; success bodies are checked by the client's strict validation.
      expect(ErrorResponseSchema.safeParse(JSON.parse(body)).success, body).toBe(true);
    }
    return response;
  };
  const client = new WebStoreClient({
    region: 'na',
    publicKeyId,
    privateKey: privateKeyPem,
    baseUrl: sim.url,
    fetch: recordingFetch,
    validateResponses: 'strict',
    maxRetries: clientOptions.maxRetries ?? 0,
  });
  return { sim, client, publicKeyId, privateKeyPem, publicKeyPem, responses };
}

export async function apiError(promise: Promise<unknown>): Promise<AmazonPayApiError> {
  try {
    await promise;
  } catch (error) {
    return error as AmazonPayApiError;
  }
  throw new Error('expected the call to fail');
}

export const createBody = {
  storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
  webCheckoutDetails: {
    checkoutReviewReturnUrl: 'https://merchant.example/review',
    checkoutResultReturnUrl: 'https://merchant.example/result',
  },
  chargePermissionType: 'OneTime',
} as const;

/** Creates a session, signs the buyer in, sets amount and intent, and has the buyer confirm. */
export async function readySession(
  world: TestWorld,
  payment: {
    amount?: string;
    currencyCode?: string;
    paymentIntent?: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture';
    canHandlePendingAuthorization?: boolean;
  } = {},
  paymentMethod?: string,
) {
  const { client, sim } = world;
  const session = await client.createCheckoutSession(createBody);
  sim.approve(session.checkoutSessionId);
  await client.updateCheckoutSession(session.checkoutSessionId, {
    paymentDetails: {
      paymentIntent: payment.paymentIntent ?? 'Authorize',
      canHandlePendingAuthorization: payment.canHandlePendingAuthorization ?? false,
      chargeAmount: {
        amount: payment.amount ?? '100.00',
        currencyCode: (payment.currencyCode ?? 'USD') as 'USD',
      },
    },
    merchantMetadata: { merchantReferenceId: 'order-1' },
  });
  sim.approve(session.checkoutSessionId, paymentMethod ? { paymentMethod } : {});
  return session.checkoutSessionId;
}

export interface RawOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  algorithm?: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';
  clock?: () => Date;
  publicKeyId?: string;
  /** Changes the signed request before it is sent. */
  tamper?: (request: Request) => Request | Promise<Request>;
}

/** Sends one request signed by the signer package, bypassing the client's own validation. */
export async function signedFetch(world: TestWorld, path: string, options: RawOptions = {}) {
  const signer = createSigner({
    publicKeyId: options.publicKeyId ?? world.publicKeyId,
    privateKey: world.privateKeyPem,
    region: 'na',
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const unsigned = new Request(`${world.sim.url}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: options.headers ?? {},
    ...(body === undefined ? {} : { body }),
  });
  let signed = await signer.sign(unsigned);
  if (options.tamper) signed = await options.tamper(signed);
  const response = await fetch(signed);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // Non-JSON bodies (hosted pages) are returned as text only.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * A buyer clicking the world merchant's signed sign-in button (name and email scopes): the
 * simulator's answer, a 302 to `https://merchant.example/signed-in?buyerToken=…` when it accepts it.
 */
export async function signInButtonClick(world: TestWorld): Promise<Response> {
  return postButton(world, {
    signInReturnUrl: 'https://merchant.example/signed-in',
    storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
    signInScopes: ['name', 'email'],
  });
}

/** `payload` as a button payload signed (V2) with the world's key, without the client's checks. */
export async function signedButtonPayload(world: TestWorld, payload: object) {
  const signer = createSigner({
    publicKeyId: world.publicKeyId,
    privateKey: world.privateKeyPem,
    region: 'na',
  });
  const payloadJSON = JSON.stringify(payload);
  return { payloadJSON, signature: (await signer.signButtonPayload(payloadJSON)).signature };
}

/** `POST /checkout/button` with `payload` signed by the world's key. */
export async function postButton(world: TestWorld, payload: object): Promise<Response> {
  const { payloadJSON, signature } = await signedButtonPayload(world, payload);
  return fetch(`${world.sim.url}/checkout/button`, {
    method: 'POST',
    body: JSON.stringify({
      payloadJSON,
      signature,
      publicKeyId: world.publicKeyId,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    }),
    redirect: 'manual',
  });
}

/**
 * A click on a checkout.js button of the world's merchant (Sandbox, USD): what the script posts to
 * `/checkout/start`, and the page the simulator answers with its reason code on refusal.
 */
export async function checkoutJsClick(
  world: TestWorld,
  productType: 'SignIn' | 'PayAndShip',
  payload: object,
): Promise<{ response: Response; html: string; reasonCode: string | undefined }> {
  const { payloadJSON, signature } = await signedButtonPayload(world, payload);
  const response = await fetch(`${world.sim.url}/checkout/start`, {
    method: 'POST',
    body: new URLSearchParams({
      merchantId: merchantIdFor(world.publicKeyId),
      publicKeyId: world.publicKeyId,
      ledgerCurrency: 'USD',
      placement: productType === 'SignIn' ? 'Home' : 'Cart',
      productType,
      sandbox: 'true',
      payloadJSON,
      signature,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    }),
    redirect: 'manual',
  });
  const html = await response.text();
  return { response, html, reasonCode: /<code data-reason-code>([^<]+)<\/code>/.exec(html)?.[1] };
}

/** The shipping address of the finalizeCheckoutSession sample in Amazon's PHP SDK README (`null` parts included). */
export const PHP_README_ADDRESS = {
  name: 'Susie Smith',
  addressLine1: '10 Ditka Ave',
  addressLine2: 'Suite 2500',
  city: 'Chicago',
  county: null,
  district: null,
  stateOrRegion: 'IL',
  postalCode: '60602',
  countryCode: 'US',
  phoneNumber: '800-000-0000',
};

/** A Create Dispute body for `chargeId` (10.00 USD, product not received) in `state`. */
export function disputeBody(chargeId: string, state: 'ActionRequired' | 'UnderReview' = 'ActionRequired') {
  return {
    chargeId,
    providerMetadata: { providerDisputeId: randomUUID() },
    disputeAmount: { amount: '10.00', currencyCode: 'USD' as const },
    filingReason: 'ProductNotReceived' as const,
    statusDetails: { state },
    filingTimestamp: '20250217T081500Z',
    merchantResponseDeadline: '20250228T235959Z',
  };
}
