import { encodeRfc3986 } from '@amazon-pay-ts/signer';
import type { FieldIssue } from './errors.js';

/** A query value the helpers accept: lists become comma-separated, Dates become Amazon timestamps. */
export type QueryValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined;
/** A query value after {@link normalizeQuery}: lists as string arrays, Dates as Amazon timestamps. */
export type NormalizedQueryValue = string | number | boolean | string[];

/** Query parameters Amazon reads as comma-separated lists. */
export const LIST_QUERY_PARAMS: ReadonlySet<string> = new Set(['reportTypes', 'processingStatuses']);

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
 * Brings caller input to the shape the spec describes: Dates → `20221118T150630Z`, list parameters
 * always arrays (a single value or an `'A,B'` string is accepted), `undefined`/`null`/empty lists
 * dropped. Problems are returned, not thrown, so the caller can name the operation.
 */
export function normalizeQuery(query: Readonly<Record<string, QueryValue>> | undefined): {
  values: Record<string, NormalizedQueryValue>;
  issues: FieldIssue[];
} {
  const values: Record<string, NormalizedQueryValue> = {};
  const issues: FieldIssue[] = [];
  if (query === undefined || query === null) return { values, issues };
  if (typeof query !== 'object' || Array.isArray(query)) {
    return { values, issues: [{ path: '(query)', message: 'expected an object of query parameters' }] };
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) issues.push({ path: name, message: 'is an invalid Date' });
      else values[name] = formatAmazonTimestamp(value);
    } else if (Array.isArray(value)) {
      if (value.length === 0) continue;
      if (value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
        issues.push({ path: name, message: 'list items must be strings' });
      } else values[name] = value.map(String);
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      issues.push({ path: name, message: 'must be a finite number' });
    } else if (typeof value === 'string' && LIST_QUERY_PARAMS.has(name)) {
      values[name] = value.split(',').filter((item) => item !== '');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[name] = value;
    } else {
      issues.push({ path: name, message: 'must be a string, number, Date or list of strings' });
    }
  }
  return { values, issues };
}

/** Wire form: lists joined with commas (`reportTypes=A,B` as the official SDKs send it), the rest as text. */
export function toWireQuery(values: Readonly<Record<string, NormalizedQueryValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values))
    out[name] = Array.isArray(value) ? value.join(',') : String(value);
  return out;
}

/**
 * openapi-fetch's `querySerializer` for the client: the wire query (lists joined with commas, Dates
 * as Amazon timestamps) as `name=value&…`, each name and value RFC 3986 percent-encoded, in the order
 * given — the form the signer signs as it is (its canonical form keeps that order), so no URL is
 * rewritten to be signed.
 */
export function serializeWireQuery(query: Readonly<Record<string, unknown>>): string {
  let search = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    search += `${search === '' ? '' : '&'}${encodeRfc3986(name)}=${encodeRfc3986(String(value))}`;
  }
  return search;
}
