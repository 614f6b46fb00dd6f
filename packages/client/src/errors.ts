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
  /** The request it answered. */
  readonly context?: RequestContext;
}

/**
 * Where an error happened, on every error raised after a request left: enough to retry safely
 * (`idempotencyKey`) and to find the call in logs. `url` never holds credentials.
 */
export interface RequestContext {
  readonly operationId?: string | undefined;
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

/** Base class of every error this package throws; `instanceof AmazonPayError` catches them all. */
export class AmazonPayError extends Error {
  override readonly name: string = 'AmazonPayError';
  /** The operation, when the error belongs to one (undefined for configuration errors). */
  operationId: string | undefined;
  /** HTTP method of the request that left, if one did. */
  method: string | undefined;
  /** URL of that request, without user info or delegated tokens. */
  url: string | undefined;
  /**
   * `x-amz-pay-idempotency-key` the request carried. Call again with `{ idempotencyKey: err.idempotencyKey }`
   * and the same arguments: Amazon replays the first result instead of acting twice.
   */
  idempotencyKey: string | undefined;
  /**
   * Whether the effect (charge, capture, refund…) may have happened although this error was raised.
   * `false`: nothing happened (refused before sending, or refused by Amazon). `true`: unknown; call
   * again with the same `idempotencyKey` (or read the object) to learn the outcome without acting twice.
   */
  mayHaveSucceeded = false;

  /** Fills the request context where it is still missing; returns the error. */
  withContext(context: RequestContext): this {
    this.operationId ??= context.operationId;
    this.method ??= context.method;
    this.url ??= context.url;
    this.idempotencyKey ??= context.idempotencyKey;
    return this;
  }
}

/** The client configuration is unusable (unknown region, missing key id, bad key…). Thrown by the constructor. */
export class AmazonPayConfigError extends AmazonPayError {
  override readonly name = 'AmazonPayConfigError';
  /** The configuration field at fault, e.g. `region` or `privateKey`. */
  readonly field: string;
  /** Names the field at fault and what is wrong with it. */
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
  }
}

/** A call's input was rejected before anything was sent: bad id, missing or malformed body field, bad option. */
export class AmazonPayRequestValidationError extends AmazonPayError {
  override readonly name = 'AmazonPayRequestValidationError';
  readonly issues: readonly FieldIssue[];
  /** Lists what is wrong with the request of `operationId`. */
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
  override readonly name: string = 'AmazonPayResponseValidationError';
  readonly issues: readonly FieldIssue[];
  readonly data: unknown;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly retries: number;
  /** Lists where the decoded body of `operationId`'s response differs from the spec. */
  constructor(operationId: string, issues: readonly FieldIssue[], data: unknown, info: ErrorResponseInfo) {
    super(`${operationId}: unexpected response: ${formatIssues(issues)}`);
    this.operationId = operationId;
    this.issues = issues;
    this.data = data;
    this.status = info.status;
    this.requestId = info.requestId;
    this.rawBody = info.rawBody;
    this.retries = info.retries;
    // A 2xx came back: Amazon acted.
    this.mayHaveSucceeded = true;
    if (info.context) this.withContext(info.context);
  }
}

/**
 * A 2xx whose body is not the operation's JSON: empty, not JSON, or not `application/json`
 * (a proxy's page, a cut-off reply). Raised in every validation mode. Amazon may have acted:
 * call again with `idempotencyKey` to get the real result.
 */
export class AmazonPayMalformedResponseError extends AmazonPayResponseValidationError {
  override readonly name = 'AmazonPayMalformedResponseError';
}

/**
 * A 3xx answer. Redirects are never followed: a payment call must not turn into a request to
 * another host (which would also receive the signed headers). `location` names where it pointed.
 */
export class AmazonPayRedirectError extends AmazonPayError {
  override readonly name = 'AmazonPayRedirectError';
  readonly status: number;
  /** The `Location` header, or undefined when absent. */
  readonly location: string | undefined;
  readonly retries: number;
  /** Describes the redirect that was not followed. */
  constructor(status: number, location: string | undefined, retries: number, context: RequestContext) {
    super(
      `${context.operationId ?? context.method ?? 'request'}: HTTP ${status} redirect to ${location ?? '(no location)'} not followed; check baseUrl`,
    );
    this.status = status;
    this.location = location;
    this.retries = retries;
    this.mayHaveSucceeded = true;
    this.withContext(context);
  }
}

/** Amazon answered with a non-2xx status. Subclasses narrow it by status; `reasonCode` is Amazon's. */
export class AmazonPayApiError extends AmazonPayError {
  override readonly name: string = 'AmazonPayApiError';
  readonly status: number;
  /** Amazon's `reasonCode` (e.g. `InvalidParameterValue`), or `undefined` when the body has none. */
  readonly reasonCode: string | undefined;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly headers: Headers;
  /** How many times the call was retried before this answer (0 = first attempt). */
  readonly retries: number;
  readonly durationMs: number;
  /** Builds the error from Amazon's answer: status, reason code and message. */
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
    // 4xx: Amazon refused, nothing happened. 5xx: the outcome is unknown.
    this.mayHaveSucceeded = info.status >= 500;
    if (info.context) this.withContext(info.context);
  }
}

