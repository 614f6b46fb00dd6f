/**
 * A Fetch API `Request` that also keeps the body it was built from, when that is a string or bytes
 * (`bodySource`), so a signer or a `fetch` wrapper can use those bytes without reading the body
 * stream or building another `Request`. openapi-fetch builds its requests with it when given
 * `createClient({ Request: BufferedRequest })`: its JSON bodies are strings, so
 * {@link signerMiddleware} then signs them in place.
 */
export class BufferedRequest extends Request {
  /**
   * The body as given, in memory: a string (sent as UTF-8) or bytes (a copy, so later changes to the
   * caller's buffer cannot make it differ from what is sent); `null` without a body; `undefined`
   * when the body was a stream, form or blob, which only reading `body` reveals.
   */
  readonly bodySource: string | Uint8Array<ArrayBuffer> | null | undefined;

  /** Same arguments as `new Request(input, init)`. */
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    const body: unknown = init?.body;
    this.bodySource = body === undefined ? inheritedBody(input) : inMemory(body);
  }
}

/** A body given as a string or bytes, as such (bytes copied); null for none; undefined for any other. */
function inMemory(body: unknown): string | Uint8Array<ArrayBuffer> | null | undefined {
  if (body === null || typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  return undefined;
}

/** The body a Request built from `input` without `init.body` carries: `input`'s own. */
function inheritedBody(input: RequestInfo | URL): string | Uint8Array<ArrayBuffer> | null | undefined {
  if (!(input instanceof Request)) return null;
  if (input instanceof BufferedRequest) return input.bodySource;
  return input.body === null ? null : undefined;
}
