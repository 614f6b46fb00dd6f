export type { ApiClient, ApiPaths } from './api.js';
export { AmazonPayClient, InStoreClient, WebStoreClient } from './client.js';
export {
  type ClientConfig,
  DEFAULT_MAX_RETRIES,
  type Logger,
  type ResolvedConfig,
  resolveConfig,
  type SignatureAlgorithm,
  type ValidationMode,
} from './config.js';
export { ClientBase } from './core.js';
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
  AmazonPayError,
  AmazonPayInvalidRequestError,
  AmazonPayNetworkError,
  AmazonPayNotFoundError,
  AmazonPayRateLimitError,
  AmazonPayRequestValidationError,
  AmazonPayResponseValidationError,
  AmazonPayServiceError,
  AmazonPayTimeoutError,
  apiErrorFromResponse,
  type FieldIssue,
} from './errors.js';
export { CommonOperations, InStoreOperations, WebStoreOperations } from './generated/operation-methods.js';
export { IDEMPOTENCY_HEADER, idempotencyMiddleware, newIdempotencyKey } from './idempotency.js';
export { checkId } from './ids.js';
export type {
  AmazonPayWithResponse,
  ChannelOperation,
  CommonWithResponse,
  InStoreWithResponse,
  MethodName,
  OperationAliases,
  OperationArguments,
  WebStoreWithResponse,
  WithResponseMethods,
} from './methods.js';
export { type ClientOperationId, OPERATION_ROUTES, type OperationRoute } from './operations.js';
export { serializePath } from './path.js';
export {
  formatAmazonTimestamp,
  normalizeQuery,
  type QueryValue,
  serializeQuery,
  toWireQuery,
} from './query.js';
export {
  backoffDelay,
  createRetryingFetch,
  type FetchFunction,
  parseRetryAfter,
  RETRIABLE_STATUSES,
  type RetryEvent,
  type RetryOptions,
  retriesOf,
} from './retry.js';
export { createSigningFetch, type RequestSigner } from './signing-fetch.js';
export type {
  CallOptions,
  Decoded,
  QueryParams,
  RequestBody,
  ResponseBody,
  ResponseMetadata,
  WithMetadata,
  WithResponse,
} from './types.js';
export { userAgent, userAgentMiddleware } from './user-agent.js';
export {
  checkRequestBody,
  checkResponseBody,
  issuesFromZod,
  type ValidationMiddlewareOptions,
  validationMiddleware,
} from './validation.js';
export { VERSION } from './version.js';
