import { encodeRfc3986 } from './encode.js';

/** A query as a raw string (`?a=1&b=2` or `a=1&b=2`), `URLSearchParams`, or decoded name/value pairs. */
export type QueryInput = string | URLSearchParams | Iterable<readonly [string, string]>;

/**
 * The canonical query string: each name and value RFC 3986-encoded (space → `%20`), pairs sorted by
 * encoded name then encoded value (code-unit order), repeated names kept, joined with `&`.
 *
 * A raw string is decoded as `application/x-www-form-urlencoded` (`+` is a space), the way
 * `URLSearchParams` reads it; pass pairs to sign literal `+` characters.
 */
export function canonicalQuery(query: QueryInput): string {
  return sortedQuery(encodedQueryPairs(query));
}

/** Each name and value RFC 3986-encoded, in their original order. */
export function encodedQueryPairs(query: QueryInput): [string, string][] {
  const source = typeof query === 'string' ? new URLSearchParams(query) : query;
  const pairs: [string, string][] = [];
  for (const [name, value] of source) pairs.push([encodeRfc3986(name), encodeRfc3986(value)]);
  return pairs;
}

/** Already-encoded pairs joined as `name=value&…` in the order given. */
export function joinQuery(pairs: readonly (readonly [string, string])[]): string {
  let result = '';
  for (const [name, value] of pairs) result += (result === '' ? '' : '&') + name + '=' + value;
  return result;
}

/** Already-encoded pairs in canonical order, joined. */
export function sortedQuery(pairs: readonly (readonly [string, string])[]): string {
  return joinQuery([...pairs].sort(comparePairs));
}

function comparePairs(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
