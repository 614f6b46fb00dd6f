import type { Signer } from './createSigner.js';

/** An openapi-fetch `Middleware` (structurally) whose `onRequest` returns the signed request. */
export interface SignerMiddleware {
  /** Signs the request openapi-fetch is about to send. */
  onRequest(options: { request: Request }): Promise<Request>;
}

/**
 * An openapi-fetch middleware that signs every request with `signer.sign()`. Give openapi-fetch
 * `Request: BufferedRequest` (`createClient({ Request: BufferedRequest, … })`) and its JSON requests
 * are signed in place: no body stream is read and no `Request` is copied (see {@link Signer.sign}).
 */
export function signerMiddleware(signer: Signer): SignerMiddleware {
  return {
    onRequest: ({ request }) => signer.sign(request),
  };
}
