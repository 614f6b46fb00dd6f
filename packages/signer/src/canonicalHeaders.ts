/** Headers as a `Headers` object, a plain record, or name/value pairs. */
export type HeaderInput = Headers | Record<string, string> | Iterable<readonly [string, string]>;

const WHITESPACE_RUN = /\s+/g;

/** A header value in canonical form: trimmed, each run of inner whitespace collapsed to one space. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(WHITESPACE_RUN, ' ');
}

/**
 * Lower-cased names with canonical values, sorted by name. A name given twice (only possible in a
 * record or pair list) keeps both values joined with `,`, as HTTP folds repeated fields.
 */
export function normalizeHeaders(headers: HeaderInput): [string, string][] {
  const entries =
    headers instanceof Headers || Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers);
  const byName = new Map<string, string>();
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    const canonical = canonicalHeaderValue(value);
    const previous = byName.get(key);
    byName.set(key, previous === undefined ? canonical : previous + ',' + canonical);
  }
  return [...byName].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The canonical headers block: `name:value\n` for each signed header, sorted by lower-case name. */
export function canonicalHeaders(headers: HeaderInput): string {
  let block = '';
  for (const [name, value] of normalizeHeaders(headers)) block += name + ':' + value + '\n';
  return block;
}

/** The signed-header list: lower-case names, sorted, joined with `;`. */
export function signedHeaderList(headers: HeaderInput): string {
  return normalizeHeaders(headers)
    .map(([name]) => name)
    .join(';');
}
