export { METHOD_ALIASES } from './aliases.js';
export {
  CURRENCY_RULES,
  type CurrencyRule,
  checkAmounts,
  checkPrice,
  POSITIVE_AMOUNT_FIELDS,
} from './amount-rules.js';
export type { ApiClient, ApiPaths, Flatten, RelaxedHeader, RelaxedParameters, RelaxedPost } from './api.js';
export { type ButtonKind, type ButtonPayload, buttonKind, checkButtonPayload } from './button-payload.js';
export { AmazonPayClient, InStoreClient, WebStoreClient } from './client.js';
export {
  type ClientConfig,
  DEFAULT_MAX_RETRIES,
  isLoopback,
  type Logger,
  type ResolvedConfig,
  resolveConfig,
  type SignatureAlgorithm,
  type ValidationMode,
} from './config.js';
export { ClientBase } from './core.js';
export { datesToWire } from './dates.js';
export { decodeShippingAddressList } from './decode.js';
export {
  type Environment,
  keyEnvironment,
  normalizeEnvironment,
  normalizeRegion,
  type Region,
  type RegionInput,
  resolveBaseUrl,
} from './endpoint.js';
export {
  AmazonPayAbortError,
  AmazonPayApiError,
  AmazonPayAuthenticationError,
  AmazonPayConfigError,
  AmazonPayConflictError,
  AmazonPayDuplicateIdempotencyKeyError,
  AmazonPayError,
  AmazonPayInvalidRequestError,
  AmazonPayMalformedResponseError,
  AmazonPayNetworkError,
  AmazonPayNotFoundError,
  AmazonPayRateLimitError,
  AmazonPayRedirectError,
  AmazonPayRequestValidationError,
  AmazonPayResponseValidationError,
  AmazonPayServiceError,
  AmazonPayTimeoutError,
  AmazonPayUnprocessableError,
  apiErrorFromResponse,
  type ErrorResponseInfo,
  type FieldIssue,
  type RequestContext,
} from './errors.js';
export type { FetchLike, FetchLikeResponse } from './fetch-like.js';
export { CommonOperations, InStoreOperations, WebStoreOperations } from './generated/operation-methods.js';
export { IDEMPOTENCY_HEADER, idempotencyMiddleware, newIdempotencyKey } from './idempotency.js';
export { checkId } from './ids.js';
export type {
  AmazonPayWithResponse,
  ChannelOperation,
  CommonWithResponse,
  InStoreWithResponse,
  MethodDocs,
  MethodName,
  OperationAliases,
  OperationArguments,
  OperationOf,
  WebStoreWithResponse,
  WithResponseMethods,
} from './methods.js';
export {
  type Channel as OperationChannel,
  type ClientOperationId,
  OPERATION_ROUTES,
  type OperationRoute,
} from './operations.js';
export { serializePath } from './path.js';
export {
  formatAmazonTimestamp,
  type NormalizedQueryValue,
  normalizeQuery,
  type QueryValue,
  serializeQuery,
  toWireQuery,
} from './query.js';
export {
  backoffDelay,
  checkRetryOptions,
  createRetryingFetch,
  earlierAttemptMayHaveActed,
  type FetchFunction,
  parseRetryAfter,
  RETRIABLE_STATUSES,
  RETRY_DEFAULTS,
  type RetryEvent,
  type RetryOptions,
  retriesOf,
} from './retry.js';
export { safeUrl } from './safe-url.js';
export { createSigningFetch, type RequestSigner } from './signing-fetch.js';
export type {
  AcceptDates,
  CallOptions,
  DateTimeField,
  Decoded,
  FriendlyQueryValue,
  JsonContent,
  PathRest,
  QueryParams,
  RawRequest,
  RequestBody,
  RequestInput,
  ResponseBody,
  ResponseMetadata,
  SuccessBody,
  SuccessStatus,
  Unwrapped,
  WireResponse,
  WithMetadata,
  WithResponse,
} from './types.js';
export { userAgent, userAgentMiddleware } from './user-agent.js';
export {
  checkRequestBody,
  checkResponseBody,
  type ValidationMiddlewareOptions,
  validationMiddleware,
} from './validation.js';
export { VERSION } from './version.js';
