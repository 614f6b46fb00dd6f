import type { FieldIssue } from './errors.js';

/** A query value the helpers accept: lists become comma-separated, Dates become Amazon timestamps. */
export type QueryValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined;

/**
 * Amazon's timestamp format, ISO 8601 basic in UTC without milliseconds: `20221118T150630Z`
 * (the form Amazon itself returns in `creationTimestamp` and the SDKs send for report date ranges).
 */
export function formatAmazonTimestamp(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Turns a query object into the strings Amazon expects: arrays joined with commas
 * (`reportTypes=_A_,_B_`, as the official SDKs send them), Dates as `20221118T150630Z`,
 * numbers and booleans as text; `undefined`/`null`/empty arrays are left out.
 * Returns the problems instead of throwing so the caller can report them with the operation name.
 */
export function serializeQuery(query: Readonly<Record<string, QueryValue>> | undefined): {
  query: Record<string, string>;
  issues: FieldIssue[];
} {
  const out: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  if (query === undefined || query === null) return { query: out, issues };
  if (typeof query !== 'object' || Array.isArray(query)) {
    return { query: out, issues: [{ path: 'query', message: 'expected an object of query parameters' }] };
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) issues.push({ path: name, message: 'is an invalid Date' });
      else out[name] = formatAmazonTimestamp(value);
    } else if (Array.isArray(value)) {
      if (value.length === 0) continue;
      const bad = value.find((item) => typeof item !== 'string' && typeof item !== 'number');
      if (bad !== undefined) issues.push({ path: name, message: 'list items must be strings' });
      else out[name] = value.join(',');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (typeof value === 'number' && !Number.isFinite(value))
        issues.push({ path: name, message: 'must be finite' });
      else out[name] = String(value);
    } else {
      issues.push({ path: name, message: 'must be a string, number, Date or list of strings' });
    }
  }
  return { query: out, issues };
}
