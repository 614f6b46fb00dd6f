/** Issue found by a schema check: where (dotted path into the object) and what. */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `paymentDetails.chargeAmount.amount`; `(root)` for the whole value. */
  readonly path: string;
  readonly message: string;
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

/**
 * What every error class of this package is built from (one shape for all, as stripe-node's errors
 * take one raw object): the request it belongs to, what came back, and the class's own fields. Every
 * field is optional; each class fills in its message and `code` when they are not given.
 */
export interface AmazonPayErrorInit extends RequestContext {
  /** Replaces the message the class would write. */
  readonly message?: string | undefined;
  /** Replaces the class's code (configuration errors carry the signer's code, e.g. `KEY_FILE_NOT_FOUND`). */
  readonly code?: string | undefined;
  readonly cause?: unknown;
  /** See {@link AmazonPayError.mayHaveSucceeded}; each class has its default. */
  readonly mayHaveSucceeded?: boolean | undefined;
  /** HTTP status of the answer. */
  readonly status?: number | undefined;
  /** Amazon's `reasonCode`. */
  readonly reasonCode?: string | undefined;
  /** `x-amz-pay-request-id` of the answer. */
  readonly requestId?: string | undefined;
  readonly headers?: Headers | undefined;
  /** The answer's body as received. */
  readonly rawBody?: string | undefined;
  /** Retries made before this error (0 = first attempt). */
  readonly retries?: number | undefined;
  /** Wall time of the whole call. */
  readonly durationMs?: number | undefined;
  /** The configuration field at fault. */
  readonly field?: string | undefined;
  /** What is wrong with a request or response body. */
  readonly issues?: readonly FieldIssue[] | undefined;
  /** The decoded 2xx body a response validation error refers to. */
  readonly data?: unknown;
  /** A redirect's `Location`. */
  readonly location?: string | undefined;
  /** The deadline that passed. */
  readonly timeoutMs?: number | undefined;
}

/** Base class of every error this package throws; `instanceof AmazonPayError` catches them all. */
export class AmazonPayError extends Error {
  /** The `code` an error of this class carries unless its init names another. */
  static readonly code: string = 'AMAZON_PAY_ERROR';
  override readonly name: string = 'AmazonPayError';
  /**
   * What kind of error this is, stable across releases (branch on it where `instanceof` cannot
   * work, e.g. an error from the other of the ESM and CommonJS copies): `INVALID_CONFIG` or the
   * signer's code for configuration errors, `REQUEST_VALIDATION`, `RESPONSE_VALIDATION`,
   * `MALFORMED_RESPONSE`, `REDIRECT`, `API_ERROR` and its subclasses' codes (`INVALID_REQUEST`,
   * `DUPLICATE_IDEMPOTENCY_KEY`, `AUTHENTICATION`, `NOT_FOUND`, `CONFLICT`, `UNPROCESSABLE`,
   * `RATE_LIMITED`, `SERVICE_ERROR`), `NETWORK`, `TIMEOUT`, `ABORTED`.
   */
  readonly code: string;
  /** The operation, when the error belongs to one (undefined for configuration errors). */
  readonly operationId: string | undefined;
  /** HTTP method of the request that left, if one did. */
  readonly method: string | undefined;
  /** URL of that request, without user info or delegated tokens. */
  readonly url: string | undefined;
  /**
   * `x-amz-pay-idempotency-key` the request carried. Call again with `{ idempotencyKey: err.idempotencyKey }`
   * and the same arguments: Amazon replays the first result instead of acting twice.
   */
  readonly idempotencyKey: string | undefined;
  /**
   * Whether the effect (charge, capture, refund…) may have happened although this error was raised.
   * `false`: nothing happened (refused before sending, or refused by Amazon). `true`: unknown; call
   * again with the same `idempotencyKey` (or read the object) to learn the outcome without acting twice.
   */
  readonly mayHaveSucceeded: boolean;

