import { createSigner, type Signer, SignerError } from '@amazon-pay-ts/signer';
import type { OperationId } from '@amazon-pay-ts/types';
import createClient from 'openapi-fetch';
import { checkAmounts } from './amount-rules.js';
import type { ApiClient, ApiPaths } from './api.js';
import { type ButtonPayload, checkButtonPayload } from './button-payload.js';
import {
  type ClientConfig,
  type Logger,
  type ResolvedConfig,
  resolveConfig,
  type SignatureAlgorithm,
} from './config.js';
import { datesToWire } from './dates.js';
import { decodeShippingAddressList } from './decode.js';
import type { Environment, Region } from './endpoint.js';
import {
  AmazonPayAbortError,
  AmazonPayConfigError,
  AmazonPayError,
  AmazonPayMalformedResponseError,
  AmazonPayNetworkError,
  AmazonPayRedirectError,
  AmazonPayRequestValidationError,
  AmazonPayResponseValidationError,
  AmazonPayTimeoutError,
  apiErrorFromResponse,
  type FieldIssue,
  type RequestContext,
} from './errors.js';
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  idempotencyMiddleware,
  newIdempotencyKey,
} from './idempotency.js';
import { checkId } from './ids.js';
import type { CommonWithResponse } from './methods.js';
import { OPERATION_ROUTES } from './operations.js';
import { serializePath } from './path.js';
import { normalizeQuery, type QueryValue, queryString, toWireQuery } from './query.js';
import {
  createRetryingFetch,
  createRetryingSend,
  type FetchFunction,
  type PlainReply,
  type RetryEvent,
  type RetryingSend,
} from './retry.js';
import { safeUrl } from './safe-url.js';
import { createSigningFetch } from './signing-fetch.js';
import type { CallOptions, RawRequest, RequestBody, ResponseBody, ResponseMetadata } from './types.js';
import { unwrapSingle } from './unwrap.js';
import { userAgent, userAgentMiddleware } from './user-agent.js';
import {
  answersWithoutBody,
  checkQuery,
  checkRequestBody,
  checkResponseBody,
  validationMiddleware,
} from './validation.js';

/** Internal entry point of every operation method; `withResponse` swaps it for the metadata variant. */
export const CALL = Symbol('amazonPay.call');

type Call = (
  operationId: OperationId,
  ids: readonly unknown[],
  input: unknown,
  options: CallOptions | undefined,
) => Promise<unknown>;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const CALL_OPTION_KEYS = new Set(['idempotencyKey', 'authToken', 'simulationCode', 'signal', 'headers']);

/**
 * What every client shares: configuration, the signing/retrying fetch stack, the raw openapi-fetch
 * client, button signatures and `withResponse`. The operation methods are generated from the spec
 * (generated/operation-methods.ts) into the classes between this one and the clients.
 */
export abstract class ClientBase {
  /** The raw typed openapi-fetch client over the same signing, retrying stack: `client.api.GET('/v2/charges/{chargeId}', …)`. */
  readonly api: ApiClient;
  readonly region: Region;
  readonly environment: Environment | undefined;
  readonly publicKeyId: string;
  /** The URL `/v2/…` paths are appended to. */
  readonly baseUrl: string;

  readonly #config: ResolvedConfig;
  readonly #signer: Signer;
  readonly #transport: RetryingSend;
  /** `baseUrl` without a trailing `/`, as openapi-fetch joins it. */
  readonly #baseUrl: string;
  readonly #userAgent: string;
  readonly #logger: Logger | undefined;
  #withResponse: unknown;

