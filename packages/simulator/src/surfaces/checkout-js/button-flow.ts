import { isSignatureAlgorithm, type SignatureAlgorithm, verifyButtonSignature } from '@amazon-pay-ts/signer';
import type { CreateCheckoutSessionRequest } from '@amazon-pay-ts/types';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import type { Engine, Realm } from '../../engine.js';
import { ApiError } from '../../errors.js';
import { checkoutSessionHandlers, signInUrl } from '../../resources/checkout-session.js';
import { returnUrlProblem } from '../../return-urls.js';
import type { KeyRing } from '../../signature.js';
import type { Json } from '../../store.js';
import { findUnknownField } from '../../unknown-fields.js';
import { validateRequestPart } from '../../validation.js';
import { ButtonError, type ButtonSubmission, parseButtonSubmission, realmOfButton } from './options.js';

/** Amazon's script sends no algorithm for the original scheme; V2 must be named. */
const ALGORITHM_WHEN_ABSENT: SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS';

export interface PendingSignIn {
  returnUrl: string;
  /** Where Cancel leads (signInCancelUrl); absent, the buyer gets a link back to the shop. */
  cancelUrl: string | null;
  scopes: string[] | null;
  region: 'na' | 'eu' | 'jp';
  /** The merchant whose key signed the button: the buyer token is that merchant's alone. */
  merchantId: string;
}

export type ButtonOutcome =
  | { kind: 'checkout'; checkoutSessionId: string; location: string }
  | { kind: 'sign-in'; request: PendingSignIn };

/** Verifies the payload signature with the key the button names; returns the key's merchant. */
async function verify(keys: KeyRing, submission: ButtonSubmission): Promise<string> {
  const algorithm = submission.algorithm ?? ALGORITHM_WHEN_ABSENT;
  if (!isSignatureAlgorithm(algorithm)) {
    throw new ButtonError(
      'InvalidParameterValue',
      `The algorithm '${algorithm}' is not supported; use AMZN-PAY-RSASSA-PSS-V2 or leave it out for AMZN-PAY-RSASSA-PSS.`,
    );
  }
  const key = keys.get(submission.publicKeyId);
  if (!key) {
    throw new ButtonError(
      'InvalidPublicKeyId',
      `The publicKeyId '${submission.publicKeyId}' is not registered with this merchant account; use the public key id Seller Central shows for the key that signed the payload.`,
    );
  }
  const loaded = await key;
  if (loaded.merchantId !== submission.merchantId) {
    throw new ButtonError(
      'InvalidPublicKeyId',
      `The publicKeyId '${submission.publicKeyId}' does not belong to merchant '${submission.merchantId}': it belongs to merchant '${loaded.merchantId}'. Use the merchantId and public key id of the same Seller Central account.`,
    );
  }
  const result = await verifyButtonSignature(
    submission.payloadJSON,
    submission.signature,
    loaded.cryptoKey,
    algorithm,
  );
  if (!result.ok) {
    throw new ButtonError(
      'InvalidSignatureError',
      `The signature does not match the payloadJSON signed with ${algorithm} by key '${submission.publicKeyId}' (${result.reason}). Sign exactly the string you pass as payloadJSON${submission.algorithm ? '' : ', and pass algorithm: "AMZN-PAY-RSASSA-PSS-V2" if you signed with V2'}.`,
    );
  }
  return loaded.merchantId;
}

function parsePayload(text: string): Json {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ButtonError(
      'InvalidRequestFormat',
      `payloadJSON is not valid JSON: ${(error as Error).message}.`,
    );
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ButtonError('InvalidRequestFormat', 'payloadJSON must be a JSON object.');
  }
  return payload as Json;
}

/**
 * The documented three, plus what Amazon's Magento plugin and OXID's module sign in production:
 * signInCancelUrl (both) and platformId (OXID).
 */
const SIGN_IN_FIELDS = new Set([
  'signInReturnUrl',
  'signInCancelUrl',
  'storeId',
  'signInScopes',
  'platformId',
]);
const SIGN_IN_SCOPES = new Set([
  'name',
  'email',
  'postalCode',
  'shippingAddress',
  'phoneNumber',
  'billingAddress',
  'primeStatus',
]);

/**
 * A return URL of the sign-in payload, if present: Amazon sends the buyer only to https URLs (plain
 * http to localhost in Sandbox), see return-urls.ts.
 */
function returnUrl(payload: Json, field: string, env: Realm['env']): string | null {
  const value = payload[field];
  if (value === undefined) return null;
  const problem = returnUrlProblem(value, env);
  if (problem) {
    throw new ButtonError(
      'InvalidParameterValue',
      `signInConfig.payloadJSON needs ${field}, an absolute URL on your site: ${problem}.`,
    );
  }
  return value as string;
}

