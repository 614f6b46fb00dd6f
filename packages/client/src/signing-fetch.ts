import type { FetchFunction } from './retry.js';

/** The part of `@amazon-pay-ts/signer`'s Signer this wrapper uses. */
export interface RequestSigner {
  sign(request: Request): Promise<Request>;
}

/**
 * A fetch that signs each request just before sending it. Wrap it in `createRetryingFetch` so every
 * attempt gets a fresh `x-amz-pay-date` and signature (a middleware runs only once per call).
 */
export function createSigningFetch(signer: RequestSigner, fetchImpl?: FetchFunction): FetchFunction {
  const send = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // Hand the original signal to fetch directly: the signed copy's signal only follows it weakly.
    return send(await signer.sign(request), { signal: request.signal });
  };
}
