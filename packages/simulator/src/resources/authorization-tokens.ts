import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';

/**
 * Delegated authorization tokens: a solution provider trades a merchant's MWS auth token
 * (`amzn.mws.…`) for a token it then sends as `x-amz-pay-authtoken`; the simulator accepts only
 * tokens it issued, and only from the merchant (solution provider) it issued them to.
 */
export const authorizationTokenHandlers = {
  getAuthorizationToken(ctx) {
    const mwsAuthToken = ctx.params.mwsAuthToken;
    const merchantId = ctx.query.get('merchantId');
    if (!merchantId) throw ApiError.missingParameter('merchantId');
    if (!/^amzn\.mws\./.test(mwsAuthToken)) {
      throw ApiError.invalidParameter(
        'mwsAuthToken',
        mwsAuthToken,
        "an MWS auth token starts with 'amzn.mws.'",
      );
    }
    const token = ctx.engine.ids.authorizationToken();
    ctx.engine.store.authorizationTokens.set(token, { merchantId, mwsAuthToken, issuedTo: ctx.merchantId });
    return { authorizationToken: token };
  },
} satisfies Partial<HandlerTable>;