/** 400: Amazon rejected the request (invalid parameter, missing header, amount or count limit exceeded…). */
export class AmazonPayInvalidRequestError extends AmazonPayApiError {
  override readonly name: string = 'AmazonPayInvalidRequestError';
}
/**
 * 400 `DuplicateIdempotencyKey`: the key was already used for a different request (method, path or
 * body differ). The first request's effect stands; use a new key for a new request.
 */
export class AmazonPayDuplicateIdempotencyKeyError extends AmazonPayInvalidRequestError {
  override readonly name = 'AmazonPayDuplicateIdempotencyKeyError';
}
/** 401 or 403: signature, key id or delegated auth token not accepted. */
export class AmazonPayAuthenticationError extends AmazonPayApiError {
  override readonly name = 'AmazonPayAuthenticationError';
}
/** 404: no such checkout session, charge, refund… */
export class AmazonPayNotFoundError extends AmazonPayApiError {
  override readonly name = 'AmazonPayNotFoundError';
}
/**
 * 409: conflict with an existing object. No Amazon Pay operation is documented to answer 409 (a
 * second report schedule of a type is refused with an unverified status, not 409); kept so an
 * undocumented 409 still gets its own class.
 */
export class AmazonPayConflictError extends AmazonPayApiError {
  override readonly name = 'AmazonPayConflictError';
}
/**
 * 422: the request was understood but not allowed in the object's state (`InvalidChargeStatus`,
 * `InvalidCheckoutSessionStatus`…) or the payment was declined (`HardDeclined`, `SoftDeclined`,
 * `AmazonRejected`, `TransactionTimedOut`). Branch on `reasonCode`.
 */
export class AmazonPayUnprocessableError extends AmazonPayApiError {
  override readonly name = 'AmazonPayUnprocessableError';
}
/** 429: throttled, still after every retry. */
export class AmazonPayRateLimitError extends AmazonPayApiError {
  override readonly name = 'AmazonPayRateLimitError';
}
/** 5xx: Amazon's side failed, still after every retry. */
export class AmazonPayServiceError extends AmazonPayApiError {
  override readonly name = 'AmazonPayServiceError';
}

/**
 * No complete response arrived (DNS, connection refused or reset, TLS, a reply cut off mid-body),
 * after every retry. `cause` holds the fetch error. `mayHaveSucceeded` is true when a request may
 * have reached the server.
 */
export class AmazonPayNetworkError extends AmazonPayError {
  override readonly name = 'AmazonPayNetworkError';
  readonly retries: number;
  /** Wraps the fetch error (`cause`) of the last attempt. */
  constructor(
    message: string,
    retries: number,
    options: { cause: unknown; mayHaveSucceeded?: boolean; context?: RequestContext },
  ) {
    super(message, { cause: options.cause });
    this.retries = retries;
    this.mayHaveSucceeded = options.mayHaveSucceeded ?? true;
    if (options.context) this.withContext(options.context);
  }
}

/**
 * The call's deadline (`timeoutMs`, attempts and waits included) passed, or the last attempt
 * exceeded `attemptTimeoutMs`. The request may have reached Amazon.
 */
export class AmazonPayTimeoutError extends AmazonPayError {
  override readonly name = 'AmazonPayTimeoutError';
  readonly timeoutMs: number;
  readonly retries: number;
  /** Names the deadline that passed and the retries made before it. */
  constructor(
    timeoutMs: number,
    retries: number,
    options?: { cause?: unknown; context?: RequestContext; what?: string },
  ) {
    super(
      `${options?.what ?? 'no answer'} within ${timeoutMs} ms (after ${retries} ${retries === 1 ? 'retry' : 'retries'})`,
      { cause: options?.cause },
    );
    this.timeoutMs = timeoutMs;
    this.retries = retries;
    this.mayHaveSucceeded = true;
    if (options?.context) this.withContext(options.context);
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AmazonPayAbortError extends AmazonPayError {
  override readonly name = 'AmazonPayAbortError';
  readonly retries: number;
  /** Carries the signal's reason as `cause`; `sent` says whether a request had left. */
  constructor(retries: number, options?: { cause?: unknown; context?: RequestContext; sent?: boolean }) {
    super('the call was aborted by its AbortSignal', { cause: options?.cause });
    this.retries = retries;
    this.mayHaveSucceeded = options?.sent ?? true;
    if (options?.context) this.withContext(options.context);
  }
}

const API_ERROR_BY_STATUS: Readonly<Record<number, typeof AmazonPayApiError>> = {
  400: AmazonPayInvalidRequestError,
  401: AmazonPayAuthenticationError,
  403: AmazonPayAuthenticationError,
  404: AmazonPayNotFoundError,
  409: AmazonPayConflictError,
  422: AmazonPayUnprocessableError,
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
    info.status === 400 && reasonCode === 'DuplicateIdempotencyKey'
      ? AmazonPayDuplicateIdempotencyKeyError
      : (API_ERROR_BY_STATUS[info.status] ??
        (info.status >= 500 ? AmazonPayServiceError : AmazonPayApiError));
  return new ErrorClass(operationId, info, reasonCode, message ?? (info.rawBody.slice(0, 200) || 'no body'));
}

export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
