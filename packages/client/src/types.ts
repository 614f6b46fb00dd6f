import type { components, OperationId, operations } from '@amazon-pay-ts/types';
import type { FieldIssue } from './errors.js';
import type { OPERATION_ROUTES } from './generated/operation-routes.js';

/** The `application/json` content of a request body or response object. */
export type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
/** A success status without content (204) has no body: its result is `undefined`. */
export type SuccessBody<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
/** The success statuses (200, 201, 202, 204) among the keys of an operation's responses. */
export type SuccessStatus<R> = Extract<keyof R, 200 | 201 | 202 | 204>;

/** Wire shape of a success body, before decoding. */
export type WireResponse<K extends OperationId> = SuccessBody<
  operations[K]['responses'][SuccessStatus<operations[K]['responses']>]
>;

/** Routes whose one result Amazon may wrap in a list (`unwrapSingle`): the entry, either way. */
export type Unwrapped<K extends OperationId, T> = K extends keyof typeof OPERATION_ROUTES
  ? (typeof OPERATION_ROUTES)[K] extends { unwrapSingle: infer Key extends string }
    ? T extends { [P in Key]: readonly (infer Item)[] }
      ? Item
      : T
    : T
  : T;

/** `shippingAddressList` arrives as JSON strings; the client hands back the decoded objects. */
export type Decoded<T> = T extends { shippingAddressList?: unknown }
  ? Omit<T, 'shippingAddressList'> & { shippingAddressList?: components['schemas']['AddressWithId'][] | null }
  : T;

/** What a method resolves to: the typed success body (amounts stay strings). */
export type ResponseBody<K extends OperationId> = Decoded<Unwrapped<K, WireResponse<K>>>;

/** The JSON request body of an operation. */
export type RequestBody<K extends OperationId> = JsonContent<NonNullable<operations[K]['requestBody']>>;

/** The date-time fields of an operation's input, as the spec has them (generated operation routes). */
export type DateTimeField<K extends OperationId> = K extends keyof typeof OPERATION_ROUTES
  ? (typeof OPERATION_ROUTES)[K]['dateTimes'][number]
  : never;

/** What follows `Head.` in the dotted path `P` (the paths of {@link AcceptDates} one level down). */
export type PathRest<P extends string, Head extends string> = P extends `${Head}.${infer Rest}`
  ? Rest
  : never;

/**
 * `T` with `Date` accepted at the dotted paths `P` (`[]` stands for array items), everything else
 * unchanged: `AcceptDates<{ startTime: string }, 'startTime'>` is `{ startTime: string | Date }`.
 */
export type AcceptDates<T, P extends string> = [P] extends [never]
  ? T
  : T extends readonly (infer Item)[]
    ? AcceptDates<Item, PathRest<P, '[]'>>[]
    : T extends object
      ? { [Key in keyof T]: Key extends P ? T[Key] | Date : AcceptDates<T[Key], PathRest<P, Key & string>> }
      : T;

/** The request body as the methods take it: the JSON body, with `Date` accepted at every date-time of the spec. */
export type RequestInput<K extends OperationId> = AcceptDates<RequestBody<K>, DateTimeField<K>>;

/** A query value as the methods take it: one item or a list for list parameters, a `Date` for date-times. */
export type FriendlyQueryValue<V, IsDateTime extends boolean> = V extends readonly (infer Item)[]
  ? Item | readonly Item[]
  : IsDateTime extends true
    ? V | Date
    : V;

/**
 * Query of an operation as the methods take it: list parameters as arrays (or one value),
 * date-times (from the spec) as `Date` or Amazon's string form.
 */
export type QueryParams<K extends OperationId> = {
  [P in keyof NonNullable<operations[K]['parameters']['query']>]: FriendlyQueryValue<
    NonNullable<operations[K]['parameters']['query']>[P],
    P extends DateTimeField<K> ? true : false
  >;
};

