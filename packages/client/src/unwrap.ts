import type { FieldIssue } from './errors.js';

/**
 * Amazon's docs show Get Report Schedule By Id answering `{ reportSchedules: [schedule] }` while its
 * Node.js SDK's sandbox test sees the bare schedule. For an operation whose route names such a key,
 * this returns the one entry of a wrapped body and any other body unchanged; a wrapper that does not
 * hold exactly one entry is left as it is and reported, so the caller can apply its validation mode.
 */
export function unwrapSingle(
  key: string | undefined,
  data: unknown,
): { data: unknown; issues: FieldIssue[] } {
  if (key === undefined || data === null || typeof data !== 'object' || !(key in data)) {
    return { data, issues: [] };
  }
  const list = (data as Record<string, unknown>)[key];
  if (Array.isArray(list) && list.length === 1) return { data: list[0], issues: [] };
  return {
    data,
    issues: [{ path: key, message: 'expected a list of exactly one entry (or the entry itself)' }],
  };
}
