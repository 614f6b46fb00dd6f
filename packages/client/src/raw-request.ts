import type { RawRequest } from './types.js';

export type { RawRequest };

/** Headers that authenticate a request; never copied into metadata or errors. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-pay-authtoken']);
const utf8 = new TextDecoder();

/**
 * The request as sent, minus credentials, for `metadata.request`: headers by name as `Headers` lists
 * them (sorted, lower-case), the body as text.
 */
export function rawRequest(
  method: string,
  url: string,
  headers: Headers | undefined,
  body: string | Uint8Array | null | undefined,
): RawRequest {
  const copied: Record<string, string> = {};
  if (headers) {
    for (const [name, value] of headers) if (!SECRET_HEADERS.has(name)) copied[name] = value;
  }
  return {
    method,
    url,
    headers: copied,
    body:
      body === null || body === undefined ? undefined : typeof body === 'string' ? body : utf8.decode(body),
  };
}
