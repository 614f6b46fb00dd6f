import { AmazonPayConfigError } from './errors.js';
import type { RetryEvent } from './retry-options.js';

/**
 * What every hook event says about its call. Never a credential: no headers, no body, the URL
 * without user info and with `getAuthorizationToken`'s `mwsAuthToken` redacted.
 */
export interface CallEvent {
  /**
   * Numbers the calls, unique across the clients of the process (hooks may be shared); the same on
   * every event of a call, so events pair up.
   */
  readonly callId: number;
  /** The operation (the spec's operationId). */
  readonly operationId: string;
  /** The HTTP method. */
  readonly method: string;
  /** The spec's path template (`/v2/charges/{chargeId}/capture`): low-cardinality, for metrics. */
  readonly pathTemplate: string;
  /** The URL called, without credentials. */
  readonly url: string;
  /** The call's `x-amz-pay-idempotency-key` (every POST has one), the same on every attempt. */
  readonly idempotencyKey: string | undefined;
}

/** `onRequest`: an attempt starts (before it is signed and sent). */
export interface RequestEvent extends CallEvent {
  /** 1 for the first attempt, 2 for the first retry… */
  readonly attempt: number;
}

/** `onResponse`: an attempt got an answer, whatever its status, and its body was read. */
export interface ResponseEvent extends CallEvent {
  readonly attempt: number;
  readonly status: number;
  /** `x-amz-pay-request-id`, what Amazon support asks for. */
  readonly requestId: string | undefined;
  /** This attempt's time, from its start (signing included) until the body was read. */
  readonly durationMs: number;
}

/** `onRetry`: the client waits `delayMs`, then tries again with the same idempotency key. */
export interface CallRetryEvent extends RetryEvent, CallEvent {}

/** `onSuccess`: the call resolved. */
export interface SuccessEvent extends CallEvent {
  /** Attempts made (1 when the first answered). */
  readonly attempts: number;
  readonly status: number;
  readonly requestId: string | undefined;
  /** The whole call, retries and waits included. */
  readonly durationMs: number;
}

/**
 * `onError`: the call rejected with `error` (an `AmazonPayError`, unless a middleware of your own threw
 * something else). `attempts` is 0 and `url` may be undefined when it was refused before sending.
 */
export interface ErrorEvent extends Omit<CallEvent, 'url'> {
  readonly url: string | undefined;
  readonly attempts: number;
  readonly error: unknown;
  /** The status and request id of the answer the error is about, when there was one. */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly durationMs: number;
}

/**
 * Observers of every call, on every door (typed methods, `withResponse`, `client.api`, `paginate`).
 * Each call ends with exactly one `onSuccess` or `onError`; between them come `onRequest` and, when
 * an answer arrives, `onResponse` per attempt, and `onRetry` before each retry.
 *
 * Hooks observe, they cannot change a call: one that throws (or returns a rejected promise) is
 * isolated — the call goes on exactly as without it, and the failure is reported to the client's
 * `logger.warn` (or to nobody without a logger). A hook runs synchronously inside the call, so keep
 * it quick; it is not awaited.
 */
export interface ClientHooks {
  /** An attempt starts: before it is signed and sent (once per attempt). */
  onRequest?(event: RequestEvent): void;
  /** An attempt's answer arrived and was read, whatever its status (once per answered attempt). */
  onResponse?(event: ResponseEvent): void;
  /** The client will wait `delayMs` and try again with the same idempotency key. */
  onRetry?(event: CallRetryEvent): void;
  /** The call resolved (once per call). */
  onSuccess?(event: SuccessEvent): void;
  /** The call rejected, refused before sending included (once per call). */
  onError?(event: ErrorEvent): void;
}

/** The hook names, in the order a call runs them. */
export const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry', 'onSuccess', 'onError'] as const;

/** One hook name. */
export type HookName = (typeof HOOK_NAMES)[number];

/** Every listener of each hook; `undefined` when nobody listens to anything (no cost per call). */
export type HookListeners = { readonly [Name in HookName]: readonly NonNullable<ClientHooks[Name]>[] };

/**
 * `config.hooks` (one set of hooks or a list of them, e.g. your own beside `openTelemetryHooks()`)
 * as listeners per hook, checked: an object of functions with known names, or `AmazonPayConfigError`.
 */
export function hookListeners(
  hooks: ClientHooks | readonly ClientHooks[] | undefined,
): HookListeners | undefined {
  if (hooks === undefined) return undefined;
  const sets = Array.isArray(hooks) ? (hooks as readonly ClientHooks[]) : [hooks as ClientHooks];
  const listeners = Object.fromEntries(HOOK_NAMES.map((name) => [name, [] as unknown[]])) as Record<
    HookName,
    unknown[]
  >;
  let count = 0;
  sets.forEach((set, index) => {
    const where = Array.isArray(hooks) ? `hooks[${index}]` : 'hooks';
    if (set === null || typeof set !== 'object') {
      throw new AmazonPayConfigError({
        field: where,
        message: `${where} must be an object of hook functions`,
      });
    }
    // A key that looks like a hook but is none is a typo (`onReqest`), which would silently observe nothing.
    for (const name of Object.keys(set)) {
      if (/^on[A-Z]/.test(name) && !(HOOK_NAMES as readonly string[]).includes(name)) {
        throw new AmazonPayConfigError({
          field: `${where}.${name}`,
          message: `${where}.${name} is not a hook: use ${HOOK_NAMES.join(', ')}`,
        });
      }
    }
    for (const name of HOOK_NAMES) {
      // Read through the prototype too: hooks may be methods of a class.
      const hook: unknown = set[name];
      if (hook === undefined) continue;
      if (typeof hook !== 'function') {
        throw new AmazonPayConfigError({
          field: `${where}.${name}`,
          message: `${where}.${name} must be a function`,
        });
      }
      // Called as a method of its object, as written (`this` stays the hooks object).
      listeners[name].push((hook as (event: unknown) => unknown).bind(set));
      count++;
    }
  });
  return count === 0 ? undefined : (listeners as unknown as HookListeners);
}
