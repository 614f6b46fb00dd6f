import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { type OperationId, operationIds } from '../src/index.js';
import { operationSchemas } from '../src/zod.js';
import {
  type Fixture,
  fixtureNamePattern,
  jsonFileNames,
  loadFixtures,
  replaceEachProperty,
  replaceProperties,
  withNullAt,
  withUnknownFields,
} from './fixtures.js';

const fixtures = loadFixtures();
const responses = fixtures.filter((fixture) => fixture.kind === 'response');
const requests = fixtures.filter((fixture) => fixture.kind === 'request');

function schemaFor(fixture: Fixture): z.ZodMiniType {
  const operation = operationSchemas[fixture.operationId as OperationId];
  const schema = fixture.kind === 'request' ? operation.body : operation.response;
  if (schema === undefined) throw new Error(`${fixture.operationId} takes no request body`);
  return schema;
}

function issuesOf(schema: z.ZodMiniType, payload: unknown): string[] {
  const result = schema.safeParse(payload);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('fixtures', () => {
  it('are named <operationId>.<request|response>[.N].json after a known operation', () => {
    const names = jsonFileNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const operationId = fixtureNamePattern.exec(name.split('/')[1]!)?.groups?.operationId;
      expect(operationIds, name).toContain(operationId);
    }
  });

  it('cover every operation: a response payload, and a request payload where it takes a body', () => {
    // Operations without a documented sample to base a fixture on. Keep this list exact: the test
    // fails when one gains a fixture, so the entry goes.
    const withoutResponseSample = ['claimMerchantAccount'];
    const missing = operationIds.flatMap((id) => {
      const has = (kind: Fixture['kind']) => fixtures.some((f) => f.operationId === id && f.kind === kind);
      // A success without content (Update Merchant Account's 204) has no payload to sample.
      const hasNoBody = operationSchemas[id].response.safeParse(undefined).success;
      return [
        ...(has('response') || hasNoBody ? [] : [`${id} response`]),
        ...(operationSchemas[id].body === undefined || has('request') ? [] : [`${id} request`]),
      ];
    });
    expect(missing).toEqual(withoutResponseSample.map((id) => `${id} response`));
  });

  it('include a response payload for every resource folder', () => {
    const resources = new Set(fixtures.map((fixture) => fixture.resource));
    for (const resource of resources) {
      expect(
        responses.some((fixture) => fixture.resource === resource),
        resource,
      ).toBe(true);
    }
  });
});

describe.each(responses.map((fixture) => [fixture.name, fixture] as const))('response %s', (_, fixture) => {
  const schema = schemaFor(fixture);

  it('validates against the generated response schema', () => {
    expect(issuesOf(schema, fixture.payload)).toEqual([]);
  });

  it('still validates with unknown fields on every object', () => {
    const mutated = withUnknownFields(fixture.payload);
    expect(issuesOf(schema, mutated)).toEqual([]);
    // Unknown fields are kept, not stripped, so callers can still read them.
    expect(JSON.stringify(schema.parse(mutated))).toContain('fieldAmazonAddedLater');
  });

  it('still validates with a state Amazon adds later', () => {
    const { value } = replaceProperties(
      fixture.payload,
      'state',
      (v) => typeof v === 'string',
      'StateAddedLater',
    );
    expect(issuesOf(schema, value)).toEqual([]);
  });

  it('rejects each amount sent as an object and each state sent as a number', () => {
    const mutations = [
      ...replaceEachProperty(fixture.payload, 'amount', (v) => typeof v === 'string', { value: '1.00' }),
      ...replaceEachProperty(fixture.payload, 'state', (v) => typeof v === 'string', 3),
    ];
    for (const mutation of mutations)
      expect(schema.safeParse(mutation.value).success, mutation.path).toBe(false);
  });
});

describe('wrong types', () => {
  it('are exercised by enough fixtures to mean something', () => {
    const withAmount = responses.filter(
      (fixture) => replaceProperties(fixture.payload, 'amount', (v) => typeof v === 'string', 0).count > 0,
    );
    const withState = responses.filter(
      (fixture) => replaceProperties(fixture.payload, 'state', (v) => typeof v === 'string', 0).count > 0,
    );
    expect(withAmount.length).toBeGreaterThanOrEqual(5);
    expect(withState.length).toBeGreaterThanOrEqual(5);
  });
});

// Paths where Amazon's own SDK test fixtures carry `null` (facts about the wire format): our
// response schemas must accept null there.
const nullsAmazonSends: Record<string, string[]> = {
  getCheckoutSession: [
    'webCheckoutDetails.amazonPayRedirectUrl',
    'paymentDetails.totalOrderAmount',
    'paymentDetails.softDescriptor',
    'paymentDetails.allowOvercharge',
    'paymentDetails.extendExpiration',
    'recurringMetadata',
    'supplementaryData',
    'billingAddress.addressLine2',
    'billingAddress.addressLine3',
    'billingAddress.county',
    'billingAddress.district',
    'billingAddress.phoneNumber',
    'statusDetails.reasonCode',
    'statusDetails.reasonDescription',
    'shippingAddress',
    'platformId',
    'chargePermissionId',
    'chargeId',
    'providerMetadata.providerReferenceId',
    'checkoutButtonText',
    'deliverySpecifications',
  ],
  getChargePermission: [
    'chargePermissionReferenceId',
    'platformId',
    'buyer.primeMembershipTypes',
    'shippingAddress',
    'billingAddress.addressLine2',
    'billingAddress.addressLine3',
    'billingAddress.county',
    'billingAddress.district',
    'paymentPreferences.0.paymentDescriptor',
    'statusDetails.reasons',
    'expirationTimestamp',
    'merchantMetadata.noteToBuyer',
    'merchantMetadata.customInformation',
    'limits.amountLimit',
    'limits.amountBalance',
    'recurringMetadata.frequency',
    'recurringMetadata.amount',
  ],
  createRefund: ['statusDetails.reasonCode', 'statusDetails.reasonDescription'],
};

describe.each(Object.entries(nullsAmazonSends))('%s with the nulls Amazon sends', (operationId, paths) => {
  const samples = responses.filter((fixture) => fixture.operationId === operationId);

  it('has a fixture to try them on', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(paths)('accepts null at %s', (path) => {
    for (const fixture of samples) {
      const mutated = withNullAt(fixture.payload, path);
      if (mutated !== undefined) expect(issuesOf(schemaFor(fixture), mutated), fixture.name).toEqual([]);
    }
  });
});

describe.each(requests.map((fixture) => [fixture.name, fixture] as const))('request %s', (_, fixture) => {
  it('validates against the generated request schema', () => {
    expect(issuesOf(schemaFor(fixture), fixture.payload)).toEqual([]);
  });
});
