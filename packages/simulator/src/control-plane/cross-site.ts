import { ApiError } from '../errors.js';
import { isLoopbackHost } from '../hosts.js';

/**
 * The open (loopback, token-free) control plane must not act on a request a web page in the
 * developer's browser sent: a "simple" cross-site request (a form post, `fetch` with text/plain or
 * no content type, `sendBeacon`) reaches it without a CORS preflight. Browsers name the page's
 * origin on every such request that is not a GET or HEAD, so those are refused unless they come from
 * the simulator's own origin; and a body must be declared JSON, which a page can only do after a
 * preflight the simulator never grants (it sends no Access-Control-Allow-* header).
 */
export function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * The simulator's own origin: its base URL's, or — on a loopback name, as `localhost` and
 * `127.0.0.1` reach the same server — the origin the request's Host header names. A page served
 * from another name that resolves to loopback (DNS rebinding) names that other host, so it is foreign.
 */
function isOwnOrigin(origin: string, host: string | undefined, baseUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // `Origin: null` (a sandboxed frame, a file: page) or garbage
  }
  if (baseUrl !== '' && parsed.origin === new URL(baseUrl).origin) return true;
  return host !== undefined && parsed.host === host.toLowerCase() && isLoopbackHost(parsed.hostname);
}

/** Refuses (403) a state-changing request that a browser says came from another site or origin. */
export function checkSameOrigin(
  method: string,
  headers: Record<string, string | undefined>,
  baseUrl: string,
): void {
  if (!isStateChanging(method)) return;
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, headers.host, baseUrl)) {
    throw new ApiError(
      403,
      'CrossOriginRequestRefused',
      `The control plane changes state only for requests from its own origin or from outside a browser, not from ${origin}.`,
    );
  }
  const site = headers['sec-fetch-site']?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    throw new ApiError(
      403,
      'CrossOriginRequestRefused',
      `The control plane changes state only for requests from its own origin or from outside a browser, not for a ${site} request.`,
    );
  }
}

/** Refuses (415) a state-changing request whose body is not declared `application/json`. */
export function checkJsonBody(method: string, contentType: string | undefined, bodyBytes: number): void {
  if (!isStateChanging(method) || bodyBytes === 0) return;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `A control plane request body must be sent with Content-Type: application/json, not ${contentType === undefined ? 'without one' : contentType}.`,
    );
  }
}

/**
 * The open control plane answers only requests addressed to the simulator by a loopback name or by
 * its own base URL's host. A page on another name that resolves to 127.0.0.1 (DNS rebinding) is
 * same-origin to itself, so its browser lets it read the answers; its Host header still names it.
 */
export function checkOpenHost(host: string | undefined, baseUrl: string): void {
  const name = host === undefined ? undefined : hostName(host);
  if (name !== undefined && isLoopbackHost(name)) return;
  if (host !== undefined && baseUrl !== '' && host.toLowerCase() === new URL(baseUrl).host) return;
  throw new ApiError(
    403,
    'CrossOriginRequestRefused',
    `The open control plane answers requests to a loopback name or to its base URL only, not to ${host ?? 'a request without Host'}; give it a token to serve other names.`,
  );
}

/** The name of a Host header value (`127.0.0.1:4010` → `127.0.0.1`, `[::1]:4010` → `[::1]`), or undefined. */
function hostName(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}
