import type { FieldIssue } from './errors.js';

/**
 * Problem with a path id, or `undefined` when it is usable. Ids are percent-encoded into the path
 * (openapi-fetch uses encodeURIComponent), so `?`, `#` or spaces cannot change the route. Refused:
 * `.` and `..`, which URL parsing resolves as dot-segments even when encoded, and `/`, because the
 * signer's canonical form turns `%2F` back into `/` (then `../x` would climb out of the resource).
 * Amazon's ids never contain a slash.
 */
export function checkId(name: string, value: unknown): FieldIssue | undefined {
  if (typeof value !== 'string')
    return { path: name, message: `expected a string id, got ${typeName(value)}` };
  if (value.trim() === '') return { path: name, message: 'must not be empty' };
  if (value === '.' || value === '..') {
    return { path: name, message: `${JSON.stringify(value)} is not an id` };
  }
  if (value.includes('/')) return { path: name, message: 'must not contain "/" (Amazon ids never do)' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value))
    return { path: name, message: 'must not contain control characters' };
  if (value.length > 1024) return { path: name, message: 'is longer than 1024 characters' };
  return undefined;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
