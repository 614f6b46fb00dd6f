import { AmazonPayRequestValidationError, type FieldIssue } from './errors.js';
import { IDEMPOTENCY_HEADER, idempotencyKeyIssue } from './idempotency.js';
import type { OperationRoute } from './operations.js';
import { type CallInit, simulationCodeIssue } from './prepare-call.js';
import type { CallOptions } from './types.js';

const CALL_OPTION_KEYS = new Set([
  'idempotencyKey',
  'authToken',
  'simulationCode',
  'signal',
  'headers',
  'timeoutMs',
  'maxRetries',
]);

/**
 * A typed method's arguments as the openapi-fetch options `client.api` takes: the ids as path
 * parameters, the body or the query, and {@link CallOptions} as headers and the signal. From here on
 * both doors are one pipeline. Throws `AmazonPayRequestValidationError` for options that are not
 * {@link CallOptions}.
 */
export function methodInit(
  operationId: string,
  route: OperationRoute,
  ids: readonly unknown[],
  input: unknown,
  options: CallOptions | undefined,
): CallInit {
  const path: Record<string, unknown> = {};
  route.pathParams.forEach((name, index) => {
    path[name] = ids[index];
  });
  const issues: FieldIssue[] = [];
  const headers = options === undefined ? undefined : optionHeaders(operationId, route, options, issues);
  if (issues.length > 0)
    throw new AmazonPayRequestValidationError({ operationId, method: route.method, issues });
  return {
    params:
      route.input === 'query'
        ? { path, query: input as Record<string, unknown> | undefined, header: headers }
        : { path, header: headers },
    body: route.input === 'body' ? input : undefined,
    signal: options?.signal,
    // Checked with client.api's own options, by prepareCall.
    timeoutMs: options?.timeoutMs,
    maxRetries: options?.maxRetries,
  };
}

/** The headers {@link CallOptions} stand for; what is wrong with them goes to `issues`. */
function optionHeaders(
  operationId: string,
  route: OperationRoute,
  options: CallOptions,
  issues: FieldIssue[],
): Record<string, unknown> {
  if (options === null || typeof options !== 'object') {
    issues.push({ path: '(options)', message: 'expected an options object' });
    return {};
  }
  for (const key of Object.keys(options)) {
    if (!CALL_OPTION_KEYS.has(key)) issues.push({ path: `options.${key}`, message: 'is not a known option' });
  }
  const { idempotencyKey, authToken, simulationCode, signal } = options;
  const extra = options.headers;
  if (extra !== undefined && (extra === null || typeof extra !== 'object' || Array.isArray(extra))) {
    issues.push({ path: 'options.headers', message: 'expected an object of header names to values' });
  }
  const headers: Record<string, unknown> = extra && typeof extra === 'object' ? { ...extra } : {};
  if (idempotencyKey !== undefined) {
    const issue = idempotencyKeyIssue('options.idempotencyKey', idempotencyKey);
    if (issue) issues.push(issue);
    else headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  }
  if (authToken !== undefined) {
    if (typeof authToken !== 'string' || authToken === '') {
      issues.push({ path: 'options.authToken', message: 'must be a non-empty string' });
    } else headers['x-amz-pay-authtoken'] = authToken;
  }
  if (simulationCode !== undefined) {
    const issue =
      typeof simulationCode !== 'string' || (simulationCode as string) === ''
        ? 'must be a non-empty string'
        : simulationCodeIssue(operationId, route, simulationCode);
    if (issue) issues.push({ path: 'options.simulationCode', message: issue });
    else headers['x-amz-pay-simulation-code'] = simulationCode;
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issues.push({ path: 'options.signal', message: 'must be an AbortSignal' });
  }
  return headers;
}
