import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import { ApiError } from '../errors.js';
import type { Dispatched } from './dispatch.js';

/**
 * Respond: checks a handler's answer against the spec's response schema (a mismatch is a
 * simulator bug, named by field) and serialises it; turns anything thrown into Amazon's error shape.
 */
export function serialise(operation: OperationSchema, result: Dispatched, checkResponses: boolean): string {
  if (checkResponses) {
    const check = operation.response.safeParse(result.body);
    if (!check.success) {
      const issue = check.error.issues[0]!;
      throw new ApiError(
        500,
        'InternalServerError',
        `Simulator bug: its ${operation.operationId} response does not match the spec at '${issue.path.join('.')}': ${issue.message}.`,
      );
    }
  }
  // A success without content (Update Merchant Account's 204) is sent with an empty body.
  return result.body === undefined ? '' : JSON.stringify(result.body);
}

/** What to answer for anything a stage threw. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(
    500,
    'InternalServerError',
    `Simulator error: ${(error as Error)?.message ?? String(error)}`,
  );
}
