import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import { WithStatus } from '../handler.js';
import { type DispatchInput, dispatch } from './dispatch.js';

const op = (operationSchemas as unknown as Record<string, OperationSchema>).completeCheckoutSession!;
const input = {} as DispatchInput;
const session = { checkoutSessionId: 'cs-1' };

describe('dispatch', () => {
  it("answers the spec's success status with the handler's body, or the status it names", () => {
    expect(dispatch({ completeCheckoutSession: () => session }, op, input)).toEqual({
      status: op.successStatus,
      body: session,
    });
    expect(dispatch({ completeCheckoutSession: () => new WithStatus(202, session) }, op, input)).toEqual({
      status: 202,
      body: session,
    });
  });

  it('answers 501 for an operation without a state machine', () => {
    expect(() => dispatch({}, op, input)).toThrow(expect.objectContaining({ status: 501 }));
  });
});
