import type { SeenStore } from '@amazon-pay-ts/notifications';
import type { Queryable } from './db/database.js';

/**
 * The notification handler's `SeenStore` in SQL (`storefront_ipn_seen`, one row per notification
 * id, the id the primary key), so an IPN delivered to several processes at once is acted on once.
 * `claim` is one statement: insert, or take over a row whose expiry has passed; PostgreSQL's ON
 * CONFLICT makes it atomic across processes. Expiry is JavaScript time, as the contract asks.
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
