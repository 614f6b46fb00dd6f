/**
 * Amazon Pay API v2 request signing on WebCrypto: the signer, its openapi-fetch middleware, the
 * canonical-request steps, key loading and the verifier.
 *
 * @module @amazon-pay-ts/signer
 */
export { DEFAULT_ALGORITHM, isSignatureAlgorithm, type SignatureAlgorithm, saltLength } from './algorithm.js';
export { amzDate, parseAmzDate } from './amzDate.js';
export { formatAuthorization, type ParsedAuthorization, parseAuthorizationHeader } from './authorization.js';
export { BufferedRequest } from './bufferedRequest.js';
export {
  canonicalHeaders,
  canonicalHeaderValue,
  type HeaderInput,
  normalizeHeaders,
  signedHeaderList,
} from './canonicalHeaders.js';
export { canonicalQuery, encodedQueryPairs, type QueryInput } from './canonicalQuery.js';
export { type CanonicalRequestParts, canonicalRequest } from './canonicalRequest.js';
export { canonicalUri } from './canonicalUri.js';
export {
  type ButtonSignature,
  createSigner,
  type Signer,
  type SignerConfig,
  type SignHeadersInput,
} from './createSigner.js';
export { encodeRfc3986 } from './encode.js';
export { SignerError, type SignerErrorCode } from './errors.js';
export { generateKeyPairPem, loadPrivateKey, loadPublicKey } from './keys.js';
export { OPENSSH_CONVERSION, opensshToPkcs1 } from './openssh.js';
export {
  MAX_KEY_FILE_BYTES,
  MIN_MODULUS_BITS,
  type ParsedPrivateKey,
  parsePrivateKey,
} from './parsePrivateKey.js';
export { type AmazonPayRegion, isRegion, normalizeRegion, REGIONS } from './region.js';
export { EMPTY_SHA256, sha256Hex } from './sha256.js';
export {
  isSignableHeader,
  mustBeSigned,
  UNSIGNED_AMAZON_PAY_HEADERS,
  UNSIGNED_HEADERS,
} from './signableHeaders.js';
export { type SignerMiddleware, signerMiddleware } from './signerMiddleware.js';
export { stringToSign } from './stringToSign.js';
export { verifyButtonSignature } from './verifyButtonSignature.js';
export {
  DEFAULT_MAX_SKEW_MS,
  type IncomingRequest,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
  verifyRequest,
} from './verifyRequest.js';