  /** Builds the error from {@link AmazonPayErrorInit}. */
  constructor(init: AmazonPayErrorInit = {}) {
    super(
      init.message ?? 'Amazon Pay client error',
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.code = init.code ?? (new.target as typeof AmazonPayError).code;
    this.operationId = init.operationId;
    this.method = init.method;
    this.url = init.url;
    this.idempotencyKey = init.idempotencyKey;
    this.mayHaveSucceeded = init.mayHaveSucceeded ?? false;
  }
}

/** The client configuration is unusable (unknown region, missing key id, bad key…). Thrown by the constructor. */
export class AmazonPayConfigError extends AmazonPayError {
  static override readonly code: string = 'INVALID_CONFIG';
  override readonly name = 'AmazonPayConfigError';
  /** The configuration field at fault, e.g. `region` or `privateKey`. */
  readonly field: string;
  /** Names the field at fault (`field`) and what is wrong with it (`message`). */
  constructor(init: AmazonPayErrorInit) {
    const field = init.field ?? 'config';
    super({ ...init, message: init.message ?? `${field} is invalid` });
    this.field = field;
  }
}

/** A call's input was rejected before anything was sent: bad id, missing or malformed body field, bad option. */
export class AmazonPayRequestValidationError extends AmazonPayError {
  static override readonly code: string = 'REQUEST_VALIDATION';
  override readonly name = 'AmazonPayRequestValidationError';
  readonly issues: readonly FieldIssue[];
  /** Lists what is wrong with the request of `operationId` (`issues`). */
  constructor(init: AmazonPayErrorInit) {
    const issues = init.issues ?? [];
    super({
      ...init,
      message: init.message ?? `${init.operationId ?? 'request'}: invalid request: ${formatIssues(issues)}`,
      mayHaveSucceeded: false,
    });
    this.issues = issues;
  }
}

/**
 * A 2xx response did not match the operation's response schema (`validateResponses: 'strict'`).
 * The call did reach Amazon and may have had its effect: `data` and `rawBody` hold what came back.
 */
export class AmazonPayResponseValidationError extends AmazonPayError {
  static override readonly code: string = 'RESPONSE_VALIDATION';
  override readonly name: string = 'AmazonPayResponseValidationError';
  readonly issues: readonly FieldIssue[];
  readonly data: unknown;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly rawBody: string;
  readonly retries: number;
  /** Lists where the body of `operationId`'s 2xx answer differs from the spec (`issues`). */
  constructor(init: AmazonPayErrorInit) {
    const issues = init.issues ?? [];
    super({
      // A 2xx came back: Amazon acted.
      mayHaveSucceeded: true,
      ...init,
      message:
        init.message ?? `${init.operationId ?? 'response'}: unexpected response: ${formatIssues(issues)}`,
    });
    this.issues = issues;
    this.data = init.data;
    this.status = init.status ?? 0;
    this.requestId = init.requestId;
    this.rawBody = init.rawBody ?? '';
    this.retries = init.retries ?? 0;
  }
}

/**
 * A 2xx whose body is not the operation's JSON: empty, not JSON, or not `application/json`
 * (a proxy's page, a cut-off reply). Raised in every validation mode. Amazon may have acted:
 * call again with `idempotencyKey` to get the real result.
 */
export class AmazonPayMalformedResponseError extends AmazonPayResponseValidationError {
  static override readonly code: string = 'MALFORMED_RESPONSE';
  override readonly name = 'AmazonPayMalformedResponseError';
}

/**
 * A 3xx answer. Redirects are never followed: a payment call must not turn into a request to
 * another host (which would also receive the signed headers). `location` names where it pointed.
 */
export class AmazonPayRedirectError extends AmazonPayError {
  static override readonly code: string = 'REDIRECT';
  override readonly name = 'AmazonPayRedirectError';
  readonly status: number;
  /** The `Location` header, or undefined when absent. */
  readonly location: string | undefined;
  readonly retries: number;
  /** Describes the redirect (`status`, `location`) that was not followed. */
  constructor(init: AmazonPayErrorInit) {
    super({
      mayHaveSucceeded: true,
      ...init,
      message:
        init.message ??
        `${init.operationId ?? init.method ?? 'request'}: HTTP ${init.status} redirect to ${init.location ?? '(no location)'} not followed; check baseUrl`,
    });
    this.status = init.status ?? 0;
    this.location = init.location;
    this.retries = init.retries ?? 0;
  }
}

/** Amazon answered with a non-2xx status. Subclasses narrow it by status; `reasonCode` is Amazon's. */
export class AmazonPayApiError extends AmazonPayError {
  static override readonly code: string = 'API_ERROR';
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
  /** Builds the error from Amazon's answer (`status`, `reasonCode`, `rawBody`…); see {@link apiErrorFromResponse}. */
  constructor(init: AmazonPayErrorInit) {
    const status = init.status ?? 0;
    super({
      // 4xx: Amazon refused, nothing happened. 5xx: the outcome is unknown.
      mayHaveSucceeded: status >= 500,
      ...init,
      message:
        init.message ??
        `${init.operationId ?? 'request'}: HTTP ${status}${init.reasonCode ? ` ${init.reasonCode}` : ''}`,
    });
    this.status = status;
    this.reasonCode = init.reasonCode;
    this.requestId = init.requestId;
    this.rawBody = init.rawBody ?? '';
    this.headers = init.headers ?? new Headers();
    this.retries = init.retries ?? 0;
    this.durationMs = init.durationMs ?? 0;
  }
}

/** 400: Amazon rejected the request (invalid parameter, missing header, amount or count limit exceeded…). */
export class AmazonPayInvalidRequestError extends AmazonPayApiError {
  static override readonly code: string = 'INVALID_REQUEST';
  override readonly name: string = 'AmazonPayInvalidRequestError';
}
/**
 * 400 `DuplicateIdempotencyKey`: the key was already used for a different request (method, path or
 * body differ). The first request's effect stands; use a new key for a new request.
 */
export class AmazonPayDuplicateIdempotencyKeyError extends AmazonPayInvalidRequestError {
  static override readonly code: string = 'DUPLICATE_IDEMPOTENCY_KEY';
  override readonly name = 'AmazonPayDuplicateIdempotencyKeyError';
}
/** 401 or 403: signature, key id or delegated auth token not accepted. */
export class AmazonPayAuthenticationError extends AmazonPayApiError {
  static override readonly code: string = 'AUTHENTICATION';
  override readonly name = 'AmazonPayAuthenticationError';
}
/** 404: no such checkout session, charge, refund… */
export class AmazonPayNotFoundError extends AmazonPayApiError {
  static override readonly code: string = 'NOT_FOUND';
  override readonly name = 'AmazonPayNotFoundError';
}
/**
 * 409: conflict with an existing object. No Amazon Pay operation is documented to answer 409 (a
 * second report schedule of a type is refused with an unverified status, not 409); kept so an
 * undocumented 409 still gets its own class.
 */
export class AmazonPayConflictError extends AmazonPayApiError {
  static override readonly code: string = 'CONFLICT';
  override readonly name = 'AmazonPayConflictError';
}
/**
 * 422: the request was understood but not allowed in the object's state (`InvalidChargeStatus`,
 * `InvalidCheckoutSessionStatus`…) or the payment was declined (`HardDeclined`, `SoftDeclined`,
 * `AmazonRejected`, `TransactionTimedOut`). Branch on `reasonCode`.
 */
export class AmazonPayUnprocessableError extends AmazonPayApiError {
  static override readonly code: string = 'UNPROCESSABLE';
  override readonly name = 'AmazonPayUnprocessableError';
}
/** 429: throttled, still after every retry. */
export class AmazonPayRateLimitError extends AmazonPayApiError {
  static override readonly code: string = 'RATE_LIMITED';
  override readonly name = 'AmazonPayRateLimitError';
}
/** 5xx: Amazon's side failed, still after every retry. */
export class AmazonPayServiceError extends AmazonPayApiError {
  static override readonly code: string = 'SERVICE_ERROR';
  override readonly name = 'AmazonPayServiceError';
}

/**
 * No complete response arrived (DNS, connection refused or reset, TLS, a reply cut off mid-body),
 * after every retry. `cause` holds the fetch error. `mayHaveSucceeded` is true when a request may
 * have reached the server.
 */
export class AmazonPayNetworkError extends AmazonPayError {
  static override readonly code: string = 'NETWORK';
  override readonly name = 'AmazonPayNetworkError';
  readonly retries: number;
  /** Wraps the fetch error (`cause`) of the last attempt. */
  constructor(init: AmazonPayErrorInit) {
    super({ mayHaveSucceeded: true, ...init, message: init.message ?? 'network failure' });
    this.retries = init.retries ?? 0;
  }
}

/**
 * The call's deadline (`timeoutMs`, attempts and waits included) passed, or the last attempt
 * exceeded `attemptTimeoutMs`. The request may have reached Amazon.
 */
export class AmazonPayTimeoutError extends AmazonPayError {
  static override readonly code: string = 'TIMEOUT';
  override readonly name = 'AmazonPayTimeoutError';
  readonly timeoutMs: number;
  readonly retries: number;
  /** Names the deadline that passed (`timeoutMs`) and the retries made before it. */
  constructor(init: AmazonPayErrorInit) {
    const retries = init.retries ?? 0;
    super({
      mayHaveSucceeded: true,
      ...init,
      message:
        init.message ??
        `no answer within ${init.timeoutMs} ms (after ${retries} ${retries === 1 ? 'retry' : 'retries'})`,
    });
    this.timeoutMs = init.timeoutMs ?? 0;
    this.retries = retries;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AmazonPayAbortError extends AmazonPayError {
  static override readonly code: string = 'ABORTED';
  override readonly name = 'AmazonPayAbortError';
  readonly retries: number;
  /** Carries the signal's reason as `cause`; `mayHaveSucceeded` says whether a request had left. */
  constructor(init: AmazonPayErrorInit = {}) {
    super({
      mayHaveSucceeded: true,
      ...init,
      message: init.message ?? 'the call was aborted by its AbortSignal',
    });
    this.retries = init.retries ?? 0;
  }
}

type ApiErrorClass = new (init: AmazonPayErrorInit) => AmazonPayApiError;

const API_ERROR_BY_STATUS: Readonly<Record<number, ApiErrorClass>> = {
  400: AmazonPayInvalidRequestError,
  401: AmazonPayAuthenticationError,
  403: AmazonPayAuthenticationError,
  404: AmazonPayNotFoundError,
  409: AmazonPayConflictError,
  422: AmazonPayUnprocessableError,
  429: AmazonPayRateLimitError,
};

/**
 * The typed error for a non-2xx answer (the one factory that picks the class): by `status`, and
 * Amazon's `{ reasonCode, message }` read from `rawBody`. The rest of `init` is passed through.
 */
export function apiErrorFromResponse(
  init: AmazonPayErrorInit & { status: number; rawBody: string },
): AmazonPayApiError {
  let reasonCode: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(init.rawBody);
    if (parsed && typeof parsed === 'object') {
      const body = parsed as { reasonCode?: unknown; message?: unknown };
      if (typeof body.reasonCode === 'string') reasonCode = body.reasonCode;
      if (typeof body.message === 'string') message = body.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the raw body stays available on the error.
  }
  const { status } = init;
  const ErrorClass =
    status === 400 && reasonCode === 'DuplicateIdempotencyKey'
      ? AmazonPayDuplicateIdempotencyKeyError
      : (API_ERROR_BY_STATUS[status] ?? (status >= 500 ? AmazonPayServiceError : AmazonPayApiError));
  const what = message ?? (init.rawBody.slice(0, 200) || 'no body');
  return new ErrorClass({
    ...init,
    reasonCode,
    message: `${init.operationId ?? 'request'}: HTTP ${status}${reasonCode ? ` ${reasonCode}` : ''}: ${what}`,
  });
}

/** `path: message; path: message`, as error messages list issues. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
