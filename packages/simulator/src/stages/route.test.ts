import { describe, expect, it } from 'vitest';
import { compileRoutes, lookupRoute } from '../routes.js';
import { requireOperation } from './route.js';

const routes = compileRoutes();

describe('route stage', () => {
  it('answers 404 ResourceNotFound and 404 UnsupportedOperation', () => {
    expect(() =>
      requireOperation(lookupRoute(routes, 'GET', '/v2/nothing'), 'GET', '/v2/nothing', 'k', undefined),
    ).toThrow(expect.objectContaining({ status: 404, reasonCode: 'ResourceNotFound' }));
    const path = '/v2/checkoutSessions';
    expect(() => requireOperation(lookupRoute(routes, 'PUT', path), 'PUT', path, 'k', undefined)).toThrow(
      expect.objectContaining({ status: 404, reasonCode: 'UnsupportedOperation' }),
    );
  });

  it('takes the environment from the path, else from the key id, and the region from the header', () => {
    const live = requireOperation(
      lookupRoute(routes, 'GET', '/v2/charges/x'),
      'GET',
      '/v2/charges/x',
      'LIVE-ABC',
      'de',
    );
    expect(live.realm).toEqual({ env: 'Live', region: 'eu' });
    expect(live.operation.operationId).toBe('getCharge');
    const sandbox = requireOperation(
      lookupRoute(routes, 'GET', '/sandbox/v2/charges/x'),
      'GET',
      '/sandbox/v2/charges/x',
      'LIVE-ABC',
      undefined,
    );
    expect(sandbox.realm).toEqual({ env: 'Sandbox', region: 'na' });
    expect(sandbox.params).toEqual({ chargeId: 'x' });
  });
});