  /** Checks the configuration (throws `AmazonPayConfigError` before any network call) and loads the key. */
  constructor(config: ClientConfig) {
    const resolved = resolveConfig(config);
    this.#config = resolved;
    this.#signer = buildSigner(resolved, config.privateKey);
    // Silent unless the merchant gives a logger: a library must not write to stdout/stderr.
    this.#logger = config.logger;
    this.region = resolved.region;
    this.environment = resolved.environment;
    this.publicKeyId = resolved.publicKeyId;
    this.baseUrl = resolved.baseUrl;

    const logger = this.#logger;
    const retryOptions = {
      ...config.retry,
      // FetchLike only promises what the client reads; undici's Response is one at runtime too.
      fetch: createSigningFetch(this.#signer, config.fetch as FetchFunction | undefined),
      maxRetries: resolved.maxRetries,
      timeoutMs: resolved.timeoutMs,
      attemptTimeoutMs: resolved.attemptTimeoutMs,
      onRetry: (event: RetryEvent) =>
        logger?.debug?.(`retrying ${event.request.method} ${new URL(event.request.url).pathname}`, {
          retry: event.retry,
          delayMs: event.delayMs,
          status: event.status,
        }),
    };
    // The operation methods send plain requests (no openapi-fetch Request, middleware pass or copies);
    // `client.api` is openapi-fetch over the same signing fetch and retry rules.
    this.#transport = createRetryingSend(retryOptions);
    this.#baseUrl = resolved.baseUrl.endsWith('/') ? resolved.baseUrl.slice(0, -1) : resolved.baseUrl;
    this.#userAgent = userAgent(resolved.userAgentSuffix);
    this.api = createClient<ApiPaths>({
      baseUrl: resolved.baseUrl,
      fetch: createRetryingFetch(retryOptions),
      querySerializer: { array: { style: 'form', explode: false } },
      pathSerializer: serializePath,
    });
    this.api.use(
      userAgentMiddleware(resolved.userAgentSuffix),
      idempotencyMiddleware(),
      validationMiddleware({ responses: resolved.validateResponses, logger }),
    );
  }

  /**
   * The same operations, resolving to `{ data, metadata }` where `metadata` holds the status, headers,
   * `requestId`, raw body, retries, duration and idempotency key: `await client.withResponse.getCharge(id)`.
   */
  get withResponse(): CommonWithResponse {
    if (!this.#withResponse) {
      const callWithMetadata: Call = (operationId, ids, input, options) =>
        this.#send(operationId, ids, input, options, true);
      this.#withResponse = Object.create(this, {
        [CALL]: { value: callWithMetadata },
        toJSON: { value: () => this.toJSON() },
        [INSPECT]: { value: () => `${this[INSPECT]()}.withResponse` },
      });
    }
    return this.#withResponse as CommonWithResponse;
  }

  /**
   * Signs a payload for `amazon.Pay.renderButton`: a checkout, recurring, payment-method-on-file,
   * Additional Payment Button or sign-in payload ({@link ButtonPayload}, from the spec), or its JSON
   * text when it is already serialised. It is checked first against its kind's schema, unknown fields
   * included (Amazon shows the buyer an error page for those), rejecting with
   * `AmazonPayRequestValidationError` naming the field. Objects are serialised with `JSON.stringify`;
   * pass the returned `payload` string to the button unchanged, it is exactly what was signed, with
   * `signature` and `algorithm` (Amazon reads a missing `algorithm` as the original scheme, while the
   * client signs with V2 by default). Button signatures have no date: they can be cached.
   */
  generateButtonSignature(
    payload: ButtonPayload | string,
  ): Promise<{ payload: string; signature: string; algorithm: SignatureAlgorithm }> {
    const issues = checkButtonPayload(payload);
    if (issues.length) {
      return Promise.reject(new AmazonPayRequestValidationError('generateButtonSignature', issues));
    }
    return this.#signer.signButtonPayload(payload);
  }

  /** Alias of `deliveryTrackers`, as the .NET SDK names it. */
  sendDeliveryTrackingInformation(
    body: RequestBody<'deliveryTrackers'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'deliveryTrackers'>> {
    return this[CALL]('deliveryTrackers', [], body, options) as Promise<ResponseBody<'deliveryTrackers'>>;
  }

  /** Configuration without secrets, so logging a client is safe. */
  toJSON(): Record<string, unknown> {
    const {
      region,
      environment,
      publicKeyId,
      algorithm,
      baseUrl,
      maxRetries,
      timeoutMs,
      attemptTimeoutMs,
      validateResponses,
    } = this.#config;
    return {
      region,
      environment,
      publicKeyId,
      algorithm,
      baseUrl,
      maxRetries,
      timeoutMs,
      attemptTimeoutMs,
      validateResponses,
    };
  }

  /** What `console.log` and `util.inspect` show: the class name and {@link ClientBase.toJSON}, never the key. */
  [INSPECT](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  /** Runs one operation (what every generated method calls) and resolves to its data. */
  protected [CALL](
    operationId: OperationId,
    ids: readonly unknown[],
    input: unknown,
    options: CallOptions | undefined,
  ): Promise<unknown> {
    return this.#send(operationId, ids, input, options, false).then((result) => result.data);
  }

  async #send(
    operationId: OperationId,
    ids: readonly unknown[],
    input: unknown,
    options: CallOptions | undefined,
    withMetadata: boolean,
  ): Promise<{ data: unknown; metadata?: ResponseMetadata }> {
    const route = OPERATION_ROUTES[operationId as keyof typeof OPERATION_ROUTES];
    const issues: FieldIssue[] = [];
    const pathParams: Record<string, string> = {};
    route.pathParams.forEach((name, index) => {
      const issue = checkId(name, ids[index]);
      if (issue) issues.push(issue);
      else pathParams[name] = ids[index] as string;
    });
    let body: unknown;
    let query: Record<string, string> | undefined;
    if (route.input === 'body') {
      const converted = route.dateTimes.length
        ? datesToWire(input, route.dateTimes)
        : { body: input, issues: [] };
      body = converted.body;
      issues.push(...converted.issues);
      if (converted.issues.length === 0) {
        const bodyIssues = checkRequestBody(operationId, body);
        issues.push(...bodyIssues);
        // Amounts Amazon would refuse (currency decimals, maximum, zero, exponent form): say so now.
        if (bodyIssues.length === 0) issues.push(...checkAmounts(operationId, body));
      }
    } else if (route.input === 'query') {
      const normalized = normalizeQuery(input as Record<string, QueryValue> | undefined);
      issues.push(...normalized.issues);
      query = toWireQuery(normalized.values);
      if (normalized.issues.length === 0) issues.push(...checkQuery(operationId, query));
    }
    const headers = callHeaders(options, issues);
    if (issues.length) throw new AmazonPayRequestValidationError(operationId, issues);

    const url = this.#baseUrl + serializePath(route.path, pathParams) + queryString(query);
    // What openapi-fetch and the client's middleware would send: JSON content type when there is a
    // body (the caller's headers may override it), the user agent, and a fresh idempotency key for
    // a POST without one (kept across retries).
    const sentHeaders: Record<string, string> =
      body === undefined ? headers : { 'content-type': 'application/json', ...headers };
    sentHeaders['user-agent'] = this.#userAgent;
    if (route.method === 'POST' && sentHeaders[IDEMPOTENCY_HEADER] === undefined) {
      sentHeaders[IDEMPOTENCY_HEADER] = newIdempotencyKey();
    }
    const idempotencyKey = sentHeaders[IDEMPOTENCY_HEADER];
    const bodyText = body === undefined ? null : JSON.stringify(body);
    const context = (): RequestContext => ({
      operationId,
      method: route.method,
      url: safeUrl(url),
      idempotencyKey,
    });

    const started = performance.now();
    let reply: PlainReply;
    try {
      reply = await this.#transport({
        method: route.method,
        url,
        headers: sentHeaders,
        body: bodyText,
        signal: options?.signal,
      });
    } catch (error) {
      const failure = this.#transportError(error);
      if (failure instanceof AmazonPayError) failure.withContext(context());
      throw failure;
    }
    const { response, retries, uncertain } = reply;
    const rawBody = reply.body;
    const durationMs = performance.now() - started;
    // What errors and metadata say about the exchange; only built when one of them is.
    const info = () => ({
      status: response.status,
      headers: response.headers,
      requestId: response.headers.get('x-amz-pay-request-id') ?? undefined,
      retries,
      durationMs,
      context: context(),
      rawBody,
    });
    if (response.status >= 300 && response.status < 400) {
      throw new AmazonPayRedirectError(
        response.status,
        response.headers.get('location') ?? undefined,
        retries,
        context(),
      );
    }
    if (!response.ok) {
      const error = apiErrorFromResponse(operationId, info());
      // A refusal after a lost reply or a 5xx may answer a request that already acted.
      if (uncertain) error.mayHaveSucceeded = true;
      throw error;
    }
    const metadata = (validationIssues: readonly FieldIssue[]): ResponseMetadata | undefined => {
      if (!withMetadata) return undefined;
      const { status, headers, requestId, context: sent } = info();
      const sentUrl = sent.url ?? '';
      return {
        operationId,
        status,
        headers,
        requestId,
        retries,
        durationMs,
        rawBody,
        idempotencyKey,
        method: route.method,
        url: sentUrl,
        request: rawRequest(route.method, sentUrl, sentHeaders, bodyText),
        validationIssues,
      };
    };

    // The spec's success without content (204): the empty body is the answer, the result undefined.
    if (isBlank(rawBody) && answersWithoutBody(operationId)) {
      return { data: undefined, metadata: metadata([]) };
    }
    // A 2xx that is not the operation's JSON is no result at all, in every validation mode:
    // Amazon may have acted, and only a repeat with the same idempotency key tells the outcome.
    const malformed = malformedBody(response.headers.get('content-type'), rawBody);
    let data: unknown;
    if (malformed === undefined) {
      try {
        data = JSON.parse(rawBody);
      } catch {
        data = undefined;
      }
    }
    if (malformed !== undefined || data === undefined) {
      throw new AmazonPayMalformedResponseError(
        operationId,
        [{ path: '(body)', message: malformed ?? 'is not JSON' }],
        undefined,
        info(),
      );
    }
    const problems: FieldIssue[] = [];
    const mode = this.#config.validateResponses;
    if (mode !== 'off') problems.push(...checkResponseBody(operationId, data));
    problems.push(...decodeShippingAddressList(data));
    // Driven by the generated route (`x-unwrap-single` in the spec): Get Report Schedule By Id.
    const unwrapSingleField = (route as { unwrapSingle?: string }).unwrapSingle;
    if (unwrapSingleField !== undefined) {
      const unwrapped = unwrapSingle(unwrapSingleField, data);
      data = unwrapped.data;
      problems.push(...unwrapped.issues);
    }
    if (problems.length && mode === 'strict') {
      throw new AmazonPayResponseValidationError(operationId, problems, data, info());
    }
    if (problems.length && mode === 'warn') {
      this.#logger?.warn(`${operationId}: response does not match the spec`, {
        operationId,
        requestId: response.headers.get('x-amz-pay-request-id') ?? undefined,
        issues: problems,
      });
      return { data, metadata: metadata(problems) };
    }
    return { data, metadata: metadata([]) };
  }

  #transportError(error: unknown): unknown {
    if (error instanceof AmazonPayError) return error;
    // The retrying send classifies what fetch reports and reads every body itself; what reaches here
    // is an error it does not retry (thrown by a custom fetch), reported without a retry count.
    const retries = 0;
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError')
      return new AmazonPayTimeoutError(this.#config.timeoutMs, retries, { cause: error });
    if (name === 'AbortError') return new AmazonPayAbortError(retries, { cause: error });
    if (error instanceof TypeError) {
      return new AmazonPayNetworkError(`network failure: ${error.message}`, retries, { cause: error });
    }
    return error;
  }
}

