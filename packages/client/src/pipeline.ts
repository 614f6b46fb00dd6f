import { BufferedRequest, type Signer, SignerError, signerMiddleware } from '@amazon-pay-ts/signer';
import type { OperationId } from '@amazon-pay-ts/types';
import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiPaths } from './api.js';
import { CallObserver, type HookFailure } from './call-observer.js';
import type { Logger, ValidationMode } from './config.js';
import {
  AmazonPayAbortError,
  AmazonPayError,
  AmazonPayTimeoutError,
  type FieldIssue,
  type RequestContext,
} from './errors.js';
import { type FetchLike, type FetchLikeResponse, readAgain } from './fetch-like.js';
import type { HookListeners } from './hooks.js';
import { isThenable, warnSafely } from './log.js';
import { serializePath } from './path.js';
import { type CallInit, type PreparedCall, prepareCall } from './prepare-call.js';
import { serializeWireQuery } from './query.js';
import { type RawRequest, rawRequest } from './raw-request.js';
import { resultOf } from './response.js';
import { type AttemptProgress, type CallOutcome, describe, RetriedCall } from './retried-call.js';
import { type RetryEvent, type RetrySettings, withCallLimits } from './retry-options.js';
import { safeUrl } from './safe-url.js';
import { configErrorFromSigner } from './signer-error.js';
import { createTransport, type Transport } from './transport.js';
import type { ResponseMetadata } from './types.js';
import { userAgent } from './user-agent.js';

/** What a pipeline is built from: the resolved client configuration and its signer. */
export interface PipelineSettings {
  readonly baseUrl: string;
  readonly signer: Signer;
  readonly fetch: FetchLike | undefined;
  readonly userAgentSuffix: string | undefined;
  readonly validateResponses: ValidationMode;
  /** Validation warnings, retry notices and failures of hooks go to its `warn`. */
  readonly logger: Logger | undefined;
  readonly retry: RetrySettings;
  /** The caller's `retry.onRetry`. */
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
  /** The caller's hooks; undefined when there are none (the calls then build no events at all). */
  readonly hooks: HookListeners | undefined;
}

/** What one call through the pipeline resolves to. */
export interface PipelineResult {
  /** The decoded result (undefined for a success without content). */
  readonly data: unknown;
  /** The answer (its body already read). */
  readonly response: Response;
  /** The exchange behind the result; built only when asked for (`withResponse`). */
  metadata(): ResponseMetadata;
}

/** One attempt's answer: the response openapi-fetch ended with, and its body. */
interface Answer {
  readonly response: FetchLikeResponse;
  readonly text: string;
}

type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ readonly error?: unknown; readonly response: FetchLikeResponse }>;

/**
 * Numbers the calls of every client for the hooks' `callId`: one set of hooks (one
 * `openTelemetryHooks()`) may serve several clients, and pairs a call's events by that id alone.
 */
let callCount = 0;

/**
 * The one request pipeline behind every door of the client: the typed methods, `withResponse` and
 * `client.api` all call {@link Pipeline.send}. A call flows:
 *
 * 1. `prepareCall`: the request rules (operation, ids, query, body with its dates and amounts,
 *    headers), and the idempotency key of a POST — once per call.
 * 2. `RetriedCall`: attempts, deadlines and waits as `decideRetry` says; each attempt is:
 * 3. one openapi-fetch call — its `Request` (a `BufferedRequest`, with the user agent), then the
 *    middleware: the caller's own (`client.api.use`), and last the signer's `signerMiddleware`, so
 *    each attempt is signed afresh — then the transport (`redirect: 'manual'`), and the answer read
 *    whole.
 * 4. `resultOf`: the response rules (redirect, typed API error, malformed 2xx, validation,
 *    decoding, unwrapping), once, on the answer that ended the call.
 *
 * Per-call settings (the caller's signal, `timeoutMs`, `maxRetries`) travel in `CallInit` and are
 * checked by `prepareCall` with the rest of the request. The hooks observe each stage through a
 * `CallObserver`, built per call only when the client has hooks: `onRequest` as an attempt starts,
 * `onResponse` when its answer is read, `onRetry` before a wait, and `onSuccess` or `onError` once
 * the call ends — whatever the door, and whatever ended it (a refusal before sending included).
 */
