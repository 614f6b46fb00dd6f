import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../handler.js';
import { dispatch } from './dispatch.js';

const op = (operationSchemas as unknown as Record<string, OperationSchema>).getCharge!;
const ctx = {} as RequestContext;

describe('dispatch', () => {
  it("uses the handler's status, else the spec's success status", () => {
    expect(dispatch({ getCharge: () => ({ body: 1 }) }, op, ctx)).toEqual({
      status: op.successStatus,
      body: 1,
    });
    expect(dispatch({ getCharge: () => ({ status: 202, body: 2 }) }, op, ctx)).toEqual({
      status: 202,
      body: 2,
    });
  });

  it('answers 501 for an operation without a state machine', () => {
    expect(() => dispatch({}, op, ctx)).toThrow(expect.objectContaining({ status: 501 }));
  });
});
