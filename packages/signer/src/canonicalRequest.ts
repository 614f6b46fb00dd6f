/** The six pieces of a canonical request, each already in canonical form. */
export interface CanonicalRequestParts {
  /** The HTTP method (upper-cased in the canonical request). */
  method: string;
  /** From {@link canonicalUri}. */
  canonicalUri: string;
  /** From {@link canonicalQuery}; `''` when there is no query. */
  canonicalQuery: string;
  /** From {@link canonicalHeaders}: every line ends in `\n`. */
  canonicalHeaders: string;
  /** From {@link signedHeaderList}. */
  signedHeaders: string;
  /** Hex SHA-256 of the exact body bytes (of `''` when there is no body). */
  payloadHash: string;
}

/**
 * The canonical request: method, URI, query, headers block, signed-header list and payload hash,
 * joined with `\n`. The headers block ends in its own `\n`, which is why a blank line precedes the
 * signed-header list.
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return (
    parts.method.toUpperCase() +
    '\n' +
    parts.canonicalUri +
    '\n' +
    parts.canonicalQuery +
    '\n' +
    parts.canonicalHeaders +
    '\n' +
    parts.signedHeaders +
    '\n' +
    parts.payloadHash
  );
}
