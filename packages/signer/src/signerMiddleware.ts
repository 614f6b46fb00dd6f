import type { Signer } from './createSigner.js';

/** An openapi-fetch `Middleware` (structurally) whose `onRequest` returns the signed request. */
export interface SignerMiddleware {
  onRequest(options: { request: Request }): Promise<Request>;
}

export function signerMiddleware(signer: Signer): SignerMiddleware {
  return {
    onRequest: ({ request }) => signer.sign(request),
  };
}
