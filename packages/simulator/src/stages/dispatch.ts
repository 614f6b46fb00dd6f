import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import { ApiError } from '../errors.js';
import type { HandlerTable, RequestContext } from '../handler.js';

/** Dispatch: hands the validated request to the operation's state machine in resources/. */
export interface Dispatched {
  status: number;
  body: unknown;
}

export function dispatch(
  handlers: HandlerTable,
  operation: OperationSchema,
  ctx: RequestContext,
): Dispatched {
  const handler = handlers[operation.operationId];
  if (!handler) throw new ApiError(501, 'UnsupportedOperation', `${operation.operationId} is not simulated.`);
  const result = handler(ctx);
  return { status: result.status ?? operation.successStatus, body: result.body };
}
