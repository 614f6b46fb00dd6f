import { isSignatureAlgorithm, type SignatureAlgorithm, verifyButtonSignature } from '@amazon-pay-ts/signer';
import {
  type CreateCheckoutSessionRequest,
  type OperationSchema,
  operationSchemas,
} from '@amazon-pay-ts/types';
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
  /** The merchant whose signed button asked: the buyer token is readable by it alone. */
  merchantId: string;
  returnUrl: string;
  scopes: string[] | null;
  region: 'na' | 'eu' | 'jp';
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
      `The publicKeyId '${submission.publicKeyId}' does not belong to merchant '${submission.merchantId}'; use the merchantId and public key id of the same Seller Central account.`,
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

const SIGN_IN_FIELDS = new Set(['signInReturnUrl', 'storeId', 'signInScopes']);
const SIGN_IN_SCOPES = new Set([
  'name',
  'email',
  'postalCode',
  'shippingAddress',
  'phoneNumber',
  'billingAddress',
  'primeStatus',
]);

/** The sign-in payload Amazon's "Amazon Sign-in" page documents: three fields, nothing else. */
function signInRequest(payload: Json, realm: Realm, merchantId: string): PendingSignIn {
  const unknown = Object.keys(payload).find((k) => !SIGN_IN_FIELDS.has(k));
  if (unknown) {
    throw new ButtonError('UnrecognizedField', `The field '${unknown}' is invalid in a sign-in payload.`);
  }
  const returnUrl = payload.signInReturnUrl;
  const problem = returnUrlProblem(returnUrl, realm.env);
  if (typeof returnUrl !== 'string' || problem) {
    throw new ButtonError(
      'InvalidParameterValue',
      `signInConfig.payloadJSON needs signInReturnUrl, an absolute URL on your site: ${problem}.`,
    );
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
  return { merchantId, returnUrl, scopes, region: realm.region };
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
