import type { FieldIssue } from './errors.js';

/**
 * Amazon sends a multi-address checkout session's `shippingAddressList` as an array of JSON-encoded
 * strings. This replaces each string with the object it encodes (in place, on the freshly parsed
 * body); entries that are already objects stay. Strings that are not JSON are left as they are and
 * reported, so the caller can apply its validation mode.
 */
export function decodeShippingAddressList(data: unknown): FieldIssue[] {
  if (!data || typeof data !== 'object') return [];
  const list = (data as { shippingAddressList?: unknown }).shippingAddressList;
  if (!Array.isArray(list)) return [];
  const issues: FieldIssue[] = [];
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (typeof entry !== 'string') continue;
    try {
      list[index] = JSON.parse(entry);
    } catch {
      issues.push({ path: `shippingAddressList.${index}`, message: 'is a string that is not JSON' });
    }
  }
  return issues;
}
