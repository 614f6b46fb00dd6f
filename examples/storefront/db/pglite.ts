import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/**
 * PostgreSQL in this process (PGlite): in memory, or in `dataDir` when given. One connection, so
 * PGlite runs one transaction at a time; only one process may open a `dataDir`.
 */
export async function openEmbeddedDatabase(dataDir?: string): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const over = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<Row>(text, params as unknown[])).rows;
    },
  });
  return {
    driver: 'pglite',
    ...over(db),
    transaction: (fn) => db.transaction((tx) => fn(over(tx))),
    close: () => db.close(),
  };
}
