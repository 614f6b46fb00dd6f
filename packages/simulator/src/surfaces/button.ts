import { isSignatureAlgorithm, type SignatureAlgorithm, verifyButtonSignature } from '@amazon-pay-ts/signer';
import { shown } from '../errors.js';
import { issueBuyerToken } from '../resources/buyer.js';
import { returnUrlProblem } from '../return-urls.js';
import { sendJson } from '../stages/transport.js';
import type { PageHandler } from './pages.js';

/**
 * `POST /checkout/button` with `{ payloadJSON, signature, publicKeyId, algorithm? }`: what Amazon's
 * checkout.js does with a button's signed payload. It verifies the signature with the merchant's
 * public key; a sign-in payload (with signInReturnUrl) then returns the buyer to the merchant with
 * a buyer token.
 *
 * Without `algorithm` (createCheckoutSessionConfig.algorithm), checkout.js verifies with the
 * original AMZN-PAY-RSASSA-PSS (salt 20), not V2: the .NET SDK 2.7.0 changelog and the PHP SDK's
 * maintainers say so. A V2 signature without `algorithm` therefore fails, with a message saying
 * what to add.
 */
const ORIGINAL: SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS';
const V2: SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS-V2';

type Response = Parameters<PageHandler['handle']>[0]['res'];

function refuse(res: Response, reasonCode: string, message: string) {
  sendJson(res, 400, JSON.stringify({ reasonCode, message }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const button: PageHandler = {
  name: 'button',
  match: ({ method, url }) => method === 'POST' && url.pathname === '/checkout/button',
  async handle({ res, engine, keys, body }) {
    const raw = await body();
    let input: unknown;
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      input = undefined;
    }
    if (!isObject(input)) {
      return refuse(
        res,
        'InvalidRequestFormat',
        'Send JSON {payloadJSON, signature, publicKeyId, algorithm?}.',
      );
    }
    const payload =
      typeof input.payloadJSON === 'string' ? input.payloadJSON : JSON.stringify(input.payloadJSON ?? null);
    if (input.algorithm !== undefined && !isSignatureAlgorithm(input.algorithm)) {
      return refuse(
        res,
        'InvalidParameterValue',
        `algorithm ${shown(input.algorithm)} is not one Amazon knows; use ${V2} (or leave it out for ${ORIGINAL}).`,
      );
    }
    const algorithm: SignatureAlgorithm = input.algorithm ?? ORIGINAL;
    const key = keys.get(String(input.publicKeyId));
    if (!key) {
      return refuse(
        res,
        'InvalidPublicKeyId',
        `Public key id ${shown(input.publicKeyId)} is not registered.`,
      );
    }
    const signature = typeof input.signature === 'string' ? input.signature : '';
    const { cryptoKey, merchantId } = await key;
    const result = await verifyButtonSignature(payload, signature, cryptoKey, algorithm);
    if (!result.ok) {
      const v2WithoutAlgorithm =
        input.algorithm === undefined && (await verifyButtonSignature(payload, signature, cryptoKey, V2)).ok;
      return refuse(
        res,
        'InvalidSignatureError',
        v2WithoutAlgorithm
          ? `payloadJSON is signed with ${V2}, but without an algorithm Amazon verifies button signatures with ${ORIGINAL}. Add algorithm: '${V2}' to createCheckoutSessionConfig (or sign with ${ORIGINAL}).`
          : `Signature does not match payloadJSON signed with ${algorithm} (${result.reason}); sign exactly the string you pass as payloadJSON${input.algorithm === undefined ? `, and name the algorithm in createCheckoutSessionConfig if it is not ${ORIGINAL}` : ''}.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = undefined;
    }
    if (!isObject(parsed)) {
      return refuse(
        res,
        'InvalidParameterValue',
        'payloadJSON must be a JSON object (the signed button payload).',
      );
    }
    // A sign-in button payload carries signInReturnUrl: Amazon signs the buyer in and returns a buyer token.
    if (parsed.signInReturnUrl !== undefined) {
      const env = /^live-/i.test(String(input.publicKeyId)) ? 'Live' : 'Sandbox';
      const problem = returnUrlProblem(parsed.signInReturnUrl, env);
      if (problem) {
        return refuse(
          res,
          'InvalidParameterValue',
          `signInReturnUrl ${shown(parsed.signInReturnUrl)} is invalid: ${problem}.`,
        );
      }
      const target = new URL(parsed.signInReturnUrl as string);
      const scopes = Array.isArray(parsed.signInScopes) ? parsed.signInScopes.map(String) : undefined;
      const token = issueBuyerToken(engine, merchantId, scopes ? { scopes } : {});
      target.searchParams.set('buyerToken', token);
      res.writeHead(302, { location: target.toString(), 'content-length': 0 });
      res.end();
      return;
    }
    sendJson(res, 200, JSON.stringify({ valid: true, algorithm, payloadJSON: payload }));
  },
};
