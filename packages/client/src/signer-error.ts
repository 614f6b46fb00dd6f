import type { SignerError } from '@amazon-pay-ts/signer';
import { AmazonPayConfigError } from './errors.js';

/**
 * A signer error as `AmazonPayConfigError`, by its code. `resolveConfig` checks the key id, region
 * and algorithm the way the signer does, so what the signer refuses is the key: `field` is
 * `privateKey` and `code` the signer's (`KEY_FILE_NOT_FOUND`, `ENCRYPTED_KEY`, `INVALID_KEY`…). The
 * message is the signer's, which names a key file path as given (a path is no secret) and never key
 * material; it is prefixed with the field unless it already starts with it.
 */
export function configErrorFromSigner(
  error: SignerError,
  privateKey?: string | CryptoKey,
): AmazonPayConfigError {
  const field = 'privateKey';
  let message = error.message.startsWith(field) ? error.message : `${field}: ${error.message}`;
  // Defence in depth for PEM text: the signer never echoes key material, and neither do we.
  if (typeof privateKey === 'string' && privateKey.includes('-----BEGIN')) {
    message = message.replaceAll(privateKey, '[private key]');
  }
  return new AmazonPayConfigError({ field, code: error.code, message, cause: error });
}
