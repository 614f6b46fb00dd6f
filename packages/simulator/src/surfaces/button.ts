import { isSignatureAlgorithm, verifyButtonSignature } from '@amazon-pay-ts/signer';
import { issueBuyerToken } from '../resources/buyer.js';
import { sendJson } from '../stages/transport.js';
import type { PageHandler } from './pages.js';

/**
 * `POST /checkout/button`: what Amazon's checkout.js does with a button's signed payload. It
 * verifies the signature with the merchant's public key; a sign-in payload (with signInReturnUrl)
 * then returns the buyer to the merchant with a buyer token.
 */
function refuse(res: Parameters<PageHandler['handle']>[0]['res'], reasonCode: string, message: string) {
  sendJson(res, 400, JSON.stringify({ reasonCode, message }));
}

export const button: PageHandler = {
  name: 'button',
  match: ({ method, url }) => method === 'POST' && url.pathname === '/checkout/button',
  async handle({ res, engine, keys, body }) {
    const raw = await body();
    let input: { payloadJSON?: unknown; signature?: unknown; publicKeyId?: unknown; algorithm?: unknown };
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(
        res,
        'InvalidRequestFormat',
        'Send JSON {payloadJSON, signature, publicKeyId, algorithm?}.',
      );
    }
    const payload =
      typeof input.payloadJSON === 'string' ? input.payloadJSON : JSON.stringify(input.payloadJSON);
    const algorithm = isSignatureAlgorithm(input.algorithm) ? input.algorithm : 'AMZN-PAY-RSASSA-PSS-V2';
    const key = keys.get(String(input.publicKeyId));
    if (!key) {
      return refuse(
        res,
        'InvalidPublicKeyId',
        `Public key id '${String(input.publicKeyId)}' is not registered.`,
      );
    }
    const result = await verifyButtonSignature(
      payload,
      String(input.signature ?? ''),
      (await key).cryptoKey,
      algorithm,
    );
    if (!result.ok) {
      return refuse(
        res,
        'InvalidSignatureError',
        `Signature does not match payloadJSON signed with ${algorithm} (${result.reason}); sign exactly the string you pass as payloadJSON.`,
      );
    }
    // A sign-in button payload carries signInReturnUrl: Amazon signs the buyer in and returns a buyer token.
    const parsed = JSON.parse(payload) as { signInReturnUrl?: unknown; signInScopes?: unknown };
    if (typeof parsed.signInReturnUrl === 'string') {
      const scopes = Array.isArray(parsed.signInScopes) ? parsed.signInScopes.map(String) : undefined;
      const token = issueBuyerToken(engine, scopes ? { scopes } : {});
      const target = new URL(parsed.signInReturnUrl);
      target.searchParams.set('buyerToken', token);
      res.writeHead(302, { location: target.toString(), 'content-length': 0 });
      res.end();
      return;
    }
    sendJson(res, 200, JSON.stringify({ valid: true, algorithm, payloadJSON: payload }));
  },
};
