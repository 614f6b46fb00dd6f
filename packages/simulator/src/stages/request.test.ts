import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import { checkHeaders, parseJsonBody, validateRequest } from './request.js';

const ops = operationSchemas as unknown as Record<string, OperationSchema>;
const input = (body: unknown) => ({
  body,
  params: {},
  query: new URLSearchParams(),
  headers: {},
  env: 'Sandbox' as const,
});

describe('request validation', () => {
  it('names a missing required header', () => {
    expect(() => checkHeaders(ops.createCheckoutSession!, {})).toThrow(
      expect.objectContaining({ reasonCode: 'MissingHeader' }),
    );
  });

  it('parses JSON and answers InvalidRequestFormat for anything else', () => {
    expect(parseJsonBody(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(new Uint8Array())).toBeUndefined();
    expect(() => parseJsonBody(new TextEncoder().encode('{'))).toThrow(
      expect.objectContaining({ status: 400, reasonCode: 'InvalidRequestFormat' }),
    );
  });

  it('answers UnrecognizedField for a field the spec does not describe, unless turned off', () => {
    const body = {
      chargePermissionId: 'S01-1-1',
      chargeAmount: { amount: '1.00', currencyCode: 'USD' },
      nope: 1,
    };
    expect(() => validateRequest(ops.createCharge!, input(body), { rejectUnknownFields: true })).toThrow(
      expect.objectContaining({ reasonCode: 'UnrecognizedField' }),
    );
    expect(validateRequest(ops.createCharge!, input(body), { rejectUnknownFields: false }).body).toBe(body);
  });

  it('refuses a simulation code the operation does not have', () => {
    const request = {
      ...input(undefined),
      params: { checkoutSessionId: 'x' },
      headers: { 'x-amz-pay-simulation-code': 'HardDeclined' },
    };
    expect(() => validateRequest(ops.getCheckoutSession!, request, { rejectUnknownFields: true })).toThrow(
      expect.objectContaining({ reasonCode: 'InvalidSandboxSimulationSpecified' }),
    );
  });
});
