import type { Signer } from './createSigner.js';

/** An openapi-fetch `Middleware` (structurally) whose `onRequest` returns the signed request. */
export interface SignerMiddleware {
  /** Signs the request openapi-fetch is about to send. */
  onRequest(options: { request: Request }): Promise<Request>;
}

/** An openapi-fetch middleware that signs every request with the signer. */
export function signerMiddleware(signer: Signer): SignerMiddleware {
  return {
    onRequest: ({ request }) => signer.sign(request),
  };
}
