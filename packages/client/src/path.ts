import { encodeRfc3986 } from '@amazon-pay-ts/signer';
import { AmazonPayRequestValidationError } from './errors.js';

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * openapi-fetch `pathSerializer` for both the operation methods and `client.api`: each `{name}` becomes
 * its value RFC 3986 percent-encoded (everything outside `A-Z a-z 0-9 - . _ ~`, `/` included), so an
 * id is always exactly one path segment, already in the signer's canonical form. `.`, `..` and `''`
 * would still change the path (URL parsing resolves dot-segments, an empty id names the collection),
 * so they are refused here too, before any network call; the methods refuse them earlier with
 * `checkId`. A parameter without a value stays `{name}`, as openapi-fetch leaves it.
 */
export function serializePath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(PATH_PARAM, (placeholder: string, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) return placeholder;
    const id = String(value);
    if (id === '' || id === '.' || id === '..') {
      throw new AmazonPayRequestValidationError({
        operationId: template,
        issues: [
          { path: name, message: id === '' ? 'must not be empty' : `${JSON.stringify(id)} is not an id` },
        ],
      });
    }
    return encodeRfc3986(id);
  });
}
