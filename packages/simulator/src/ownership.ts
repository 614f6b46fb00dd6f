import { ApiError } from './errors.js';
import type { Json, Owned } from './store.js';

/**
 * Every object belongs to the merchant whose key created it. Another merchant's id is answered as
 * one that does not exist (404 ResourceNotFound), so ids never leak across merchants.
 */
export function ownRecord(map: Map<string, Owned>, merchantId: string, kind: string, id: string): Json {
  const found = map.get(id);
  if (!found || found.merchantId !== merchantId) throw ApiError.notFound(kind, id);
  return found.record;
}

/** The merchant's own records of a map, in insertion order. */
export function ownRecords(map: Map<string, Owned>, merchantId: string): Json[] {
  return [...map.values()].filter((o) => o.merchantId === merchantId).map((o) => o.record);
}
