import { createSigner, type Signer, SignerError } from '@amazon-pay-ts/signer';
import type { OperationId } from '@amazon-pay-ts/types';
import { type ApiClient, createApiClient } from './api.js';
import { type ButtonPayload, checkButtonPayload } from './button-payload.js';
import { methodInit } from './call-options.js';
import { type ClientConfig, type ResolvedConfig, resolveConfig, type SignatureAlgorithm } from './config.js';
import type { Environment, Region } from './endpoint.js';
import { AmazonPayConfigError, AmazonPayRequestValidationError } from './errors.js';
import { hookListeners } from './hooks.js';
import type { CommonWithResponse } from './methods.js';
import { OPERATION_ROUTES } from './operations.js';
import { type PagedOperationId, type Paginator, paginate } from './paginate.js';
import { Pipeline } from './pipeline.js';
import { retrySettings } from './retry-options.js';
import { configErrorFromSigner } from './signer-error.js';
import type { CallOptions } from './types.js';

/** Internal entry point of every operation method; `withResponse` swaps it for the metadata variant. */
export const CALL = Symbol('amazonPay.call');
/** Internal entry point of `client.paginate`'s methods. */
export const PAGES = Symbol('amazonPay.pages');

type Call = (
  operationId: OperationId,
  ids: readonly unknown[],
  input: unknown,
  options: CallOptions | undefined,
) => Promise<unknown>;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * What every client shares: configuration, the one request pipeline (see `Pipeline`), `client.api`
 * over it, `withResponse` and button signatures. The operation methods are generated from the spec
 * (generated/operation-methods.ts) into the classes between this one and the clients; each is one
 * call into the pipeline, as `client.api` is.
 */
export abstract class ClientBase {
  /** openapi-fetch over the same pipeline as the methods: `client.api.GET('/v2/charges/{chargeId}', …)`. */
  readonly api: ApiClient;
  readonly region: Region;
  readonly environment: Environment | undefined;
  readonly publicKeyId: string;
  /** The URL `/v2/…` paths are appended to. */
  readonly baseUrl: string;

  readonly #config: ResolvedConfig;
  readonly #signer: Signer;
  readonly #pipeline: Pipeline;
  #withResponse: unknown;

  /** Checks the configuration (throws `AmazonPayConfigError` before any network call) and loads the key. */
  constructor(config: ClientConfig) {
    const resolved = resolveConfig(config);
    this.#config = resolved;
    this.#signer = buildSigner(resolved, config.privateKey);
    this.region = resolved.region;
    this.environment = resolved.environment;
    this.publicKeyId = resolved.publicKeyId;
    this.baseUrl = resolved.baseUrl;
    // Silent unless the merchant gives a logger: a library must not write to stdout/stderr.
    const { logger } = config;
    this.#pipeline = new Pipeline({
      baseUrl: resolved.baseUrl,
      signer: this.#signer,
      fetch: config.fetch,
      userAgentSuffix: resolved.userAgentSuffix,
      validateResponses: resolved.validateResponses,
      logger,
      // Retry notices go to the logger, `retry.onRetry` and the hooks, through the pipeline.
      retry: retrySettings({
        ...config.retry,
        maxRetries: resolved.maxRetries,
        timeoutMs: resolved.timeoutMs,
        attemptTimeoutMs: resolved.attemptTimeoutMs,
        onRetry: undefined,
      }),
      onRetry: config.retry?.onRetry,
      hooks: hookListeners(config.hooks),
    });
    this.api = createApiClient(this.#pipeline);
  }

  /**
   * The same operations, resolving to `{ data, metadata }` where `metadata` holds the status, headers,
   * `requestId`, raw body, retries, duration and idempotency key: `await client.withResponse.getCharge(id)`.
   */
  get withResponse(): CommonWithResponse {
    if (!this.#withResponse) {
      const callWithMetadata: Call = (operationId, ids, input, options) =>
        this.#send(operationId, ids, input, options).then((result) => ({
          data: result.data,
          metadata: result.metadata(),
        }));
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
      return Promise.reject(
        new AmazonPayRequestValidationError({ operationId: 'generateButtonSignature', issues }),
      );
    }
    return this.#signer.signButtonPayload(payload);
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

  /** Walks a paged list (`client.paginate`): each page is one call of the operation's typed method. */
  protected [PAGES](
    operationId: PagedOperationId,
    ids: readonly unknown[],
    input: unknown,
    options: CallOptions | undefined,
  ): Paginator<PagedOperationId> {
    const route = OPERATION_ROUTES[operationId];
    return paginate(operationId, route, input as Record<string, unknown> | undefined, (query) =>
      this.#send(operationId, ids, query, options),
    );
  }

  /** A method's arguments as `client.api` would send them, through the same pipeline. */
  #send(operationId: OperationId, ids: readonly unknown[], input: unknown, options: CallOptions | undefined) {
    const route = OPERATION_ROUTES[operationId as keyof typeof OPERATION_ROUTES];
    return this.#pipeline.send(route.method, route.path, () =>
      methodInit(operationId, route, ids, input, options),
    );
  }
}

function buildSigner(config: ResolvedConfig, privateKey: string | CryptoKey): Signer {
  if (privateKey === undefined || privateKey === null || privateKey === '') {
    throw new AmazonPayConfigError({
      field: 'privateKey',
      message: 'privateKey is required (PEM content, a PEM file path or a CryptoKey)',
    });
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
    throw configErrorFromSigner(error, privateKey);
  }
}
