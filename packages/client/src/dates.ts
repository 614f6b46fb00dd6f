import type { FieldIssue } from './errors.js';
import { formatAmazonTimestamp } from './query.js';

/**
 * A copy of a request body with each `Date` at the given date-time paths (dotted, `[]` for array
 * items; the generated routes list them from the spec) turned into Amazon's `20221118T150630Z`.
 * Only the objects along those paths are copied; the caller's body is never changed. An invalid
 * Date is an issue, not a string "Invalid Date" sent to Amazon.
 */
export function datesToWire(
  body: unknown,
  paths: readonly string[],
): { body: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let result = body;
  for (const path of paths) result = convertAt(result, path.split('.'), [], issues);
  return { body: result, issues };
}

function convertAt(
  value: unknown,
  rest: readonly string[],
  done: readonly string[],
  issues: FieldIssue[],
): unknown {
  const [head, ...tail] = rest;
  if (head === undefined) {
    if (!(value instanceof Date)) return value;
    if (Number.isNaN(value.getTime())) {
      issues.push({ path: done.join('.'), message: 'is an invalid Date' });
      return value;
    }
    return formatAmazonTimestamp(value);
  }
  if (head === '[]') {
    if (!Array.isArray(value)) return value;
    return value.map((item, index) =>
      convertAt(item, tail, [...done.slice(0, -1), `${done.at(-1)}[${index}]`], issues),
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !(head in value)) return value;
  const current = (value as Record<string, unknown>)[head];
  const next = convertAt(current, tail, [...done, head], issues);
  return next === current ? value : { ...(value as Record<string, unknown>), [head]: next };
}
