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

/**
 * `x-amz-pay-*` headers a verifier accepts outside the signature. Amazon's PHP SDK (2.6.2 and later,
 * in production) signs only accept, content-type and x-amz-pay-date, -host, -idempotency-key and
 * -region, then adds the informational sdk/language/integrator/platform headers and any header the
 * merchant passes (a delegated `x-amz-pay-authtoken`) unsigned; its source marks only the
 * idempotency key as "must be pre-signed". Sandbox simulation codes are left out by some
 * integrations too. None of these changes what a request does to money: the informational ones
 * describe the caller, a simulation code only exists in Sandbox, and a delegated token is honoured
 * only for the caller that obtained it. Every other `x-amz-pay-*` header must be signed.
 */
export const UNSIGNED_AMAZON_PAY_HEADERS: ReadonlySet<string> = new Set([
  'x-amz-pay-sdk-type',
  'x-amz-pay-sdk-version',
  'x-amz-pay-language-version',
  'x-amz-pay-integrator-id',
  'x-amz-pay-integrator-version',
  'x-amz-pay-platform-version',
  'x-amz-pay-simulation-code',
  'x-amz-pay-authtoken',
]);

/** Whether a received header (lower-case name) must be listed in SignedHeaders when present. */
export function mustBeSigned(name: string): boolean {
  return name.startsWith('x-amz-pay-') && !UNSIGNED_AMAZON_PAY_HEADERS.has(name);
}
