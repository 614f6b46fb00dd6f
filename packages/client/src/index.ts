/**
 * The typed Amazon Pay API v2 client: the clients, their errors, configuration and result types.
 * The pipeline's building blocks (middleware, the retrying fetch, request checks, the operation
 * table) are on `@amazon-pay-ts/client/fetch`.
 *
 * @module @amazon-pay-ts/client
 */
export type { ApiClient, ApiPaths, Flatten, RelaxedHeader, RelaxedParameters, RelaxedPost } from './api.js';
export type { ButtonPayload } from './button-payload.js';
export { AmazonPayClient, InStoreClient, WebStoreClient } from './client.js';
export type { ClientConfig, Logger, SignatureAlgorithm, ValidationMode } from './config.js';
export type { ClientBase } from './core.js';
export type { Environment, Region, RegionInput } from './endpoint.js';
export {
  AmazonPayAbortError,
  AmazonPayApiError,
  AmazonPayAuthenticationError,
  AmazonPayConfigError,
  AmazonPayConflictError,
  AmazonPayDuplicateIdempotencyKeyError,
  AmazonPayError,
  type AmazonPayErrorInit,
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
  type FieldIssue,
  type RequestContext,
} from './errors.js';
export type { FetchLike, FetchLikeResponse } from './fetch-like.js';
export type {
  CommonOperations,
  InStoreOperations,
  WebStoreOperations,
} from './generated/operation-methods.js';
export type { PaginatedOperations } from './generated/operation-pages.js';
export type * from './generated/operation-results.js';
export type {
  CallEvent,
  CallRetryEvent,
  ClientHooks,
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  SuccessEvent,
} from './hooks.js';
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
export type { ClientOperationId } from './operations.js';
export type { PagedOperationId, PageItem, Paginator } from './paginate.js';
export type { RetryEvent, RetryOptions } from './retry-options.js';
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
  SimulationCode,
  SimulationCodeOf,
  SuccessBody,
  SuccessStatus,
  Unwrapped,
  WireResponse,
  WithMetadata,
  WithResponse,
} from './types.js';
