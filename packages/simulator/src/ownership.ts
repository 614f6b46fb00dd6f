import { ApiError } from './errors.js';
import type { Owned } from './store.js';

/**
 * Every object belongs to the merchant whose key created it. Another merchant's id is answered as
 * one that does not exist (404 ResourceNotFound), so ids never leak across merchants. `viewer` null
 * is the simulator's own lookup (the buyer's pages, state changes), which sees every merchant's.
 */
export function ownEntry<T extends { merchantId: string }>(
  map: ReadonlyMap<string, T>,
  id: string,
  viewer: string | null,
  kind: string,
): T {
  const entry = map.get(id);
  if (!entry || (viewer !== null && entry.merchantId !== viewer)) throw ApiError.notFound(kind, id);
  return entry;
}

/** The record of a merchant's own `Owned` entry, or 404 ResourceNotFound. */
export function ownRecord<T>(map: Map<string, Owned<T>>, merchantId: string, kind: string, id: string): T {
  return ownEntry(map, id, merchantId, kind).record;
}

/** The merchant's own records of a map, in insertion order. */
export function ownRecords<T>(map: Map<string, Owned<T>>, merchantId: string): T[] {
  return [...map.values()].filter((o) => o.merchantId === merchantId).map((o) => o.record);
}
