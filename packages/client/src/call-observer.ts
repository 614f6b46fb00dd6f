import type {
  CallEvent,
  CallRetryEvent,
  ErrorEvent,
  HookListeners,
  HookName,
  RequestEvent,
  ResponseEvent,
  SuccessEvent,
} from './hooks.js';
import { isThenable } from './log.js';
import type { RetryEvent } from './retry-options.js';

/** Where a hook's failure goes (the client's logger), with the event it was given. */
export type HookFailure = (hook: HookName, error: unknown, event: CallEvent | ErrorEvent) => void;

/**
 * The hooks' view of one call: built only when the client has hooks, it numbers the attempts, times
 * them and the call, and hands each hook its event. Every listener is isolated: what it throws or
 * rejects with goes to `failed`, never into the call.
 */
export class CallObserver {
  readonly #listeners: HookListeners;
  readonly #failed: HookFailure;
  readonly #callId: number;
  readonly #started = performance.now();
  #call: CallEvent | undefined;
  #attempts = 0;
  #attemptStarted = 0;

  constructor(listeners: HookListeners, callId: number, failed: HookFailure) {
    this.#listeners = listeners;
    this.#callId = callId;
    this.#failed = failed;
  }

  /** The call passed the request checks: what its events say about it. */
  prepared(
    operationId: string,
    method: string,
    pathTemplate: string,
    url: string,
    idempotencyKey: string | undefined,
  ): void {
    this.#call = { callId: this.#callId, operationId, method, pathTemplate, url, idempotencyKey };
  }

  /** An attempt starts. */
  request(): void {
    this.#attempts++;
    this.#attemptStarted = performance.now();
    if (this.#listeners.onRequest.length > 0 && this.#call) {
      const event: RequestEvent = { ...this.#call, attempt: this.#attempts };
      this.#emit('onRequest', event);
    }
  }

  /** The attempt got its answer, body read. */
  response(status: number, requestId: string | undefined): void {
    if (this.#listeners.onResponse.length === 0 || !this.#call) return;
    const event: ResponseEvent = {
      ...this.#call,
      attempt: this.#attempts,
      status,
      requestId,
      durationMs: performance.now() - this.#attemptStarted,
    };
    this.#emit('onResponse', event);
  }

  /** The client will retry. */
  retry(event: RetryEvent): void {
    if (this.#listeners.onRetry.length > 0 && this.#call) {
      const retry: CallRetryEvent = { ...event, ...this.#call };
      this.#emit('onRetry', retry);
    }
  }

  /** The call resolved. */
  success(status: number, requestId: string | undefined): void {
    if (this.#listeners.onSuccess.length === 0 || !this.#call) return;
    const event: SuccessEvent = {
      ...this.#call,
      attempts: this.#attempts,
      status,
      requestId,
      durationMs: performance.now() - this.#started,
    };
    this.#emit('onSuccess', event);
  }

  /** The call rejected; `refused` names it when it was refused before its checks passed. */
  error(
    error: unknown,
    refused: { operationId: string; method: string; pathTemplate: string } | undefined,
  ): void {
    if (this.#listeners.onError.length === 0) return;
    const answer = error as { status?: unknown; requestId?: unknown } | null;
    const call = this.#call ?? {
      callId: this.#callId,
      operationId: refused?.operationId ?? '(unknown)',
      method: refused?.method ?? '(unknown)',
      pathTemplate: refused?.pathTemplate ?? '(unknown)',
      url: undefined,
      idempotencyKey: undefined,
    };
    const event: ErrorEvent = {
      ...call,
      attempts: this.#attempts,
      error,
      status: typeof answer?.status === 'number' ? answer.status : undefined,
      requestId: typeof answer?.requestId === 'string' ? answer.requestId : undefined,
      durationMs: performance.now() - this.#started,
    };
    this.#emit('onError', event);
  }

  #emit<Name extends HookName>(name: Name, event: CallEvent | ErrorEvent): void {
    Object.freeze(event);
    for (const listener of this.#listeners[name]) {
      try {
        const result: unknown = (listener as (event: unknown) => unknown)(event);
        if (isThenable(result)) result.then(undefined, (error: unknown) => this.#failed(name, error, event));
      } catch (error) {
        this.#failed(name, error, event);
      }
    }
  }
}
