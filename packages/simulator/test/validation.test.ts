import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const idem = (key: string) => ({ 'x-amz-pay-idempotency-key': key });

describe('request validation from the spec schemas', () => {
  it('names a missing required field (MissingParameterValue)', async () => {
    const { storeId: _storeId, ...withoutStore } = createBody;
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: withoutStore,
      headers: idem('v1'),
    });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ reasonCode: 'MissingParameterValue' });
    expect(String(result.json.message)).toContain("'storeId'");
  });

  it('names a nested invalid value (InvalidParameterValue)', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: { ...createBody, paymentDetails: { paymentIntent: 'Steal' } },
      headers: idem('v2'),
    });
    expect(result.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(result.json.message)).toContain("'Steal' provided for 'paymentDetails.paymentIntent'");
  });

  it('rejects amounts with more decimals than the currency has', async () => {
    const { json } = await signedFetch(world, '/v2/checkoutSessions', {
      body: { ...createBody, paymentDetails: { chargeAmount: { amount: '1.005', currencyCode: 'USD' } } },
      headers: idem('v3'),
    });
    expect(json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(json.message)).toContain('paymentDetails.chargeAmount.amount');
  });

  it('validates the query, naming the parameter', async () => {
    const statuses = await signedFetch(world, '/v2/reports?processingStatuses=NOPE');
    expect(statuses.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(statuses.json.message)).toContain("'NOPE' provided for 'processingStatuses[0]'");
    const since = await signedFetch(world, '/v2/reports?createdSince=yesterday');
    expect(String(since.json.message)).toContain("'yesterday' provided for 'createdSince'");
  });

  it('rejects a body that is not JSON (InvalidRequestFormat)', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: '{"storeId":',
      headers: idem('v4'),
    });
    expect(result).toMatchObject({ status: 400, json: { reasonCode: 'InvalidRequestFormat' } });
  });

  it('rejects a missing body where the operation needs one', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', { method: 'POST', headers: idem('v5') });
    expect(result).toMatchObject({ status: 400, json: { reasonCode: 'InvalidRequestFormat' } });
  });

  it('rejects an idempotency key that breaks the documented pattern (InvalidHeaderValue)', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers: idem('has spaces!'),
    });
    expect(result.json).toMatchObject({ reasonCode: 'InvalidHeaderValue' });
  });

  it('answers 404 ResourceNotFound for paths outside the spec and UnsupportedOperation (404, as the spec lists it) for other methods', async () => {
    const missing = await signedFetch(world, '/v2/nothingHere');
    expect(missing).toMatchObject({ status: 404, json: { reasonCode: 'ResourceNotFound' } });
    const wrongMethod = await signedFetch(world, '/v2/charges/S01-1234567-1234567-C000001/capture', {
      method: 'GET',
    });
    expect(wrongMethod).toMatchObject({ status: 404, json: { reasonCode: 'UnsupportedOperation' } });
    expect(String(wrongMethod.json.message)).toContain('POST');
  });

  it('answers UnrecognizedField for a field the spec does not know, unless told not to', async () => {
    const lenientWorld = await startWorld({ rejectUnknownFields: false });
    try {
      const typo = await signedFetch(world, '/v2/checkoutSessions', {
        body: { ...createBody, paymentDetail: { paymentIntent: 'Authorize' } },
        headers: idem('u1'),
      });
      expect(typo).toMatchObject({ status: 400, json: { reasonCode: 'UnrecognizedField' } });
      expect(String(typo.json.message)).toBe("The field 'paymentDetail' is invalid for this API.");
      const lenient = await signedFetch(lenientWorld, '/v2/checkoutSessions', {
        body: { ...createBody, paymentDetail: { paymentIntent: 'Authorize' } },
        headers: idem('u2'),
      });
      expect(lenient.status).toBe(201);
    } finally {
      await lenientWorld.sim.close();
    }
  });

  it('every answer carries x-amz-pay-request-id, errors included', async () => {
    const result = await signedFetch(world, '/v2/nothingHere');
    expect(result.headers.get('x-amz-pay-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
