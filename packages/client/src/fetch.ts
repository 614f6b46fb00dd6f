/**
 * The client's pipeline, piece by piece, for an openapi-fetch client of your own built on
 * `@amazon-pay-ts/types` (with `@amazon-pay-ts/signer`'s `signerMiddleware` and `BufferedRequest`):
 * middleware, the retrying fetch and its decision, the request checks, the operation table.
 *
 * @module @amazon-pay-ts/client/fetch
 */
export { type AliasName, type AliasOperation, METHOD_ALIASES } from './aliases.js';
export {
  CURRENCY_RULES,
  type CurrencyRule,
  checkAmounts,
  checkPrice,
  POSITIVE_AMOUNT_FIELDS,
} from './amount-rules.js';
export { type ButtonKind, buttonKind, checkButtonPayload } from './button-payload.js';
export { apiErrorFromResponse } from './errors.js';
export {
  IDEMPOTENCY_HEADER,
  idempotencyKeyFor,
  idempotencyMiddleware,
  newIdempotencyKey,
} from './idempotency.js';
export { type Channel, OPERATION_ROUTES, type OperationRoute } from './operations.js';
export { serializePath } from './path.js';
export { type CallInit, type PreparedCall, prepareCall } from './prepare-call.js';
export { formatAmazonTimestamp, serializeWireQuery } from './query.js';
export { type Exchange, type Result, resultOf } from './response.js';
export {
  type AttemptOutcome,
  backoffDelay,
  decideRetry,
  parseRetryAfter,
  RETRIABLE_STATUSES,
  RETRY_DEFAULTS,
  type RetryDecision,
  type RetryPolicy,
  type RetryState,
} from './retry-decision.js';
export type { RetryEvent, RetryOptions } from './retry-options.js';
export { createRetryingFetch, type FetchFunction } from './retrying-fetch.js';
export { userAgent, userAgentMiddleware } from './user-agent.js';
export { checkRequestBody, checkResponseBody } from './validation.js';
export {
  type ValidationMiddlewareOptions,
  type ValidationMiddlewareParams,
  validationMiddleware,
} from './validation-middleware.js';
export { VERSION } from './version.js';
