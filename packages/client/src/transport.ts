import { BufferedRequest } from '@amazon-pay-ts/signer';
import type { FetchLike, FetchLikeResponse } from './fetch-like.js';

/** Sends one signed request; the bottom of the pipeline. */
export type Transport = (request: Request, signal: AbortSignal) => Promise<FetchLikeResponse>;

/**
 * The fetch under openapi-fetch: sends the request as a URL string and an init (what any
 * fetch-compatible function takes, undici's own included), with the attempt's signal and
 * `redirect: 'manual'` — a redirect is never followed, so signed headers never go to another host.
 * A `BufferedRequest` goes with the body it was built from, so its stream is never read and no
 * second `Request` is built before the one `fetch` makes; any other request's body is read first.
 */
export function createTransport(fetchImpl: FetchLike | undefined): Transport {
  const send: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const sendWith = (request: Request, body: BodyInit | Uint8Array | null, signal: AbortSignal) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    return send(request.url, { method: request.method, headers, body, signal, redirect: 'manual' });
  };
  return (request, signal) => {
    const buffered = request instanceof BufferedRequest ? request.bodySource : undefined;
    if (buffered !== undefined || request.body === null) return sendWith(request, buffered ?? null, signal);
    return request.arrayBuffer().then((bytes) => sendWith(request, bytes, signal));
  };
}
