import type { OperationId } from '@amazon-pay-ts/types';
import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import type { Engine, Realm } from '../engine.js';
import { ApiError } from '../errors.js';
import { type HandlerTable, WithStatus } from '../handler.js';

/** Dispatch: hands the validated request to the operation's state machine in resources/. */
export interface Dispatched {
  status: number;
  body: unknown;
}

/** The request as the earlier stages checked it against the spec: the handler's context, untyped. */
export interface DispatchInput {
  operationId: string;
  merchantId: string;
  publicKeyId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  realm: Realm;
  simulationCode: string | null;
  engine: Engine;
}

/**
 * Runs the operation's handler. This is the one place where a request meets its typed handler: the
 * request stage validated it with the zod schemas generated from the same spec as the handler's
 * types, so the input is the `RequestContext` of that operation.
 */
export function dispatch(
  handlers: Partial<HandlerTable>,
  operation: OperationSchema,
  input: DispatchInput,
): Dispatched {
  const handler = handlers[operation.operationId as OperationId] as
    | ((ctx: DispatchInput) => unknown)
    | undefined;
  if (!handler) throw new ApiError(501, 'UnsupportedOperation', `${operation.operationId} is not simulated.`);
  const result = handler(input);
  return result instanceof WithStatus
    ? { status: result.status, body: result.body }
    : { status: operation.successStatus, body: result };
}
