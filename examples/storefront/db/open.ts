import type { Database } from './database.js';
import { openEmbeddedDatabase } from './pglite.js';
import { openPostgres } from './postgres.js';
import { migrate } from './schema.js';

/**
 * DATABASE_URL → that PostgreSQL server (several processes share it); otherwise PGlite, in
 * STOREFRONT_DATA_DIR when set, else in memory. The tables are created if missing.
 */
export async function openDatabase(env: Record<string, string | undefined>): Promise<Database> {
  const db = env.DATABASE_URL
    ? await openPostgres(env.DATABASE_URL)
    : await openEmbeddedDatabase(env.STOREFRONT_DATA_DIR || undefined);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
