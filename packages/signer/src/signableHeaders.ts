/**
 * Headers never signed: hop-by-hop fields, ones the HTTP stack or a proxy may add or rewrite after
 * signing, and `authorization` itself (the same exclusions as AWS's SigV4 signer).
 */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'accept-encoding',
  'cache-control',
  'pragma',
  'referer',
  'from',
  'max-forwards',
  'via',
  'x-amzn-trace-id',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);

/** Whether the signer includes a header (lower-case name) in the signature. */
export function isSignableHeader(name: string): boolean {
  return !UNSIGNED_HEADERS.has(name) && !name.startsWith('proxy-') && !name.startsWith('sec-');
}
