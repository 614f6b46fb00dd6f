import type { OperationId } from '@amazon-pay-ts/types';
import { checkAmounts } from './amount-rules.js';
import { datesToWire } from './dates.js';
import { AmazonPayRequestValidationError, type FieldIssue } from './errors.js';
import { IDEMPOTENCY_HEADER, idempotencyKeyFor, idempotencyKeyIssue } from './idempotency.js';
import { checkId } from './ids.js';
import { OPERATION_ROUTES, type OperationRoute } from './operations.js';
import { normalizeQuery, type QueryValue, toWireQuery } from './query.js';
import { deadlineIssue, maxRetriesIssue } from './retry-options.js';
import { checkQuery, checkRequestBody } from './validation.js';

/**
 * What a call hands the pipeline: openapi-fetch's request options, the parts the client takes.
 * `client.api` passes the caller's options as they are; a typed method builds them from its
 * arguments (`methodInit`).
 */
export interface CallInit {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>> | undefined;
    readonly query?: Readonly<Record<string, unknown>> | undefined;
    readonly header?: Readonly<Record<string, unknown>> | undefined;
  };
  readonly body?: unknown;
  readonly headers?: HeadersInit | Readonly<Record<string, unknown>> | undefined;
  readonly signal?: AbortSignal | null | undefined;
  /** Only `'json'`: the client reads every answer as Amazon's JSON. */
  readonly parseAs?: string | undefined;
  /** This call's deadline instead of the client's `timeoutMs` (see `CallOptions.timeoutMs`). */
  readonly timeoutMs?: number | undefined;
  /** This call's retries instead of the client's `maxRetries` (see `CallOptions.maxRetries`). */
  readonly maxRetries?: number | undefined;
}

/** A call that passed every request check, in the form openapi-fetch sends. */
export interface PreparedCall {
  readonly operationId: OperationId;
  readonly route: OperationRoute;
  /** For openapi-fetch: the ids, the query and body in wire form, and every header (lower-case names). */
  readonly init: {
    readonly params: { readonly path: Record<string, string>; readonly query?: Record<string, string> };
    readonly body?: unknown;
    readonly headers: Record<string, string>;
  };
  /** `x-amz-pay-idempotency-key`: the caller's, or one made for a POST without one. */
  readonly idempotencyKey: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** Whether a repeat cannot act twice: it has a key, or is not a POST. */
  readonly replaySafe: boolean;
  /** The call's own deadline and retries, when it set them. */
  readonly timeoutMs: number | undefined;
  readonly maxRetries: number | undefined;
}

const OPERATION_BY_ROUTE = new Map<string, OperationId>(
  Object.entries(OPERATION_ROUTES).map(([operationId, route]) => [
    `${route.method} ${route.path}`,
    operationId as OperationId,
  ]),
);

/** The operation a method and the spec's path template name, if any. */
export function operationOf(method: string, path: string): OperationId | undefined {
  return OPERATION_BY_ROUTE.get(`${method} ${path}`);
}

/** The options openapi-fetch takes that the client reads; it sets every other one itself. */
const CALL_INIT_KEYS = new Set(['params', 'body', 'headers', 'signal', 'parseAs', 'timeoutMs', 'maxRetries']);

/**
 * The request rules of every door, in one place, before anything is sent: the operation exists;
 * ids are usable path segments; the query and body match the spec once `Date`s are written as
 * Amazon's timestamps (`20221118T150630Z`); amounts are ones Amazon would take (`checkAmounts`);
 * headers are valid; and a POST gets its idempotency key, once for the whole call. Throws
 * `AmazonPayRequestValidationError` listing every issue.
 */
