// The client validates through its generated schema table (src/schema-table.ts), the types package
// through zod. Both are written from the same spec by the same rules; this proves they agree: for
// every request body, query, success body and button payload the client checks, the table's verdict
// (pass or fail) equals the zod schema's on every fixture, on mutations of each (unknown fields, new
// enum values, each field removed, set to null or to a value of each other JSON type) and on values
// fast-check makes up.
import type { OperationId } from '@amazon-pay-ts/types';
import {
  AdditionalPaymentButtonPayloadSchema,
  CheckoutButtonPayloadSchema,
  operationSchemas,
  PaymentMethodOnFileButtonPayloadSchema,
  RecurringButtonPayloadSchema,
  SignInButtonPayloadSchema,
} from '@amazon-pay-ts/types/zod';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { loadFixtures, replaceProperties, withUnknownFields } from '../../types/test/fixtures.js';
import type { ButtonKind } from '../src/button-payload.js';
import {
  BUTTON_PAYLOAD_NODES,
  OPERATION_VALIDATORS,
  SCHEMA_NODES,
} from '../src/generated/operation-validators.js';
import { checkSchema, type SchemaNode } from '../src/schema-table.js';
import { buttonPayloads } from './support/button-payloads.js';

interface Target {
  name: string;
  node: SchemaNode;
  zod: z.ZodMiniType;
  /** Valid values to mutate. */
  samples: unknown[];
}

const fixtures = loadFixtures();
const zodButtons: Record<ButtonKind, z.ZodMiniType> = {
  checkout: CheckoutButtonPayloadSchema,
  recurring: RecurringButtonPayloadSchema,
  paymentMethodOnFile: PaymentMethodOnFileButtonPayloadSchema,
  additionalPayment: AdditionalPaymentButtonPayloadSchema,
  signIn: SignInButtonPayloadSchema,
};

// Wire-form queries (what checkQuery sees) for the operations that take one.
const querySamples: Record<string, Record<string, string>[]> = {
  getReports: [
    {},
    { reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_', pageSize: '10' },
    { processingStatuses: 'COMPLETED,IN_PROGRESS', createdSince: '20240101T000000Z', nextToken: 'n' },
  ],
  getReportSchedules: [{}, { reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_' }],
  getDisbursements: [
    { startTime: '2024-01-01T00:00:00Z', endTime: '20240201T000000Z', pageSize: '5', nextToken: 'x' },
  ],
  getAuthorizationToken: [{ merchantId: 'M1' }],
};

const targets: Target[] = [];
for (const [operationId, validators] of Object.entries(OPERATION_VALIDATORS)) {
  const schemas = operationSchemas[operationId as OperationId];
  const of = (kind: 'request' | 'response') =>
    fixtures.filter((f) => f.operationId === operationId && f.kind === kind).map((f) => f.payload);
  if (validators.body !== undefined) {
    expect(schemas.body, operationId).toBeDefined();
    targets.push({
      name: `${operationId} body`,
      node: validators.body,
      zod: schemas.body!,
      samples: of('request'),
    });
  }
  if (validators.query !== undefined) {
    targets.push({
      name: `${operationId} query`,
      node: validators.query,
      zod: schemas.query,
      samples: querySamples[operationId] ?? [{}],
    });
  }
  targets.push({
    name: `${operationId} response`,
    node: validators.response,
    zod: schemas.response,
    samples: of('response'),
  });
}
for (const [kind, node] of Object.entries(BUTTON_PAYLOAD_NODES)) {
  targets.push({
    name: `${kind} button payload`,
    node,
    zod: zodButtons[kind as ButtonKind],
    samples: [buttonPayloads[kind as ButtonKind]],
  });
}

const tablePasses = (target: Target, value: unknown) =>
  checkSchema(SCHEMA_NODES, target.node, value).length === 0;
const zodPasses = (target: Target, value: unknown) => target.zod.safeParse(value).success;

/** Every place inside a JSON value, as paths of keys and indexes. */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...path, index], ...pathsIn(item, [...path, index])]);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...path, key], ...pathsIn(child, [...path, key])]);
}

