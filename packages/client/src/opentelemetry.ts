/**
 * OpenTelemetry tracing for the client: `openTelemetryHooks()` turns the client's hooks into spans,
 * one per call and one per attempt, following OpenTelemetry's HTTP client semantic conventions.
 * Needs `@opentelemetry/api` (an optional peer dependency: only this entry point imports it) and an
 * SDK your service sets up; without an SDK the spans are no-ops.
 *
 * ```ts
 * const client = new WebStoreClient({ ...config, hooks: openTelemetryHooks() });
 * ```
 *
 * @module @amazon-pay-ts/client/opentelemetry
 */
import {
  type Attributes,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { CallEvent, ClientHooks, ErrorEvent } from './hooks.js';
import { VERSION } from './version.js';

/** Where the spans go. */
export interface OpenTelemetryOptions {
  /** Default: the global tracer provider (`trace.getTracerProvider()`), an SDK registered later included. */
  readonly tracerProvider?: TracerProvider;
}

/** The instrumentation scope of the spans: this package. */
export const INSTRUMENTATION_NAME = '@amazon-pay-ts/client';

/** The attributes this integration adds to the HTTP conventions' own. */
export const AMAZON_PAY_ATTRIBUTES = {
  /** The spec's operationId (`captureCharge`). */
  operationId: 'amazon_pay.operation_id',
  /** `x-amz-pay-request-id` of the answer, what Amazon support asks for. */
  requestId: 'amazon_pay.request_id',
  /** `x-amz-pay-idempotency-key` of the call (every POST): repeat a call with it to learn its outcome. */
  idempotencyKey: 'amazon_pay.idempotency_key',
} as const;

interface CallSpans {
  readonly call: Span;
  attempt: Span | undefined;
}

/**
 * Hooks that trace every call of the client they are given to (`hooks: openTelemetryHooks()`, or in
 * a list beside your own):
 *
 * - a call span (`Amazon Pay <operationId>`, kind INTERNAL) from the first attempt to the result,
 *   a child of the span active where the call was made;
 * - under it one span per attempt (`<METHOD> <path template>`, kind CLIENT, e.g.
 *   `POST /v2/charges/{chargeId}/capture`) with `http.request.method`, `server.address`,
 *   `server.port`, `url.full` (without credentials), `url.template`, `http.response.status_code`,
 *   `http.request.resend_count` on a retry, and `error.type` when it failed (the status for 4xx/5xx,
 *   else the error's name);
 * - on both, `amazon_pay.operation_id`, `amazon_pay.idempotency_key` and, once answered,
 *   `amazon_pay.request_id`; the call span's `error.type` is the client error's `code` (`NETWORK`,
 *   `TIMEOUT`…) or the final status.
 *
 * A call refused before sending gets a call span with its error and no attempt. No header, body or
 * credential is recorded, and no exception event (an API error's message may quote the request).
 */
export function openTelemetryHooks(options: OpenTelemetryOptions = {}): ClientHooks {
  const tracer: Tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_NAME,
    VERSION,
  );
  const open = new Map<number, CallSpans>();

  const endAttempt = (spans: CallSpans, errorType: string | undefined): void => {
    const attempt = spans.attempt;
    if (attempt === undefined) return;
    if (errorType !== undefined) {
      attempt.setAttribute('error.type', errorType);
      attempt.setStatus({ code: SpanStatusCode.ERROR });
    }
    attempt.end();
    spans.attempt = undefined;
  };

  return {
    onRequest(event) {
      let spans = open.get(event.callId);
      if (spans === undefined) {
        const call = tracer.startSpan(`Amazon Pay ${event.operationId}`, {
          kind: SpanKind.INTERNAL,
          attributes: requestAttributes(event),
        });
        spans = { call, attempt: undefined };
        open.set(event.callId, spans);
      }
      endAttempt(spans, undefined);
      const attributes = requestAttributes(event);
      attributes['url.template'] = event.pathTemplate;
      if (event.attempt > 1) attributes['http.request.resend_count'] = event.attempt - 1;
      spans.attempt = tracer.startSpan(
        `${event.method} ${event.pathTemplate}`,
        { kind: SpanKind.CLIENT, attributes },
        trace.setSpan(context.active(), spans.call),
      );
    },

    onResponse(event) {
      const spans = open.get(event.callId);
      if (spans?.attempt === undefined) return;
      spans.attempt.setAttribute('http.response.status_code', event.status);
      if (event.requestId !== undefined) {
        spans.attempt.setAttribute(AMAZON_PAY_ATTRIBUTES.requestId, event.requestId);
      }
      endAttempt(spans, event.status >= 400 ? String(event.status) : undefined);
    },

    onRetry(event) {
      const spans = open.get(event.callId);
      // Still open: the attempt failed without an answer (a reset, a timeout).
      if (spans !== undefined) endAttempt(spans, errorName(event.error));
    },

    onSuccess(event) {
      const spans = open.get(event.callId);
      if (spans === undefined) return;
      open.delete(event.callId);
      endAttempt(spans, undefined);
      spans.call.setAttribute('http.response.status_code', event.status);
      if (event.requestId !== undefined)
        spans.call.setAttribute(AMAZON_PAY_ATTRIBUTES.requestId, event.requestId);
      spans.call.end();
    },

    onError(event) {
      let spans = open.get(event.callId);
      open.delete(event.callId);
      if (spans === undefined) {
        // Refused before sending: a call span all the same, so the failure shows in the trace.
        const call = tracer.startSpan(`Amazon Pay ${event.operationId}`, {
          kind: SpanKind.INTERNAL,
          attributes: requestAttributes(event),
          startTime: Date.now() - event.durationMs,
        });
        spans = { call, attempt: undefined };
      }
      endAttempt(spans, errorName(event.error));
      const { call } = spans;
      if (event.status !== undefined) call.setAttribute('http.response.status_code', event.status);
      if (event.requestId !== undefined) call.setAttribute(AMAZON_PAY_ATTRIBUTES.requestId, event.requestId);
      call.setAttribute('error.type', errorCode(event));
      call.setStatus({ code: SpanStatusCode.ERROR });
      call.end();
    },
  };
}

/** What a span says about the request: method, host, URL (safe), operation and idempotency key. */
function requestAttributes(event: CallEvent | ErrorEvent): Attributes {
  const attributes: Attributes = {
    'http.request.method': event.method,
    [AMAZON_PAY_ATTRIBUTES.operationId]: event.operationId,
  };
  if (event.url !== undefined) {
    attributes['url.full'] = event.url;
    try {
      const url = new URL(event.url);
      attributes['server.address'] = url.hostname;
      attributes['server.port'] = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
    } catch {}
  }
  if (event.idempotencyKey !== undefined)
    attributes[AMAZON_PAY_ATTRIBUTES.idempotencyKey] = event.idempotencyKey;
  return attributes;
}

/** A low-cardinality name of a failure without an answer: the error's class name. */
function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : '_OTHER';
}

/** The call's `error.type`: the client error's code (`SERVICE_ERROR`, `NETWORK`…), else its name. */
function errorCode(event: ErrorEvent): string {
  const code = (event.error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : errorName(event.error);
}
