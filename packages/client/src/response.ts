import type { OperationId } from '@amazon-pay-ts/types';
import type { ValidationMode } from './config.js';
import { decodeShippingAddressList } from './decode.js';
import {
  type AmazonPayErrorInit,
  AmazonPayMalformedResponseError,
  AmazonPayRedirectError,
  AmazonPayResponseValidationError,
  apiErrorFromResponse,
  type FieldIssue,
  type RequestContext,
} from './errors.js';
import { OPERATION_ROUTES } from './operations.js';
import { unwrapSingle } from './unwrap.js';
import { answersWithoutBody, checkResponseBody } from './validation.js';

/** The answer that ended a call, with its body read whole, and what the call learnt on the way. */
export interface Exchange {
  readonly operationId: OperationId;
  readonly status: number;
  readonly headers: Headers;
  /** The body exactly as received. */
  readonly rawBody: string;
  readonly retries: number;
  /** An earlier attempt may have acted (see `CallOutcome.uncertain`). */
  readonly uncertain: boolean;
  readonly durationMs: number;
  /** The request it answered; called only when an error is raised. */
  readonly context: () => RequestContext;
}

/** The decoded result of a 2xx, and where it differs from the spec (in `warn` mode; else empty). */
export interface Result {
  readonly data: unknown;
  readonly issues: readonly FieldIssue[];
}

/**
 * The response rules of every door, in one place: a 3xx is `AmazonPayRedirectError` (never
 * followed); any other non-2xx the typed API error for its status; a 2xx that is empty (where the
 * spec has content), not JSON or not `application/json` is `AmazonPayMalformedResponseError` in
 * every mode; else the JSON is checked against the spec (`mode`), `shippingAddressList` decoded and
 * a one-entry wrapper unwrapped. `strict` throws on a mismatch; `warn` returns it in `issues`.
 */
export function resultOf(exchange: Exchange, mode: ValidationMode): Result {
  const { operationId, status, headers, rawBody } = exchange;
  if (status >= 300 && status < 400) {
    throw new AmazonPayRedirectError({
      ...exchange.context(),
      status,
      location: headers.get('location') ?? undefined,
      retries: exchange.retries,
    });
  }
  // What errors say about the answer; built only when one is raised.
  const answer = (): AmazonPayErrorInit & { status: number; rawBody: string } => ({
    ...exchange.context(),
    status,
    headers,
    requestId: headers.get('x-amz-pay-request-id') ?? undefined,
    rawBody,
    retries: exchange.retries,
    durationMs: exchange.durationMs,
  });
  if (status < 200 || status >= 300) {
    // A refusal after a lost reply or a 5xx may answer a request that already acted.
    throw apiErrorFromResponse({ ...answer(), mayHaveSucceeded: status >= 500 || exchange.uncertain });
  }
  // The spec's success without content (204): the empty body is the answer, the result undefined.
  if (isBlank(rawBody) && answersWithoutBody(operationId)) return { data: undefined, issues: [] };
  // A 2xx that is not the operation's JSON is no result at all, in every validation mode: Amazon
  // may have acted, and only a repeat with the same idempotency key tells the outcome.
  const malformed = malformedBody(headers.get('content-type'), rawBody);
  let data: unknown;
  if (malformed === undefined) {
    try {
      data = JSON.parse(rawBody);
    } catch {
      data = undefined;
    }
  }
  // Every answer of Amazon Pay with content is a JSON object: `null`, an array or a scalar is no
  // result (a proxy's or a stub's), whatever the validation mode — a capture must not resolve to null.
  const notAnObject =
    malformed === undefined &&
    data !== undefined &&
    (data === null || typeof data !== 'object' || Array.isArray(data));
  if (malformed !== undefined || data === undefined || notAnObject) {
    throw new AmazonPayMalformedResponseError({
      ...answer(),
      issues: [
        {
          path: '(body)',
          message: malformed ?? (notAnObject ? `is JSON ${jsonKind(data)}, not an object` : 'is not JSON'),
        },
      ],
    });
  }
  const issues = mode === 'off' ? [] : checkResponseBody(operationId, data);
  issues.push(...decodeShippingAddressList(data));
  // Driven by the generated route (`x-unwrap-single` in the spec): Get Report Schedule By Id.
  const unwrapKey = (
    OPERATION_ROUTES[operationId as keyof typeof OPERATION_ROUTES] as { unwrapSingle?: string }
  ).unwrapSingle;
  if (unwrapKey !== undefined) {
    const unwrapped = unwrapSingle(unwrapKey, data);
    data = unwrapped.data;
    issues.push(...unwrapped.issues);
  }
  if (issues.length > 0 && mode === 'strict') {
    throw new AmazonPayResponseValidationError({ ...answer(), issues, data });
  }
  return { data, issues: mode === 'warn' ? issues : [] };
}

const NOT_BLANK = /\S/;

/** What a parsed JSON value is, for a message (never the value itself). */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Empty or only whitespace, without copying a long body as `trim()` may. */
function isBlank(text: string): boolean {
  return text.length === 0 || !NOT_BLANK.test(text);
}

/** Why a 2xx body is not an operation's JSON answer, or undefined when it may be one. */
function malformedBody(contentType: string | null, rawBody: string): string | undefined {
  if (isBlank(rawBody)) return 'is empty';
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json')) {
    return `has content-type ${type ?? '(none)'}, not application/json`;
  }
  return undefined;
}