const NOT_BLANK = /\S/;

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

/** Headers that authenticate a request; never copied into metadata or errors. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-pay-authtoken']);

/** The request as sent, minus credentials, for `metadata.request`: headers by name, as `Headers` lists them. */
function rawRequest(
  method: string,
  url: string,
  sent: Readonly<Record<string, string>>,
  body: string | null,
): RawRequest {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(sent).sort()) {
    if (!SECRET_HEADERS.has(name)) headers[name] = sent[name] as string;
  }
  return { method, url, headers, body: body ?? undefined };
}

/** What `Headers` accepts (RFC 9110 token names; values without CR, LF or NUL), checked before sending. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;
/** `Headers` drops spaces and tabs around a value. */
const SURROUNDING_BLANKS = /^[ \t]+|[ \t]+$/g;

function callHeaders(options: CallOptions | undefined, issues: FieldIssue[]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options === undefined) return headers;
  if (options === null || typeof options !== 'object') {
    issues.push({ path: '(options)', message: 'expected an options object' });
    return headers;
  }
  for (const key of Object.keys(options)) {
    if (!CALL_OPTION_KEYS.has(key)) issues.push({ path: `options.${key}`, message: 'is not a known option' });
  }
  if (options.headers !== undefined) {
    if (options.headers === null || typeof options.headers !== 'object') {
      issues.push({ path: 'options.headers', message: 'expected an object of header names to values' });
    } else {
      for (const [name, value] of Object.entries(options.headers)) {
        if (!HEADER_NAME.test(name)) {
          issues.push({ path: `options.headers.${name}`, message: 'is not a valid HTTP header name' });
        } else if (typeof value !== 'string') {
          issues.push({ path: `options.headers.${name}`, message: 'must be a string' });
        } else if (!HEADER_VALUE.test(value)) {
          issues.push({
            path: `options.headers.${name}`,
            message: 'must not contain line breaks or NUL characters',
          });
        } else headers[name.toLowerCase()] = value.replace(SURROUNDING_BLANKS, '');
      }
    }
  }
  const { idempotencyKey, authToken, simulationCode, signal } = options;
  if (idempotencyKey !== undefined) {
    if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      issues.push({
        path: 'options.idempotencyKey',
        message: 'must be 1 to 32 letters, digits, "_" or "-" (Amazon limits the key to 32 characters)',
      });
    } else headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  }
  if (authToken !== undefined) {
    if (typeof authToken !== 'string' || authToken === '') {
      issues.push({ path: 'options.authToken', message: 'must be a non-empty string' });
    } else headers['x-amz-pay-authtoken'] = authToken;
  }
  if (simulationCode !== undefined) {
    if (typeof simulationCode !== 'string' || simulationCode === '') {
      issues.push({ path: 'options.simulationCode', message: 'must be a non-empty string' });
    } else headers['x-amz-pay-simulation-code'] = simulationCode;
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issues.push({ path: 'options.signal', message: 'must be an AbortSignal' });
  }
  return headers;
}

