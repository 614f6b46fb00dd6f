import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { asApiError, serialise } from './respond.js';

const op = (operationSchemas as unknown as Record<string, OperationSchema>).getCharge!;

describe('respond', () => {
  it('names the field where a response departs from the spec, or skips the check when told', () => {
    const bad = { status: 200, body: { chargeId: 42 } };
    expect(() => serialise(op, bad, true)).toThrow(/getCharge response does not match the spec/);
    expect(serialise(op, bad, false)).toBe('{"chargeId":42}');
  });

  it('sends an empty body for a success without content (204 Update Merchant Account)', () => {
    const update = (operationSchemas as unknown as Record<string, OperationSchema>).updateAmazonPayAccount!;
    expect(update.successStatus).toBe(204);
    expect(serialise(update, { status: 204, body: undefined }, true)).toBe('');
    expect(() => serialise(update, { status: 204, body: { merchantAccountId: 'A' } }, true)).toThrow(
      /does not match the spec/,
    );
  });

  it('keeps ApiErrors and wraps anything else', () => {
    const known = new ApiError(404, 'ResourceNotFound', 'x');
    expect(asApiError(known)).toBe(known);
    expect(asApiError(new Error('boom'))).toMatchObject({ status: 500, reasonCode: 'InternalServerError' });
  });
});