export class Pipeline {
  readonly #settings: PipelineSettings;
  readonly #core: ReturnType<typeof createClient<ApiPaths>>;
  readonly #signing: Middleware;
  readonly #transport: Transport;
  readonly #baseUrl: string;
  /** Whether a retry has anyone to tell besides the hooks (the logger, `retry.onRetry`). */
  readonly #retryNotices: boolean;

  /** Builds the openapi-fetch client and its middleware. */
  constructor(settings: PipelineSettings) {
    this.#settings = settings;
    this.#baseUrl = settings.baseUrl.replace(/\/+$/, '');
    this.#retryNotices = settings.logger !== undefined || settings.onRetry !== undefined;
    this.#transport = createTransport(settings.fetch);
    this.#core = createClient<ApiPaths>({
      baseUrl: settings.baseUrl,
      // Its JSON bodies stay in memory, so the signer signs them in place and the transport sends them.
      Request: BufferedRequest,
      redirect: 'manual',
      querySerializer: serializeWireQuery,
      pathSerializer: serializePath,
      // Every request's user agent, set as the Request is built (a middleware would set it again).
      headers: { 'user-agent': userAgent(settings.userAgentSuffix) },
    });
    this.#signing = signerMiddleware(settings.signer) as Middleware;
    this.#core.use(this.#signing);
  }

  /** Adds middleware before the signer, so whatever it changes is signed. */
  use(...middleware: Middleware[]): void {
    this.#core.eject(this.#signing);
    this.#core.use(...middleware, this.#signing);
  }

  /** Removes middleware added with {@link Pipeline.use}. */
  eject(...middleware: Middleware[]): void {
    this.#core.eject(...middleware.filter((item) => item !== this.#signing));
  }

  /**
   * Runs one call: `method` and `path` (the spec's template) name the operation; `init` is
   * openapi-fetch's options, or a function that builds them from a typed method's arguments (so that
   * what it refuses is an outcome of the call too, seen by the hooks).
   */
  async send(
    method: string,
    path: string,
    init: CallInit | (() => CallInit) | undefined,
  ): Promise<PipelineResult> {
    // Built only when the client has hooks: without them a call pays nothing for them.
    const listeners = this.#settings.hooks;
    const observer =
      listeners === undefined ? undefined : new CallObserver(listeners, ++callCount, this.#hookFailed);
    let call: PreparedCall | undefined;
    try {
      call = prepareCall(method, path, typeof init === 'function' ? init() : init);
      observer?.prepared(
        call.operationId,
        call.route.method,
        call.route.path,
        safeUrl(this.#urlOf(call)),
        call.idempotencyKey,
      );
      const result = await this.#run(call, observer);
      observer?.success(
        result.response.status,
        result.response.headers.get('x-amz-pay-request-id') ?? undefined,
      );
      return result;
    } catch (error) {
      observer?.error(error, call ? undefined : refusedCall(error, method, path));
      throw error;
    }
  }

  /** A checked call, from its first attempt to its result. */
  async #run(call: PreparedCall, observer: CallObserver | undefined): Promise<PipelineResult> {
    const started = performance.now();
    // The request the last attempt handed to fetch (after the middleware: what went on the wire).
    const last: { request?: Request } = {};
    const context = (): RequestContext => ({
      operationId: call.operationId,
      method: call.route.method,
      url: safeUrl(last.request?.url ?? this.#urlOf(call)),
      idempotencyKey: call.idempotencyKey,
    });
    let outcome: CallOutcome<Answer>;
    try {
      const retry =
        call.timeoutMs === undefined && call.maxRetries === undefined
          ? this.#settings.retry
          : withCallLimits(this.#settings.retry, call.timeoutMs, call.maxRetries);
      outcome = await new RetriedCall<Answer>(retry, {
        signal: call.signal,
        replaySafe: call.replaySafe,
        describe: context,
        onRetry:
          this.#retryNotices || observer !== undefined
            ? (event) => this.#retrying(event, retry.maxRetries, observer)
            : undefined,
      }).run((signal, progress) => this.#attempt(call, signal, progress, last, observer));
    } catch (error) {
      throw asAmazonPayError(error, context);
    }
    const { answer, retries, uncertain } = outcome;
    const { response, text } = answer;
    const durationMs = performance.now() - started;
    const headers = response.headers as Headers;
    const { data, issues } = resultOf(
      {
        operationId: call.operationId,
        status: response.status,
        headers,
        rawBody: text,
        retries,
        uncertain,
        durationMs,
        context,
      },
      this.#settings.validateResponses,
    );
    if (issues.length > 0) this.#warn(call.operationId, headers, issues);
    return {
      data,
      response: response as Response,
      metadata: () => {
        const url = safeUrl(last.request?.url ?? this.#urlOf(call));
        return {
          operationId: call.operationId,
          method: call.route.method,
          url,
          request: sentRequest(call.route.method, url, last.request),
          status: response.status,
          headers,
          requestId: headers.get('x-amz-pay-request-id') ?? undefined,
          rawBody: text,
          retries,
          durationMs,
          idempotencyKey: call.idempotencyKey,
          validationIssues: issues,
        };
      },
    };
  }

  /**
   * Before a retry: the notice at `warn` (the README's promise: a retry deserves attention), the
   * caller's `retry.onRetry` and the hooks, each isolated from the call.
   */
  #retrying(event: RetryEvent, maxRetries: number, observer: CallObserver | undefined): void {
    const { context } = event;
    const cause = event.status !== undefined ? `HTTP ${event.status}` : describe(event.error);
    warnSafely(
      this.#settings.logger,
      `${context.operationId}: retrying ${context.method} after ${cause} (retry ${event.retry} of ${maxRetries}, in ${event.delayMs} ms)`,
      {
        operationId: context.operationId,
        method: context.method,
        url: context.url,
        idempotencyKey: context.idempotencyKey,
        retry: event.retry,
        attempt: event.attempt,
        delayMs: event.delayMs,
        status: event.status,
        requestId: event.requestId,
        error: event.error === undefined ? undefined : describe(event.error),
      },
    );
    const onRetry = this.#settings.onRetry;
    if (onRetry !== undefined) {
      try {
        const returned: unknown = onRetry(event);
        if (isThenable(returned)) returned.then(undefined, (error: unknown) => this.#optionFailed(error));
      } catch (error) {
        this.#optionFailed(error);
      }
    }
    observer?.retry(event);
  }

  /** A hook threw or rejected: the call goes on; the logger hears of it. */
  readonly #hookFailed: HookFailure = (hook, error, event) => {
    warnSafely(this.#settings.logger, `hooks.${hook} threw; the call went on without it`, {
      hook,
      callId: event.callId,
      operationId: event.operationId,
      error,
    });
  };

  #optionFailed(error: unknown): void {
    warnSafely(this.#settings.logger, 'retry.onRetry threw; the call went on without it', { error });
  }

  /** One attempt: openapi-fetch with the middleware, then the answer's body read whole. */
  async #attempt(
    call: PreparedCall,
    signal: AbortSignal,
    progress: AttemptProgress,
    last: { request?: Request },
    observer: CallObserver | undefined,
  ): Promise<Answer> {
    observer?.request();
    let errorAnswer: { response: FetchLikeResponse; text: string } | undefined;
    const fetch = async (built: Request): Promise<FetchLikeResponse> => {
      last.request = built;
      progress.phase = 'sent';
      const response = await this.#transport(built, signal);
      progress.phase = 'answered';
      if (response.ok) return response;
      // Not a 2xx: its (small) body is read now, exactly as received, and openapi-fetch and the
      // middleware get a copy they can read again.
      const text = await response.text();
      const copy = readAgain(response, copyHeaders(response.headers), text);
      errorAnswer = { response: copy, text };
      return copy;
    };
    const core = this.#core.request as unknown as LooseRequest;
    // parseAs 'stream': openapi-fetch leaves a 2xx body unread; it is read below, once, as text.
    const { params, body, headers } = call.init;
    const { response, error } = await core(call.route.method, call.route.path, {
      params,
      body,
      headers,
      parseAs: 'stream',
      fetch,
    });
    if (response.ok) {
      progress.phase = 'answered';
      // A body a middleware consumed is a mistake in that middleware, not a reply cut off: not retried.
      if ((response as Response).bodyUsed) {
        throw new Error('a middleware read the response body; read a response.clone() instead');
      }
      const text = await response.text();
      observer?.response(response.status, response.headers.get('x-amz-pay-request-id') ?? undefined);
      return { response, text };
    }
    const text =
      errorAnswer?.response === response
        ? errorAnswer.text
        : typeof error === 'string'
          ? error
          : JSON.stringify(error ?? '');
    observer?.response(response.status, response.headers.get('x-amz-pay-request-id') ?? undefined);
    return { response, text };
  }

  #warn(operationId: OperationId, headers: Headers, issues: readonly FieldIssue[]): void {
    warnSafely(this.#settings.logger, `${operationId}: response does not match the spec`, {
      operationId,
      requestId: headers.get('x-amz-pay-request-id') ?? undefined,
      issues,
    });
  }

  /** The URL of a call that has not left yet, for an error that comes first. */
  #urlOf(call: PreparedCall): string {
    const { path, query } = call.init.params;
    const search = query === undefined ? '' : serializeWireQuery(query);
    return this.#baseUrl + serializePath(call.route.path, path) + (search === '' ? '' : `?${search}`);
  }
}

