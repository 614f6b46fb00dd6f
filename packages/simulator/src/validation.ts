import type * as z from 'zod/mini';
import { ApiError } from './errors.js';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((k) => (typeof k === 'number' ? `[${k}]` : String(k)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * Validates `value` with a generated request schema and answers the first problem the way Amazon
 * does: MissingParameterValue for an absent required field, InvalidParameterValue otherwise, both
 * naming the field.
 */
export function validateRequestPart(schema: z.ZodMiniType, value: unknown, prefix = ''): unknown {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // Preprocessed values (a comma list read as an array) only exist in the issue's own input.
  const inputOf = (i: (typeof result.error.issues)[number]) =>
    'input' in i ? i.input : valueAt(value, i.path);
  const issues = [...result.error.issues].sort((a, b) => b.path.length - a.path.length);
  const issue =
    issues.find((i) => i.code === 'invalid_type' && inputOf(i) === undefined) ??
    issues.find((i) => i.code !== 'invalid_union') ??
    issues[0]!;
  const field = prefix + dotted(issue.path) || prefix.replace(/\.$/, '') || 'body';
  const actual = inputOf(issue);
  if (actual === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    throw ApiError.missingParameter(field);
  }
  throw ApiError.invalidParameter(field, actual, issue.message);
}
