import { ApiError, shown } from '../errors.js';
import type { KeyRing, Verified } from '../signature.js';
import { registeredAuthorization, verifySignature } from '../signature.js';
import type { Store } from '../store.js';

/**
 * Authenticate: the request's signature (by a registered key, dated within the allowed skew),
 * the signed host, and a delegated `x-amz-pay-authtoken` if one is sent. Returns the caller: the
 * key and the merchant it belongs to.
 */
export interface AuthenticateOptions {
  keys: KeyRing;
  store: Store;
  maxSkewMs: number;
  checkHost: boolean;
}

export interface SignedApiRequest {
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * What can be checked from the headers alone, before any of the body is read: the request is
 * signed, the authorization header is well formed, and its key is registered. An unsigned or
 * unknown caller is answered without reading (or holding) its body.
 */
export function precheck(keys: KeyRing, headers: Record<string, string>): void {
  registeredAuthorization(keys, headers);
}

export async function authenticate(
  options: AuthenticateOptions,
  request: SignedApiRequest,
): Promise<Verified> {
  const { headers } = request;
  const verified = await verifySignature(
    options.keys,
    { method: request.method, url: request.target, headers, body: request.body },
    // Signatures are dated by the sender's real clock; simulated time only drives state changes.
    new Date(),
    options.maxSkewMs,
  );
  const signedHost = headers['x-amz-pay-host'];
  if (
    options.checkHost &&
    signedHost !== undefined &&
    headers.host !== undefined &&
    signedHost !== headers.host
  ) {
    throw new ApiError(
      400,
      'InvalidHeaderValue',
      `x-amz-pay-host ${shown(signedHost)} does not match the host this request was sent to (${shown(headers.host)}); sign the host of the URL you call.`,
    );
  }
  const authToken = headers['x-amz-pay-authtoken'];
  // A token obtained by another merchant is refused as one never issued.
  if (
    authToken !== undefined &&
    options.store.authorizationTokens.get(authToken)?.issuedTo !== verified.merchantId
  ) {
    throw new ApiError(
      401,
      'UnauthorizedAccess',
      'x-amz-pay-authtoken is not a delegated authorization token issued by getAuthorizationToken.',
    );
  }
  return verified;
}