const KEY_FIELDS = new Set([
  'NOT_PEM',
  'ENCRYPTED_KEY',
  'NOT_RSA',
  'NOT_PRIVATE_KEY',
  'INVALID_KEY',
  'KEY_TOO_SMALL',
  'KEY_FILE_NOT_FOUND',
  'KEY_FILE_INVALID',
]);

function buildSigner(config: ResolvedConfig, privateKey: string | CryptoKey): Signer {
  if (privateKey === undefined || privateKey === null || privateKey === '') {
    throw new AmazonPayConfigError(
      'privateKey',
      'privateKey is required (PEM content, a PEM file path or a CryptoKey)',
    );
  }
  try {
    return createSigner({
      publicKeyId: config.publicKeyId,
      privateKey,
      region: config.region,
      algorithm: config.algorithm,
    });
  } catch (error) {
    if (!(error instanceof SignerError)) throw error;
    const field = KEY_FIELDS.has(error.code)
      ? 'privateKey'
      : error.message.includes('publicKeyId')
        ? 'publicKeyId'
        : 'config';
    // Defence in depth: the signer never echoes key material, and neither do we.
    const message =
      typeof privateKey === 'string' && privateKey.length >= 8
        ? error.message.replaceAll(privateKey, '[private key]')
        : error.message;
    throw new AmazonPayConfigError(field, `${field}: ${message}`, {
      cause: message === error.message ? error : undefined,
    });
  }
}