/** The sign-in payload: the fields of Amazon's "Amazon Sign-in" page and those shops sign besides. */
function signInRequest(payload: Json, realm: Realm, merchantId: string): PendingSignIn {
  const unknown = Object.keys(payload).find((k) => !SIGN_IN_FIELDS.has(k));
  if (unknown) {
    throw new ButtonError('UnrecognizedField', `The field '${unknown}' is invalid in a sign-in payload.`);
  }
  const signInReturnUrl = returnUrl(payload, 'signInReturnUrl', realm.env);
  if (signInReturnUrl === null) {
    throw new ButtonError(
      'InvalidParameterValue',
      'signInConfig.payloadJSON needs signInReturnUrl, an absolute https URL on your site.',
    );
  }
  const cancelUrl = returnUrl(payload, 'signInCancelUrl', realm.env);
  if (payload.platformId !== undefined && typeof payload.platformId !== 'string') {
    throw new ButtonError('InvalidParameterValue', 'platformId must be a string.');
  }
  if (typeof payload.storeId !== 'string' || payload.storeId === '') {
    throw new ButtonError('MissingParameterValue', 'signInConfig.payloadJSON needs storeId.');
  }
  let scopes: string[] | null = null;
  if (payload.signInScopes !== undefined) {
    if (!Array.isArray(payload.signInScopes)) {
      throw new ButtonError('InvalidParameterValue', 'signInScopes must be a list of scopes.');
    }
    scopes = payload.signInScopes.map(String);
    const bad = scopes.find((scope) => !SIGN_IN_SCOPES.has(scope));
    if (bad) {
      throw new ButtonError(
        'InvalidParameterValue',
        `The scope '${bad}' is invalid; use ${[...SIGN_IN_SCOPES].join(', ')}.`,
      );
    }
  }
  return { returnUrl: signInReturnUrl, cancelUrl, scopes, region: realm.region, merchantId };
}

/**
 * What a click on the button does at Amazon: check the options, verify the payload signature with
 * the merchant's public key, then create the checkout session from the payload (or start sign-in).
 * Every failure is a ButtonError naming Amazon's reason.
 */
export async function startFromButton(
  engine: Engine,
  keys: KeyRing,
  form: URLSearchParams,
): Promise<ButtonOutcome> {
  const submission = parseButtonSubmission(form);
  const realm = realmOfButton(submission);
  const estimated = form.get('estimatedOrderAmount');
  if (estimated) {
    let parsed: { amount?: unknown; currencyCode?: unknown } | null = null;
    try {
      parsed = JSON.parse(estimated);
    } catch {
      // reported below
    }
    if (!/^\d+(\.\d+)?$/.test(String(parsed?.amount)) || !/^[A-Z]{3}$/.test(String(parsed?.currencyCode))) {
      throw new ButtonError('InvalidParameterValue', `estimatedOrderAmount ${estimated} is not a price.`);
    }
  }
  const merchantId = await verify(keys, submission);
  const payload = parsePayload(submission.payloadJSON);
  if (submission.productType === 'SignIn')
    return { kind: 'sign-in', request: signInRequest(payload, realm, merchantId) };

  const operation = (operationSchemas as unknown as Record<string, OperationSchema>).createCheckoutSession!;
  try {
    validateRequestPart(operation.body!, payload);
    const unknown = findUnknownField(operation.body!, payload);
    if (unknown)
      throw new ApiError(400, 'UnrecognizedField', `The field '${unknown}' is invalid for this API.`);
    const web = (payload.webCheckoutDetails ?? {}) as Json;
    if (web.checkoutMode !== 'ProcessOrder' && typeof web.checkoutReviewReturnUrl !== 'string') {
      throw ApiError.missingParameter('webCheckoutDetails.checkoutReviewReturnUrl');
    }
    if (submission.productType === 'PayOnly' && payload.addressDetails === undefined)
      payload.productType ??= 'PayOnly';
    engine.runDue();
    const created = checkoutSessionHandlers.createCheckoutSession({
      operationId: 'createCheckoutSession',
      params: {},
      query: new URLSearchParams(),
      // Validated against the Create Checkout Session body schema just above.
      body: payload as CreateCheckoutSessionRequest,
      headers: {},
      realm,
      simulationCode: null,
      engine,
      merchantId,
      publicKeyId: submission.publicKeyId,
    });
    const id = created.checkoutSessionId;
    return { kind: 'checkout', checkoutSessionId: id, location: signInUrl(engine, id) };
  } catch (error) {
    if (error instanceof ApiError) throw new ButtonError(error.reasonCode, `payloadJSON: ${error.message}`);
    throw error;
  }
}
