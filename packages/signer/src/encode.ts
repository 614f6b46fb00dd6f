const HEX = '0123456789ABCDEF';

/** `%XX` (upper-case hex) for one byte. */
export function percentByte(byte: number): string {
  return '%' + HEX[byte >> 4] + HEX[byte & 15];
}

const NOT_UNRESERVED = /[^A-Za-z0-9\-._~]/;

/**
 * RFC 3986 percent-encoding: everything except the unreserved set `A-Z a-z 0-9 - . _ ~` becomes
 * `%XX` of its UTF-8 bytes (so a space is `%20`, never `+`). Lone surrogates become U+FFFD.
 */
export function encodeRfc3986(value: string): string {
  if (!NOT_UNRESERVED.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeURIComponent(
      value.replace(/[\uD800-\uDFFF]/g, (c, i: number) => wellFormedAt(value, c, i)),
    );
  }
  // encodeURIComponent leaves these five sub-delimiters alone; RFC 3986 canonical form encodes them.
  return encoded.replace(/[!'()*]/g, (c) => percentByte(c.charCodeAt(0)));
}

function wellFormedAt(value: string, char: string, index: number): string {
  const code = char.charCodeAt(0);
  if (code <= 0xdbff) {
    const next = value.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff ? char : '\uFFFD';
  }
  const previous = value.charCodeAt(index - 1);
  return previous >= 0xd800 && previous <= 0xdbff ? char : '\uFFFD';
}
