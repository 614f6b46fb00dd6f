import type { Queryable } from './db/database.js';
import type { SeenStore } from './seen-store.js';

/**
 * IPN deduplication in SQL (`storefront_ipn_seen`, one row per notification id, the id the primary
 * key). `claim` is one statement: insert, or take over a row whose expiry has passed; PostgreSQL's
 * ON CONFLICT makes it atomic across processes. Expiry is JavaScript time, as the contract asks.
 */
export function createSqlSeenStore(db: Queryable, now: () => number = Date.now): SeenStore {
  return {
    async claim(id, ttlMs) {
      const at = now();
      // Forget a few expired ids on the way (bounded: the table never grows past the live window).
      await db.query(
        'DELETE FROM storefront_ipn_seen WHERE id IN (SELECT id FROM storefront_ipn_seen WHERE expires_at <= $1 LIMIT 100)',
        [at],
      );
      const rows = await db.query(
        `INSERT INTO storefront_ipn_seen (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE storefront_ipn_seen.expires_at <= $3
         RETURNING id`,
        [id, at + ttlMs, at],
      );
      return rows.length === 1;
    },
    async complete(id, ttlMs) {
      await db.query(
        `INSERT INTO storefront_ipn_seen (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
        [id, now() + ttlMs],
      );
    },
    async release(id) {
      await db.query('DELETE FROM storefront_ipn_seen WHERE id = $1', [id]);
    },
  };
}

/** How long a claim holds while a notification is processed: longer than any handler run. */
export const IPN_PROCESSING_MS = 60_000;
/** How long a processed id is remembered: SNS redelivers for hours at most, so three days is plenty. */
export const IPN_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Runs `act` at most once per notification id across every process sharing `seen`: claim, act,
 * complete; release when `act` throws (so SNS's redelivery is processed). Today's handler in
 * @amazon-pay-ts/notifications dedupes in memory only; this wraps its `onNotification` until the
 * handler takes a SeenStore itself.
 */
export function onceAcrossProcesses<N extends { notificationId: string }>(
  seen: SeenStore,
  act: (notification: N) => Promise<void>,
): (notification: N) => Promise<void> {
  return async (notification) => {
    const id = notification.notificationId;
    if (!(await seen.claim(id, IPN_PROCESSING_MS))) return;
    try {
      await act(notification);
    } catch (error) {
      await seen.release(id);
      throw error;
    }
    await seen.complete(id, IPN_RETENTION_MS);
  };
}
