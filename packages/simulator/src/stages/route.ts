import { normalizeRegion } from '@amazon-pay-ts/signer';
import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import type { Realm } from '../engine.js';
import { ApiError, shown } from '../errors.js';
import type { RouteLookup } from '../routes.js';

/**
 * Route: the spec operation a request addresses (404 ResourceNotFound for no path, 404
 * UnsupportedOperation for a path without this method: the spec lists UnsupportedOperation under
 * 404, its status unverified), and the realm — environment from the path or the key id, region
 * from `x-amz-pay-region`.
 */
export interface RoutedRequest {
  operation: OperationSchema;
  params: Record<string, string>;
  realm: Realm;
}

export function requireOperation(
  lookup: RouteLookup,
  method: string,
  pathname: string,
  publicKeyId: string,
  regionHeader: string | undefined,
): RoutedRequest {
  if (lookup.kind === 'not-found')
    throw new ApiError(404, 'ResourceNotFound', `No Amazon Pay operation at ${shown(pathname)}.`);
  if (lookup.kind === 'method-not-allowed') {
    throw new ApiError(
      404,
      'UnsupportedOperation',
      `${shown(method)} is not supported on ${shown(pathname)}; use ${lookup.allowed.join(' or ')}.`,
    );
  }
  const keyEnv = /^live-/i.test(publicKeyId) ? 'Live' : /^sandbox-/i.test(publicKeyId) ? 'Sandbox' : null;
  return {
    operation: lookup.match.operation,
    params: lookup.match.params,
    realm: { env: lookup.env ?? keyEnv ?? 'Sandbox', region: normalizeRegion(regionHeader) ?? 'na' },
  };
}
