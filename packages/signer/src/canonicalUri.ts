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
 * The canonical URI of a request path: the path split on literal `/` only, each segment's
 * `%XX` escapes read as the bytes they stand for and the segment re-encoded with RFC 3986 (every
 * byte outside the unreserved set as upper-case `%XX`), and a leading `/` (an empty path is `/`).
 *
 * So a path and its `URL.pathname` form give the same answer (`%7e` → `~`, `%c3%a9` → `%C3%A9`,
 * `é` → `%C3%A9`), while an encoded slash stays inside its segment (`%2f` → `%2F`): the canonical
 * path always addresses the same resource as the input, which is why empty segments are kept and
 * `.`/`..` are never resolved. One pass over the characters, no regular expression (a backtracking
 * one was exponential).
 */
export function canonicalUri(path: string): string {
  if (isCanonical(path)) return path;
  let out = path.charCodeAt(0) === SLASH ? '' : '/';
  let runStart = 0; // start of the pending run of characters that are neither `/` nor an escape
  let i = 0;
  while (i < path.length) {
    const code = path.charCodeAt(i);
    if (code === SLASH) {
      out += encodeRfc3986(path.slice(runStart, i)) + '/';
      runStart = ++i;
      continue;
    }
    if (code === PERCENT) {
      const high = hexValue(path.charCodeAt(i + 1));
      const low = high < 0 ? -1 : hexValue(path.charCodeAt(i + 2));
      if (low >= 0) {
        const byte = high * 16 + low;
        out += encodeRfc3986(path.slice(runStart, i));
        out += isUnreserved(byte) ? String.fromCharCode(byte) : percentByte(byte);
        i += 3;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  return out + encodeRfc3986(path.slice(runStart));
}

/** A leading `/` followed by unreserved characters and `/` only: already its own canonical form. */
function isCanonical(path: string): boolean {
  if (path.charCodeAt(0) !== SLASH) return false;
  for (let i = 1; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code !== SLASH && !isUnreserved(code)) return false;
  }
  return true;
}