/**
 * What else can escape an attempt, as the client's errors: a signer error (the key refused at its
 * first use) as `AmazonPayConfigError`; an abort or timeout a custom `fetch` raised on its own as
 * `AmazonPayAbortError` / `AmazonPayTimeoutError`. Anything else (a bug in a caller's middleware)
 * goes through as it is.
 */
function asAmazonPayError(error: unknown, context: () => RequestContext): unknown {
  if (error instanceof AmazonPayError) return error;
  if (error instanceof SignerError) return configErrorFromSigner(error);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError') return new AmazonPayAbortError({ ...context(), cause: error });
  if (name === 'TimeoutError') {
    return new AmazonPayTimeoutError({
      ...context(),
      cause: error,
      message: 'the fetch timed out on its own',
    });
  }
  return error;
}

function copyHeaders(headers: FetchLikeResponse['headers']): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, value);
  });
  return copy;
}

/** `metadata.request`: the request as the last attempt sent it, without its credentials. */
function sentRequest(method: string, url: string, request: Request | undefined): RawRequest {
  return rawRequest(
    method,
    url,
    request?.headers,
    request instanceof BufferedRequest ? request.bodySource : undefined,
  );
}

/** What an `onError` event names for a call refused before its checks passed. */
function refusedCall(
  error: unknown,
  method: string,
  path: string,
): { operationId: string; method: string; pathTemplate: string } {
  const refused = error as { operationId?: unknown; method?: unknown } | null;
  return {
    operationId: typeof refused?.operationId === 'string' ? refused.operationId : `${method} ${path}`,
    method: typeof refused?.method === 'string' ? refused.method : method,
    pathTemplate: path,
  };
}
