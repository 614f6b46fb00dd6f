/** Issue found by a schema check: where (dotted path into the object) and what. */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `paymentDetails.chargeAmount.amount`; `(root)` for the whole value. */
  readonly path: string;
  readonly message: string;
}

/** What every response-derived error carries (see `ResponseMetadata`). */
export interface ErrorResponseInfo {
  readonly status: number;
  readonly headers: Headers;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly retries: number;
  readonly durationMs: number;
}

/** Base class of every error this package throws; `instanceof AmazonPayError` catches them all. */
export class AmazonPayError extends Error {
  override readonly name: string = 'AmazonPayError';
}

/** The client configuration is unusable (unknown region, missing key id, bad key…). Thrown by the constructor. */
export class AmazonPayConfigError extends AmazonPayError {
  override readonly name = 'AmazonPayConfigError';
  /** The configuration field at fault, e.g. `region` or `privateKey`. */
  readonly field: string;
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
  }
}

/** A call's input was rejected before anything was sent: bad id, missing or malformed body field, bad option. */
export class AmazonPayRequestValidationError extends AmazonPayError {
  override readonly name = 'AmazonPayRequestValidationError';
  readonly operationId: string;
  readonly issues: readonly FieldIssue[];
  constructor(operationId: string, issues: readonly FieldIssue[]) {
    super(`${operationId}: invalid request: ${formatIssues(issues)}`);
    this.operationId = operationId;
    this.issues = issues;
  }
}

/**
 * A 2xx response did not match the operation's response schema (`validateResponses: 'strict'`).
 * The call did reach Amazon and may have had its effect: `data` and `rawBody` hold what came back.
 */
export class AmazonPayResponseValidationError extends AmazonPayError {
  override readonly name = 'AmazonPayResponseValidationError';
  readonly operationId: string;
  readonly issues: readonly FieldIssue[];
  readonly data: unknown;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly retries: number;
  constructor(operationId: string, issues: readonly FieldIssue[], data: unknown, info: ErrorResponseInfo) {
    super(`${operationId}: unexpected response: ${formatIssues(issues)}`);
    this.operationId = operationId;
    this.issues = issues;
    this.data = data;
    this.status = info.status;
    this.requestId = info.requestId;
    this.rawBody = info.rawBody;
    this.retries = info.retries;
  }
}

/** Amazon answered with a non-2xx status. Subclasses narrow it by status; `reasonCode` is Amazon's. */
export class AmazonPayApiError extends AmazonPayError {
  override readonly name: string = 'AmazonPayApiError';
  readonly operationId: string;
  readonly status: number;
  /** Amazon's `reasonCode` (e.g. `InvalidParameterValue`), or `undefined` when the body has none. */
  readonly reasonCode: string | undefined;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly headers: Headers;
  /** How many times the call was retried before this answer (0 = first attempt). */
  readonly retries: number;
  readonly durationMs: number;
  constructor(operationId: string, info: ErrorResponseInfo, reasonCode: string | undefined, message: string) {
    super(`${operationId}: HTTP ${info.status}${reasonCode ? ` ${reasonCode}` : ''}: ${message}`);
    this.operationId = operationId;
    this.status = info.status;
    this.reasonCode = reasonCode;
    this.requestId = info.requestId;
    this.rawBody = info.rawBody;
    this.headers = info.headers;
    this.retries = info.retries;
    this.durationMs = info.durationMs;
  }
}

/** 400: Amazon rejected the request (invalid parameter, state not allowed, amount too high…). */
export class AmazonPayInvalidRequestError extends AmazonPayApiError {
  override readonly name = 'AmazonPayInvalidRequestError';
}
/** 401 or 403: signature, key id or delegated auth token not accepted. */
export class AmazonPayAuthenticationError extends AmazonPayApiError {
  override readonly name = 'AmazonPayAuthenticationError';
}
/** 404: no such checkout session, charge, refund… */
export class AmazonPayNotFoundError extends AmazonPayApiError {
  override readonly name = 'AmazonPayNotFoundError';
}
/** 409: conflict, e.g. an idempotency key reused with a different body. */
export class AmazonPayConflictError extends AmazonPayApiError {
  override readonly name = 'AmazonPayConflictError';
}
/** 429: throttled, still after every retry. */
export class AmazonPayRateLimitError extends AmazonPayApiError {
  override readonly name = 'AmazonPayRateLimitError';
}
/** 5xx: Amazon's side failed, still after every retry. */
export class AmazonPayServiceError extends AmazonPayApiError {
  override readonly name = 'AmazonPayServiceError';
}

/** No response arrived (DNS, connection refused or reset, TLS…), after every retry. `cause` holds the fetch error. */
export class AmazonPayNetworkError extends AmazonPayError {
  override readonly name = 'AmazonPayNetworkError';
  readonly retries: number;
  constructor(message: string, retries: number, options: { cause: unknown }) {
    super(message, options);
    this.retries = retries;
  }
}

/** `timeoutMs` elapsed before the call finished (attempts and waits between them included). */
export class AmazonPayTimeoutError extends AmazonPayError {
  override readonly name = 'AmazonPayTimeoutError';
  readonly timeoutMs: number;
  readonly retries: number;
  constructor(timeoutMs: number, retries: number, options?: { cause?: unknown }) {
    super(
      `no answer within ${timeoutMs} ms (after ${retries} ${retries === 1 ? 'retry' : 'retries'})`,
      options,
    );
    this.timeoutMs = timeoutMs;
    this.retries = retries;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AmazonPayAbortError extends AmazonPayError {
  override readonly name = 'AmazonPayAbortError';
  readonly retries: number;
  constructor(retries: number, options?: { cause?: unknown }) {
    super('the call was aborted by its AbortSignal', options);
    this.retries = retries;
  }
}

const API_ERROR_BY_STATUS: Readonly<Record<number, typeof AmazonPayApiError>> = {
  400: AmazonPayInvalidRequestError,
  401: AmazonPayAuthenticationError,
  403: AmazonPayAuthenticationError,
  404: AmazonPayNotFoundError,
  409: AmazonPayConflictError,
  429: AmazonPayRateLimitError,
};

/** Builds the typed error for a non-2xx answer from its status and Amazon's `{ reasonCode, message }` body. */
export function apiErrorFromResponse(operationId: string, info: ErrorResponseInfo): AmazonPayApiError {
  let reasonCode: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(info.rawBody);
    if (parsed && typeof parsed === 'object') {
      const body = parsed as { reasonCode?: unknown; message?: unknown };
      if (typeof body.reasonCode === 'string') reasonCode = body.reasonCode;
      if (typeof body.message === 'string') message = body.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the raw body stays available on the error.
  }
  const ErrorClass =
    API_ERROR_BY_STATUS[info.status] ?? (info.status >= 500 ? AmazonPayServiceError : AmazonPayApiError);
  return new ErrorClass(operationId, info, reasonCode, message ?? (info.rawBody.slice(0, 200) || 'no body'));
}

export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
