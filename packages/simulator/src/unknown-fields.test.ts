import { CreateCheckoutSessionRequestSchema } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { findUnknownField } from './unknown-fields.js';

describe('findUnknownField', () => {
  const schema = z.looseObject({
    a: z.string(),
    b: z.optional(z.object({ c: z.number() })),
    d: z.union([z.string(), z.object({ e: z.string() })]),
    f: z.array(z.object({ g: z.string() })),
  });

  it('finds unknown fields at any depth, through optionals, unions and arrays', () => {
    expect(findUnknownField(schema, { a: 'x', d: 'y', f: [] })).toBeUndefined();
    expect(findUnknownField(schema, { a: 'x', typo: 1 })).toBe('typo');
    expect(findUnknownField(schema, { b: { c: 1, z: 2 } })).toBe('b.z');
    expect(findUnknownField(schema, { d: { e: 'x', q: 1 } })).toBe('d.q');
    expect(findUnknownField(schema, { f: [{ g: 'x' }, { h: 'y' }] })).toBe('f[1].h');
  });

  it('knows the spec request schemas', () => {
    const body = {
      storeId: 'amzn1.application-oa2-client.x',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://m.example/r' },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '1.00', currencyCode: 'USD' } },
    };
    expect(findUnknownField(CreateCheckoutSessionRequestSchema, body)).toBeUndefined();
    expect(findUnknownField(CreateCheckoutSessionRequestSchema, { ...body, paymentDetail: {} })).toBe(
      'paymentDetail',
    );
  });
});
