import { encodeRfc3986, percentByte } from './encode.js';

const ALREADY_CANONICAL = /^\/(?:[A-Za-z0-9\-._~]+\/?)*$/;
const NEEDS_WORK = /%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~/]/gu;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * The canonical URI of a request path: RFC 3986 encoding of every byte outside the unreserved set,
 * `/` kept as the separator, runs of `/` collapsed, and a leading `/` (an empty path is `/`).
 *
 * The input may already be percent-encoded (as `URL.pathname` is): a `%XX` escape is read as the byte
 * it stands for and written back in canonical form (`%7e` → `~`, `%2f` → `/`, `%c3%a9` → `%C3%A9`),
 * so the raw path and its encoded form give the same answer, as Amazon's Java SDK does.
 */
export function canonicalUri(path: string): string {
  if (ALREADY_CANONICAL.test(path)) return path;
  const encoded = path.replace(NEEDS_WORK, (match) => {
    if (match.length === 3 && match[0] === '%') {
      const byte = Number.parseInt(match.slice(1), 16);
      if (byte === 0x2f) return '/';
      const char = String.fromCharCode(byte);
      return UNRESERVED.test(char) ? char : percentByte(byte);
    }
    return encodeRfc3986(match);
  });
  const collapsed = encoded.replace(/\/{2,}/g, '/');
  return collapsed.startsWith('/') ? collapsed : '/' + collapsed;
}
