import { createSigner, type Signer, SignerError } from '@amazon-pay-ts/signer';
import type { OperationId } from '@amazon-pay-ts/types';
import createClient, { type Middleware } from 'openapi-fetch';
import { checkAmounts } from './amount-rules.js';
import type { ApiClient, ApiPaths } from './api.js';
import { type ButtonPayload, checkButtonPayload } from './button-payload.js';
import { type ClientConfig, type Logger, type ResolvedConfig, resolveConfig } from './config.js';
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
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, idempotencyMiddleware } from './idempotency.js';
import { checkId } from './ids.js';
import type { CommonWithResponse } from './methods.js';
import { OPERATION_ROUTES } from './operations.js';
import { serializePath } from './path.js';
import { normalizeQuery, type QueryValue, toWireQuery } from './query.js';
import { createRetryingFetch, earlierAttemptMayHaveActed, type FetchFunction, retriesOf } from './retry.js';
import { safeUrl } from './safe-url.js';
import { createSigningFetch } from './signing-fetch.js';
import type {
  CallOptions,
  RawRequest,
  RequestBody,
  ResponseBody,
  ResponseMetadata,
  WithMetadata,
} from './types.js';
import { unwrapSingle } from './unwrap.js';
import { userAgentMiddleware } from './user-agent.js';
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
  readonly #core: ApiClient;
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
    const transport = createRetryingFetch({
      ...config.retry,
      // FetchLike only promises what the client reads; undici's Response is one at runtime too.
      fetch: createSigningFetch(this.#signer, config.fetch as FetchFunction | undefined),
      maxRetries: resolved.maxRetries,
      timeoutMs: resolved.timeoutMs,
      attemptTimeoutMs: resolved.attemptTimeoutMs,
      onRetry: (event) =>
        logger?.debug?.(`retrying ${event.request.method} ${new URL(event.request.url).pathname}`, {
          retry: event.retry,
          delayMs: event.delayMs,
          status: event.status,
        }),
    });
    const make = () =>
      createClient<ApiPaths>({
        baseUrl: resolved.baseUrl,
        fetch: transport,
        querySerializer: { array: { style: 'form', explode: false } },
        pathSerializer: serializePath,
      });
    const common = [userAgentMiddleware(resolved.userAgentSuffix), idempotencyMiddleware()];
    this.#core = make();
    this.#core.use(...common);
    this.api = make();
    this.api.use(...common, validationMiddleware({ responses: resolved.validateResponses, logger }));
  }

  /**
   * The same operations, resolving to `{ data, metadata }` where `metadata` holds the status, headers,
   * `requestId`, raw body, retries, duration and idempotency key: `await client.withResponse.getCharge(id)`.
   */
  get withResponse(): CommonWithResponse {
    if (!this.#withResponse) {
      const callWithMetadata: Call = (operationId, ids, input, options) =>
        this.#send(operationId, ids, input, options);
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
   * pass the returned `payload` string to the button unchanged, it is exactly what was signed. Button
   * signatures have no date: they can be cached.
   */
  generateButtonSignature(payload: ButtonPayload | string): Promise<{ payload: string; signature: string }> {
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
    return this.#send(operationId, ids, input, options).then((result) => result.data);
  }

  async #send(
    operationId: OperationId,
    ids: readonly unknown[],
    input: unknown,
    options: CallOptions | undefined,
  ): Promise<WithMetadata<unknown>> {
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

    const started = performance.now();
    let retries = 0;
    let errorBody = '';
    let idempotencyKey: string | undefined;
    let uncertain = false;
    let request: RawRequest | undefined;
    const observe: Middleware = {
      onRequest({ request: sent }) {
        idempotencyKey = sent.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
        request = rawRequest(sent, body);
        return undefined;
      },
      async onResponse({ response }) {
        retries = retriesOf(response);
        uncertain = earlierAttemptMayHaveActed(response);
        if (response.ok) return undefined;
        // openapi-fetch parses error bodies; keep the exact text for the error.
        errorBody = await response.text();
        return new Response(errorBody, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      },
    };

    let result: { data?: unknown; response: Response };
    try {
      result = await this.#core.request(
        route.method.toLowerCase() as 'get',
        route.path as never,
        {
          params: { path: pathParams, query },
          body,
          headers,
          signal: options?.signal,
          parseAs: 'text',
          middleware: [observe],
        } as never,
      );
    } catch (error) {
      const context: RequestContext = {
        operationId,
        method: request?.method ?? route.method,
        url: request?.url,
        idempotencyKey,
      };
      const failure = this.#transportError(error, retries);
      if (failure instanceof AmazonPayError) failure.withContext(context);
      throw failure;
    }
    const { response } = result;
    const context: RequestContext = {
      operationId,
      method: request?.method ?? route.method,
      url: request?.url,
      idempotencyKey,
    };
    const info = {
      status: response.status,
      headers: response.headers,
      requestId: response.headers.get('x-amz-pay-request-id') ?? undefined,
      retries,
      durationMs: performance.now() - started,
      context,
    };
    if (response.status >= 300 && response.status < 400) {
      throw new AmazonPayRedirectError(
        response.status,
        response.headers.get('location') ?? undefined,
        retries,
        context,
      );
    }
    if (!response.ok) {
      const error = apiErrorFromResponse(operationId, { ...info, rawBody: errorBody });
      // A refusal after a lost reply or a 5xx may answer a request that already acted.
      if (uncertain) error.mayHaveSucceeded = true;
      throw error;
    }

    const rawBody = typeof result.data === 'string' ? result.data : '';
    const metadata: ResponseMetadata = {
      operationId,
      status: info.status,
      headers: info.headers,
      requestId: info.requestId,
      retries,
      durationMs: info.durationMs,
      rawBody,
      idempotencyKey,
      method: context.method as string,
      url: context.url ?? '',
      request: request as RawRequest,
      validationIssues: [],
    };
    // The spec's success without content (204): the empty body is the answer, the result undefined.
    if (rawBody.trim() === '' && answersWithoutBody(operationId)) return { data: undefined, metadata };
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
        { ...info, rawBody },
      );
    }
    const problems: FieldIssue[] = [];
    const mode = this.#config.validateResponses;
    if (mode !== 'off') problems.push(...checkResponseBody(operationId, data));
    problems.push(...decodeShippingAddressList(data));
    // Driven by the generated route (`x-unwrap-single` in the spec): Get Report Schedule By Id.
    const unwrapped = unwrapSingle((route as { unwrapSingle?: string }).unwrapSingle, data);
    data = unwrapped.data;
    problems.push(...unwrapped.issues);
    if (problems.length && mode === 'strict') {
      throw new AmazonPayResponseValidationError(operationId, problems, data, { ...info, rawBody });
    }
    if (problems.length && mode === 'warn') {
      (metadata as { validationIssues: readonly FieldIssue[] }).validationIssues = problems;
      this.#logger?.warn(`${operationId}: response does not match the spec`, {
        operationId,
        requestId: metadata.requestId,
        issues: problems,
      });
    }
    return { data, metadata };
  }

  #transportError(error: unknown, retries: number): unknown {
    if (error instanceof AmazonPayError) return error;
    // Failures while reading a body, after the retrying fetch returned: classify them the same way.
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

/** Why a 2xx body is not an operation's JSON answer, or undefined when it may be one. */
function malformedBody(contentType: string | null, rawBody: string): string | undefined {
  if (rawBody.trim() === '') return 'is empty';
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json')) {
    return `has content-type ${type ?? '(none)'}, not application/json`;
  }
  return undefined;
}

/** Headers that authenticate a request; never copied into metadata or errors. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-pay-authtoken']);

/** The request as sent, minus credentials, for `metadata.request`. */
function rawRequest(sent: Request, body: unknown): RawRequest {
  const headers: Record<string, string> = {};
  sent.headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) headers[name] = value;
  });
  return {
    method: sent.method,
    url: safeUrl(sent.url),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

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
        if (typeof value !== 'string')
          issues.push({ path: `options.headers.${name}`, message: 'must be a string' });
        else headers[name.toLowerCase()] = value;
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