/** A copy with the value at `path` replaced (or the key deleted when `replacement` is undefined). */
function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  if (replacement === undefined && !Array.isArray(node)) delete node[path.at(-1)!];
  else node[path.at(-1)!] = replacement;
  return copy;
}

// One of each JSON type, plus the values the schemas' checks turn on (decimals, bounds, formats).
const replacements: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  3,
  12.345,
  19.99,
  1e21,
  '',
  'NotAKnownValue',
  'StateAddedLater',
  '12.34',
  '12.345',
  '20240101T000000Z',
  'https://shop.example/x',
  'buyer@example.com',
  'x'.repeat(300),
  { value: '1.00' },
  [],
  ['x'],
];

/** The mutations of a valid value: every place set to each replacement, unknown fields everywhere, every state renamed. */
function mutationsOf(sample: unknown): unknown[] {
  const mutations: unknown[] = [sample, withUnknownFields(sample)];
  mutations.push(replaceProperties(sample, 'state', (v) => typeof v === 'string', 'StateAddedLater').value);
  mutations.push(replaceProperties(sample, 'amount', (v) => typeof v === 'string', { value: '1.00' }).value);
  mutations.push(replaceProperties(sample, 'state', (v) => typeof v === 'string', 3).value);
  for (const path of pathsIn(sample)) {
    for (const replacement of replacements) mutations.push(withValueAt(sample, path, replacement));
  }
  return mutations;
}

function disagreements(target: Target, values: unknown[]): unknown[] {
  return values.filter((value) => tablePasses(target, value) !== zodPasses(target, value));
}

describe('the schema table agrees with the zod schemas', () => {
  it('covers every operation the client validates, with fixtures for the bodies that have them', () => {
    expect(targets.length).toBeGreaterThan(60);
    const withSamples = targets.filter((target) => target.samples.length > 0);
    expect(withSamples.length).toBeGreaterThan(50);
    expect(targets.filter((t) => t.name.endsWith('query'))).toHaveLength(Object.keys(querySamples).length);
  });

  let compared = 0;
  let rejected = 0;
  it.each(targets.map((target) => [target.name, target] as const))(
    '%s: fixtures and their mutations',
    (_, target) => {
      for (const sample of target.samples) expect(zodPasses(target, sample)).toBe(true);
      const values = target.samples.flatMap(mutationsOf);
      compared += values.length;
      expect(disagreements(target, values)).toEqual([]);
      rejected += values.filter((value) => !zodPasses(target, value)).length;
    },
  );

  it('compared tens of thousands of values, thousands of them invalid', () => {
    // Both kinds of verdict must be common, or the comparison proves little.
    expect(compared).toBeGreaterThan(50_000);
    expect(rejected).toBeGreaterThan(30_000);
    expect(compared - rejected).toBeGreaterThan(15_000);
  });

  it('on random values made up by fast-check', () => {
    const scalar = fc.oneof(
      fc.constantFrom(...replacements),
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.stringMatching(/^\d{1,3}(\.\d{1,4})?$/),
      fc.constantFrom('Year', 'Month', 'USD', 'JPY', 'Authorize', 'Completed', 'true', 'no'),
    );
    const json = fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.string(), scalar));
    const withSamples = targets.filter((target) => target.samples.length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...withSamples),
        fc.nat(),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), json), { minLength: 1, maxLength: 3 }),
        (target, sampleIndex, _, edits) => {
          let value = target.samples[sampleIndex % target.samples.length];
          for (const [pathIndex, replacement] of edits) {
            const paths = pathsIn(value);
            value =
              paths.length === 0
                ? replacement
                : withValueAt(value, paths[pathIndex % paths.length]!, replacement);
          }
          expect(tablePasses(target, value), `${target.name}: ${JSON.stringify(value)}`).toBe(
            zodPasses(target, value),
          );
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.anything(), (target, value) => {
        expect(tablePasses(target, value), target.name).toBe(zodPasses(target, value));
      }),
      { numRuns: 2000 },
    );
  });
});
