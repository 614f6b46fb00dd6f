import type { FieldIssue } from './errors.js';

/**
 * Problem with a path id, or `undefined` when it is usable. Ids are RFC 3986 percent-encoded into
 * one path segment (`serializePath` in path.ts): `/` becomes `%2F`, `+` `%2B`, `=` `%3D`, so buyer tokens
 * and any other text stay one segment, and the signer keeps `%2F` encoded. Refused: `.` and `..`,
 * which URL parsing resolves as dot-segments even when encoded (`%2E%2E`), and empty ids, which
 * would address the collection instead of a member.
 */
export function checkId(name: string, value: unknown): FieldIssue | undefined {
  if (typeof value !== 'string')
    return { path: name, message: `expected a string id, got ${typeName(value)}` };
  if (value.trim() === '') return { path: name, message: 'must not be empty' };
  if (value === '.' || value === '..') {
    return { path: name, message: `${JSON.stringify(value)} is not an id` };
  }
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
