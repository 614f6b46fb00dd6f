import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { OperationId } from '../src/index.js';
import { operationSchemas } from '../src/zod.js';
import { loadFixtures } from './fixtures.js';

const requests = loadFixtures().filter((fixture) => fixture.kind === 'request');

interface Mutation {
  description: string;
  path: Array<string | number>;
  /** `undefined` deletes the property. */
  replacement: unknown;
}

function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodMiniOptional || current instanceof z.ZodMiniNullable)
      current = current._zod.def.innerType as z.ZodMiniType;
    else if (current instanceof z.ZodMiniLazy) current = current._zod.def.getter() as z.ZodMiniType;
    else return current;
  }
}

/**
 * Walks a request payload beside its schema and lists the mutations that must make it invalid:
 * removing each required property that is present, and putting an unknown value in each enum.
 */
function invalidatingMutations(
  schema: z.ZodMiniType,
  value: unknown,
  path: Array<string | number> = [],
): Mutation[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodMiniArray && Array.isArray(value)) {
    return value.flatMap((item, index) =>
      invalidatingMutations(inner._zod.def.element as z.ZodMiniType, item, [...path, index]),
    );
  }
  if (
    !(inner instanceof z.ZodMiniObject) ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value)
  ) {
    return [];
  }
  const mutations: Mutation[] = [];
  for (const [key, child] of Object.entries(value)) {
    const fieldSchema = inner.shape[key] as z.ZodMiniType | undefined;
    if (fieldSchema === undefined) continue;
    const fieldPath = [...path, key];
    if (!fieldSchema.safeParse(undefined).success) {
      mutations.push({
        description: `without required ${fieldPath.join('.')}`,
        path: fieldPath,
        replacement: undefined,
      });
    }
    if (unwrap(fieldSchema) instanceof z.ZodMiniEnum && typeof child === 'string') {
      mutations.push({
        description: `with unknown enum value at ${fieldPath.join('.')}`,
        path: fieldPath,
        replacement: 'NotAKnownValue',
      });
    }
    mutations.push(...invalidatingMutations(fieldSchema, child, fieldPath));
  }
  return mutations;
}

function applyMutation(payload: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(payload);
  let node = copy as Record<string | number, unknown>;
  for (const segment of mutation.path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = mutation.path.at(-1)!;
  if (mutation.replacement === undefined) delete node[last];
  else node[last] = mutation.replacement;
  return copy;
}

function bodySchema(operationId: string): z.ZodMiniType {
  const body = operationSchemas[operationId as OperationId].body;
  if (body === undefined) throw new Error(`${operationId} takes no body`);
  return body;
}

const cases = requests.flatMap((fixture) =>
  invalidatingMutations(bodySchema(fixture.operationId), fixture.payload).map(
    (mutation) => [`${fixture.name} ${mutation.description}`, fixture, mutation] as const,
  ),
);

describe('request schemas are strict', () => {
  it.each(cases)('%s is rejected', (_, fixture, mutation) => {
    expect(bodySchema(fixture.operationId).safeParse(applyMutation(fixture.payload, mutation)).success).toBe(
      false,
    );
  });

  it('are probed by every request fixture for a missing field', () => {
    const probed = new Set(
      cases.filter(([, , m]) => m.replacement === undefined).map(([, fixture]) => fixture.name),
    );
    const bodiesWithRequiredFields = requests.filter((fixture) => {
      const body = unwrap(bodySchema(fixture.operationId));
      return (
        body instanceof z.ZodMiniObject &&
        Object.values(body.shape).some((f) => !z.safeParse(f, undefined).success)
      );
    });
    expect(
      bodiesWithRequiredFields.map((fixture) => fixture.name).filter((name) => !probed.has(name)),
    ).toEqual([]);
    expect(cases.some(([, , m]) => m.replacement === 'NotAKnownValue')).toBe(true);
  });

  it('reject the classic mistakes by name', () => {
    const checkout = {
      storeId: 'amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example.com/review' },
    };
    const createCheckoutSession = bodySchema('createCheckoutSession');
    expect(createCheckoutSession.safeParse(checkout).success).toBe(true);
    expect(createCheckoutSession.safeParse({ webCheckoutDetails: checkout.webCheckoutDetails }).success).toBe(
      false,
    );
    expect(createCheckoutSession.safeParse({ ...checkout, chargePermissionType: 'Sometimes' }).success).toBe(
      false,
    );

    const createCharge = bodySchema('createCharge');
    const charge = {
      chargePermissionId: 'S01-1234567-1234567',
      chargeAmount: { amount: '14.00', currencyCode: 'USD' },
    };
    expect(createCharge.safeParse(charge).success).toBe(true);
    expect(
      createCharge.safeParse({ ...charge, chargeAmount: { amount: 14.5, currencyCode: 'USD' } }).success,
    ).toBe(true);
    expect(
      createCharge.safeParse({ ...charge, chargeAmount: { amount: '14.00', currencyCode: 'XYZ' } }).success,
    ).toBe(false);
    expect(
      createCharge.safeParse({ ...charge, chargeAmount: { amount: '14.005', currencyCode: 'USD' } }).success,
    ).toBe(false);
    expect(createCharge.safeParse({ chargeAmount: charge.chargeAmount }).success).toBe(false);
  });
});
