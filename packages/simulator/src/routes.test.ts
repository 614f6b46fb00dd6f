import { operationSchemas } from '@amazon-pay-ts/types/zod';
import { describe, expect, it } from 'vitest';
import { allHandlers } from './resources/index.js';
import { compileRoutes, lookupRoute, splitEnvironment } from './routes.js';

const routes = compileRoutes();

describe('routes from the spec', () => {
  it('covers every operation of the spec', () => {
    expect(routes.map((r) => r.operation.operationId).sort()).toEqual(Object.keys(operationSchemas).sort());
  });

  it('has a hand-written state machine for every operation', () => {
    expect(Object.keys(allHandlers).sort()).toEqual(Object.keys(operationSchemas).sort());
  });

  it('splits the environment prefix off', () => {
    expect(splitEnvironment('/sandbox/v2/charges')).toEqual({ env: 'Sandbox', path: '/v2/charges' });
    expect(splitEnvironment('/live/v2/charges')).toEqual({ env: 'Live', path: '/v2/charges' });
    expect(splitEnvironment('/v2/charges')).toEqual({ env: null, path: '/v2/charges' });
  });

  it('matches methods and decodes path parameters', () => {
    const found = lookupRoute(routes, 'POST', '/sandbox/v2/charges/S01-1%2F2/capture');
    expect(found).toMatchObject({
      kind: 'match',
      env: 'Sandbox',
      match: { operation: { operationId: 'captureCharge' }, params: { chargeId: 'S01-1/2' } },
    });
    expect(lookupRoute(routes, 'PUT', '/v2/charges/x')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'PATCH'],
    });
    expect(lookupRoute(routes, 'GET', '/v2/charges/x/y/z')).toEqual({ kind: 'not-found' });
  });
});
