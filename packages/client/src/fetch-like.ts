/**
 * What the client reads from a response. undici's `Response` (from the `undici` package) is not the
 * DOM `Response` type though it behaves the same, so the `fetch` option asks only for this much.
 */
export interface FetchLikeResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText?: string;
  /** The response headers. */
  readonly headers: {
    /** A header's value by name (any case), or null. */
    get(name: string): string | null;
    /** Calls `callback` for every header (to copy an error answer for openapi-fetch's middleware). */
    forEach(callback: (value: string, name: string) => void): void;
  };
  /** The whole body as text. */
  text(): Promise<string>;
}

/**
 * Any fetch-compatible function: the global `fetch`, undici's `fetch` (with a `ProxyAgent`
 * dispatcher, say), a test double — no cast needed. The client calls it with a URL string and an
 * init whose body is a string (or bytes) and whose headers are a plain object; the parameters are
 * `any` because undici's `RequestInit` and the DOM's are different types for the same thing, and a
 * wrapper should be free to spread one into the other.
 */
// biome-ignore lint/suspicious/noExplicitAny: parameter types of fetch implementations differ (DOM vs undici); see above
export type FetchLike = (input: any, init?: any) => Promise<FetchLikeResponse>;

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * A `Response` again from an answer whose body was read whole: the same status and headers, the body
 * read (none for 204, 205 and 304, which `Response` refuses one).
 */
export function readAgain(
  answer: { readonly status: number; readonly statusText?: string | undefined },
  headers: HeadersInit,
  body: string | ArrayBuffer,
): Response {
  return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : body, {
    status: answer.status,
    statusText: answer.statusText,
    headers,
  });
}
