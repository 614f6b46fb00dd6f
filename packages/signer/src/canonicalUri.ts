import { encodeRfc3986, percentByte } from './encode.js';

const SLASH = 0x2f;
const PERCENT = 0x25;

/** RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`. */
function isUnreserved(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x7e
  );
}

/** Value of one hex digit, or -1. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * The canonical URI of a request path: RFC 3986 encoding of every byte outside the unreserved set,
 * `/` kept as the separator, runs of `/` collapsed, and a leading `/` (an empty path is `/`).
 *
 * The input may already be percent-encoded (as `URL.pathname` is): a `%XX` escape is read as the byte
 * it stands for and written back in canonical form (`%7e` → `~`, `%2f` → `/`, `%c3%a9` → `%C3%A9`),
 * so the raw path and its encoded form give the same answer, as Amazon's Java SDK does.
 * One pass over the characters, no regular expression (a backtracking one was exponential).
 */
export function canonicalUri(path: string): string {
  if (isCanonical(path)) return path;
  let out = '/';
  let endsWithSlash = true; // tracked rather than read back, so `out` stays a cheap rope
  let runStart = 0; // start of the pending run of characters that are neither `/` nor an escape
  let i = 0;
  while (i < path.length) {
    const code = path.charCodeAt(i);
    if (code === SLASH) {
      const run = encodeRfc3986(path.slice(runStart, i));
      if (run !== '' || !endsWithSlash) out += run + '/';
      endsWithSlash = true;
      runStart = ++i;
      continue;
    }
    if (code === PERCENT) {
      const high = hexValue(path.charCodeAt(i + 1));
      const low = high < 0 ? -1 : hexValue(path.charCodeAt(i + 2));
      if (low >= 0) {
        const byte = high * 16 + low;
        const run = encodeRfc3986(path.slice(runStart, i));
        if (byte !== SLASH) out += run + (isUnreserved(byte) ? String.fromCharCode(byte) : percentByte(byte));
        else if (run !== '' || !endsWithSlash) out += run + '/';
        endsWithSlash = byte === SLASH;
        i += 3;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  return out + encodeRfc3986(path.slice(runStart));
}

/** A leading `/` followed by unreserved characters and single `/`s: already its own canonical form. */
function isCanonical(path: string): boolean {
  if (path.charCodeAt(0) !== SLASH) return false;
  for (let i = 1; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code === SLASH ? path.charCodeAt(i - 1) === SLASH : !isUnreserved(code)) return false;
  }
  return true;
}