export function prepareCall(method: string, path: string, init: CallInit | undefined): PreparedCall {
  const operationId = operationOf(method, path);
  if (operationId === undefined) {
    throw new AmazonPayRequestValidationError({
      operationId: `${method} ${path}`,
      method,
      issues: [{ path: '(operation)', message: 'is not an operation of Amazon Pay API v2' }],
    });
  }
  const route: OperationRoute = OPERATION_ROUTES[operationId as keyof typeof OPERATION_ROUTES];
  const options: CallInit = init ?? {};
  const issues: FieldIssue[] = [];
  for (const key in options) {
    if (!CALL_INIT_KEYS.has(key) && (options as Record<string, unknown>)[key] !== undefined) {
      issues.push({ path: key, message: 'is not an option the client takes: it sets it itself' });
    }
  }
  if (options.parseAs !== undefined && options.parseAs !== 'json') {
    issues.push({ path: 'parseAs', message: "must be 'json': Amazon Pay answers JSON" });
  }

  const pathParams: Record<string, string> = {};
  for (const name of route.pathParams) {
    const value = options.params?.path?.[name];
    const issue = checkId(name, value);
    if (issue) issues.push(issue);
    else pathParams[name] = value as string;
  }

  let query: Record<string, string> | undefined;
  const rawQuery = options.params?.query;
  if (rawQuery !== undefined && rawQuery !== null) {
    const normalized = normalizeQuery(rawQuery as Readonly<Record<string, QueryValue>>);
    issues.push(...normalized.issues);
    query = toWireQuery(normalized.values);
    if (normalized.issues.length === 0) issues.push(...checkQuery(operationId, query));
    // Amazon reads a later page of these lists from the token alone ("the only parameter").
    if (route.pagination?.tokenOnly && query.nextToken !== undefined) {
      for (const name in query) {
        if (name !== 'nextToken') {
          issues.push({
            path: name,
            message: `must not be sent with nextToken: ${operationId} takes the token alone`,
          });
        }
      }
    }
  } else if (route.input === 'query') {
    issues.push(...checkQuery(operationId, {}));
  }

  let body = options.body;
  let dateIssues: readonly FieldIssue[] = [];
  if (route.input === 'body' && route.dateTimes.length > 0) {
    ({ body, issues: dateIssues } = datesToWire(body, route.dateTimes));
    issues.push(...dateIssues);
  }
  if (dateIssues.length === 0) {
    const bodyIssues = checkRequestBody(operationId, body);
    issues.push(...bodyIssues);
    // Amounts Amazon would refuse (currency decimals, maximum, zero, exponent form): say so now.
    if (bodyIssues.length === 0 && body !== undefined) issues.push(...checkAmounts(operationId, body));
  }

  const headers: Record<string, string> = {};
  addHeaders(headers, options.params?.header, 'params.header', issues);
  addHeaders(headers, options.headers, 'headers', issues);
  const present = headers[IDEMPOTENCY_HEADER];
  if (present !== undefined) {
    const issue = idempotencyKeyIssue(`headers.${IDEMPOTENCY_HEADER}`, present);
    if (issue) issues.push(issue);
  }
  const simulationCode = headers[SIMULATION_HEADER];
  if (simulationCode !== undefined) {
    const issue = simulationCodeIssue(operationId, route, simulationCode);
    if (issue) issues.push({ path: `headers.${SIMULATION_HEADER}`, message: issue });
  }
  const signal = options.signal ?? undefined;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issues.push({ path: 'signal', message: 'must be an AbortSignal' });
  }
  const { timeoutMs, maxRetries } = options;
  const timeoutIssue = timeoutMs === undefined ? undefined : deadlineIssue(timeoutMs);
  if (timeoutIssue) issues.push({ path: 'timeoutMs', message: timeoutIssue });
  const retriesIssue = maxRetries === undefined ? undefined : maxRetriesIssue(maxRetries);
  if (retriesIssue) issues.push({ path: 'maxRetries', message: retriesIssue });
  if (issues.length > 0) throw new AmazonPayRequestValidationError({ operationId, method, issues });

  const idempotencyKey = idempotencyKeyFor(route.method, present);
  if (idempotencyKey !== undefined) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  return {
    operationId,
    route,
    init: {
      params: query === undefined ? { path: pathParams } : { path: pathParams, query },
      ...(body === undefined ? {} : { body }),
      headers,
    },
    idempotencyKey,
    signal,
    replaySafe: idempotencyKey !== undefined || route.method !== 'POST',
    timeoutMs,
    maxRetries,
  };
}

const SIMULATION_HEADER = 'x-amz-pay-simulation-code';

/**
 * Why a simulation code is not one the spec declares for the operation (Amazon answers those with
 * 400 `InvalidSandboxSimulationSpecified`), or undefined when it is one.
 */
export function simulationCodeIssue(
  operationId: string,
  route: OperationRoute,
  code: string,
): string | undefined {
  const codes = route.simulationCodes;
  if (codes === undefined) return `${operationId} has no sandbox simulations`;
  return codes.includes(code)
    ? undefined
    : `is not a simulation code of ${operationId}; use one of ${codes.join(', ')}`;
}

/** What `Headers` accepts (RFC 9110 token names; values without CR, LF or NUL), checked before sending. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;
/** `Headers` drops spaces and tabs around a value. */
const SURROUNDING_BLANKS = /^[ \t]+|[ \t]+$/g;

/**
 * Copies headers (a record, `Headers` or pairs; `null`/`undefined` values skipped, lists joined with
 * `, `, numbers and booleans as text) into `into` under lower-case names, as `Headers` would hold
 * them, naming what `Headers` would refuse.
 */
function addHeaders(
  into: Record<string, string>,
  source: unknown,
  where: string,
  issues: FieldIssue[],
): void {
  if (source === undefined || source === null) return;
  if (typeof source !== 'object') {
    issues.push({ path: where, message: 'expected an object of header names to values' });
    return;
  }
  const entries: Iterable<readonly [string, unknown]> =
    source instanceof Headers || Array.isArray(source)
      ? (source as Iterable<readonly [string, unknown]>)
      : Object.entries(source);
  for (const [name, raw] of entries) {
    if (raw === undefined || raw === null) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
      issues.push({ path: `${where}.${String(name)}`, message: 'is not a valid HTTP header name' });
    } else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      issues.push({ path: `${where}.${name}`, message: 'must be a string' });
    } else if (!HEADER_VALUE.test(String(value))) {
      issues.push({ path: `${where}.${name}`, message: 'must not contain line breaks or NUL characters' });
    } else into[name.toLowerCase()] = String(value).replace(SURROUNDING_BLANKS, '');
  }
}
