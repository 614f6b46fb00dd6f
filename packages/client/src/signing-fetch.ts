import type { FetchFunction } from './retry.js';

/** The parts of `@amazon-pay-ts/signer`'s Signer this wrapper uses. */
export interface RequestSigner {
  /** Returns the request with `x-amz-pay-date` and `authorization` added. */
  sign(request: Request): Promise<Request>;
  /** Returns the headers to add to a request described by its parts (faster when present). */
  signHeaders?(request: {
    method: string;
    url: string;
    headers?: HeadersInit;
    body?: string | Uint8Array | null;
  }): Promise<Record<string, string>>;
}

/**
 * A fetch that signs each request just before sending it. Wrap it in `createRetryingFetch` so every
 * attempt gets a fresh `x-amz-pay-date` and signature (a middleware runs only once per call).
 *
 * Given a URL and an init whose body is already in memory (what the retrying fetch passes), it signs
 * those exact bytes with `signHeaders`, sparing a body read and a Request copy per attempt; anything
 * else (a Request, a stream body, a URL the signer would rewrite) goes through `sign(request)`.
 */
export function createSigningFetch(signer: RequestSigner, fetchImpl?: FetchFunction): FetchFunction {
  const send = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const body = typeof input === 'string' && init !== undefined ? bodyInMemory(init.body) : undefined;
    if (body !== undefined && signer.signHeaders !== undefined) {
      try {
        const headers = await signer.signHeaders({
          method: init?.method ?? 'GET',
          url: input as string,
          headers: init?.headers,
          body,
        });
        return await send(input, { ...init, headers });
      } catch (error) {
        // The signer refuses a URL it would have to rewrite; sign() below rewrites it and sends that.
        if ((error as { code?: unknown }).code !== 'INVALID_REQUEST') throw error;
      }
    }
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // Hand the original signal to fetch directly: the signed copy's signal only follows it weakly.
    return send(await signer.sign(request), { signal: request.signal });
  };
}

/** The body as the signer takes it, or undefined when it is a stream or form that must be read first. */
function bodyInMemory(body: BodyInit | null | undefined): string | Uint8Array | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Uint8Array) return body;
  return undefined;
}