/**
 * The sandbox simulation codes of an operation (`x-amz-pay-simulation-code`), from the spec's closed
 * enum for it: `SimulationCodeOf<'createCharge'>` is `'HardDeclined' | 'SoftDeclined' | …`; `never` for
 * an operation without simulations.
 */
export type SimulationCodeOf<K extends OperationId> = K extends OperationId
  ? 'x-amz-pay-simulation-code' extends keyof NonNullable<operations[K]['parameters']['header']>
    ? Exclude<
        NonNullable<operations[K]['parameters']['header']>['x-amz-pay-simulation-code' &
          keyof NonNullable<operations[K]['parameters']['header']>],
        undefined
      >
    : never
  : never;

/** Every sandbox simulation code the spec declares, on any operation. */
export type SimulationCode = SimulationCodeOf<OperationId>;

/**
 * Per-call options, the last argument of every method (`K`: its operation, which types
 * `simulationCode`). Deadlines and retries default to the client's configuration.
 */
export interface CallOptions<K extends OperationId = OperationId> {
  /**
   * `x-amz-pay-idempotency-key` (at most 32 letters, digits, `_` or `-`). POSTs get a fresh one when
   * omitted; the same key is sent on every retry of the call.
   */
  idempotencyKey?: string;
  /** `x-amz-pay-authtoken`: a delegated token from `getAuthorizationToken`, to act for another merchant. */
  authToken?: string;
  /**
   * `x-amz-pay-simulation-code` (sandbox only): one of the codes the spec declares for this operation
   * (`createCharge`: `'HardDeclined'`, `'SoftDeclined'`…); another code fails to compile, and is
   * refused before sending.
   */
  simulationCode?: SimulationCodeOf<K>;
  /** Aborts the call, including retries and waits between them. */
  signal?: AbortSignal;
  /** More headers to send (and sign). */
  headers?: Record<string, string>;
  /**
   * Deadline of this call (every attempt, body read and wait), instead of the client's `timeoutMs`.
   * Each attempt still ends within the client's `attemptTimeoutMs`.
   */
  timeoutMs?: number;
  /** Retries of this call (0–10), instead of the client's `maxRetries`; 0 sends it once. */
  maxRetries?: number;
}

/**
 * The request behind a result, as the .NET SDK's `RawRequest` but complete: method, URL, headers and
 * JSON body as the last attempt sent them, without credentials (no `authorization`, no delegated
 * `x-amz-pay-authtoken`; user info is never in the URL).
 */
export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** Everything about the HTTP exchange behind a result, kept apart from the data. */
export interface ResponseMetadata {
  readonly operationId: OperationId;
  /** HTTP method sent. */
  readonly method: string;
  /** URL called (without credentials). */
  readonly url: string;
  /** The request sent, without credentials. */
  readonly request: RawRequest;
  readonly status: number;
  readonly headers: Headers;
  /** `x-amz-pay-request-id`, what Amazon support asks for. */
  readonly requestId: string | undefined;
  /** The body exactly as received. */
  readonly rawBody: string;
  /** Retries before this answer (0 when the first attempt answered). */
  readonly retries: number;
  /** Wall time of the whole call, retries included. */
  readonly durationMs: number;
  /** The `x-amz-pay-idempotency-key` that was sent, if any. */
  readonly idempotencyKey: string | undefined;
  /**
   * Where the 2xx body differs from the spec, in `validateResponses: 'warn'` mode (empty when it
   * matches): the one place such warnings go when no logger was given.
   */
  readonly validationIssues: readonly FieldIssue[];
}

/** A result with the HTTP exchange behind it: what the `withResponse` methods resolve to. */
export interface WithMetadata<T> {
  readonly data: T;
  readonly metadata: ResponseMetadata;
}

/**
 * The `withResponse` view of a client class: its operations resolving to `{ data, metadata }`
 * (`WithResponse<WebStoreClient>` is `WebStoreWithResponse`). A plain property lookup, so it also
 * works on a generic `C extends WebStoreClient`.
 */
export type WithResponse<Client extends { readonly withResponse: object }> = Client['withResponse'];
