import type { OperationId, operations } from '@amazon-pay-ts/types';
import type { operationSchemas } from '@amazon-pay-ts/types/zod';
import type { Engine, Realm } from './engine.js';

/**
 * The operation handlers' types, derived from the spec (`@amazon-pay-ts/types`): the table has a
 * handler for every operationId, each takes the operation's own path parameters and request body
 * and returns the body of its success response. A spec change — an operation added, a response
 * field renamed or removed, a body reshaped — fails the type check here, not a request at run time.
 */
type Operation<K extends OperationId> = operations[K];
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type Responses<K extends OperationId> = Operation<K>['responses'];

/** The status the spec gives K's success (its first 2xx response). */
export type DefaultStatus<K extends OperationId> = (typeof operationSchemas)[K]['successStatus'];

/** Every 2xx status the spec declares for K (complete and finalize also answer 202). */
export type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204>;

/** The JSON body the spec declares for K's `S` answer; `undefined` for one without content. */
export type ResponseBody<K extends OperationId, S> = S extends keyof Responses<K>
  ? JsonContent<Responses<K>[S]>
  : never;

/** What K's handler returns for its default success. */
export type SuccessBody<K extends OperationId> = ResponseBody<K, DefaultStatus<K>>;

/** K's JSON request body, validated against the spec before the handler runs; `{}` when K takes none. */
export type RequestBody<K extends OperationId> =
  Operation<K> extends { requestBody: infer R } ? JsonContent<R> : Record<string, never>;

type PathOf<K extends OperationId> = NonNullable<Operation<K>['parameters']['path']>;
/** K's path parameters by name, decoded. */
export type PathParams<K extends OperationId> = [PathOf<K>] extends [never]
  ? Record<string, never>
  : PathOf<K>;

/** Another success the spec declares for the operation, e.g. `new WithStatus(202, view)` for a pending authorization. */
export class WithStatus<S extends number, B> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}

type OtherStatus<K extends OperationId> = Exclude<SuccessStatus<K>, DefaultStatus<K>>;
type OtherSuccess<K extends OperationId> = {
  [S in OtherStatus<K>]: WithStatus<S, ResponseBody<K, S>>;
}[OtherStatus<K>];

/** What a handler gets: the validated request, who sent it, and the simulator's world. */
export interface RequestContext<K extends OperationId> {
  operationId: K;
  /** The caller: the merchant owning the signing key, and the key itself. */
  merchantId: string;
  publicKeyId: string;
  params: PathParams<K>;
  query: URLSearchParams;
  body: RequestBody<K>;
  headers: Record<string, string>;
  realm: Realm;
  /** `x-amz-pay-simulation-code`, already checked against the operation's list. */
  simulationCode: string | null;
  engine: Engine;
}

/** A state machine step for operation K. */
export type Handler<K extends OperationId> = (ctx: RequestContext<K>) => SuccessBody<K> | OtherSuccess<K>;

/** One handler per operation of the spec. */
export type HandlerTable = { [K in OperationId]: Handler<K> };

type AllKeys<T> = T extends unknown ? keyof T : never;
type PropertyOf<T, P extends PropertyKey> = T extends unknown ? (P extends keyof T ? T[P] : never) : never;
type ItemOf<T> = T extends readonly (infer I)[] ? I : never;
type Unwrapped<R> = R extends WithStatus<number, infer B> ? B : R;

/**
 * The paths of the fields `A` has that the spec's `S` does not declare, at any depth (`never` when
 * none): structural typing lets extra fields through, so a field removed from the spec would still
 * be sent. `resources/index.ts` requires this to be `never` for every handler.
 */
export type UndeclaredFields<A, S, Path extends string = ''> = A extends
  | null
  | undefined
  | string
  | number
  | boolean
  ? never
  : A extends readonly (infer Item)[]
    ? UndeclaredFields<Item, ItemOf<NonNullable<S>>, `${Path}[]`>
    : A extends object
      ? {
          [P in keyof A & string]: P extends AllKeys<NonNullable<S>>
            ? UndeclaredFields<A[P], PropertyOf<NonNullable<S>, P>, `${Path}.${P}`>
            : `${Path}.${P}`;
        }[keyof A & string]
      : never;

/** For each operation of a handler table, the fields its handler returns that the spec does not declare. */
export type UndeclaredResponseFields<T extends HandlerTable> = {
  [K in OperationId]: UndeclaredFields<Unwrapped<ReturnType<T[K]>>, SuccessBody<K>, K>;
}[OperationId];
