import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A real PostgreSQL for the tests: STOREFRONT_TEST_DATABASE_URL names a role that may create
 * databases (`.ci/run` installs PostgreSQL from Debian, starts it and sets the variable). Each
 * caller gets a database of its own, dropped afterwards, so parallel runs never meet.
 */
const adminUrl = process.env.STOREFRONT_TEST_DATABASE_URL;

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  if (adminUrl) return undefined;
  const reason =
    process.env.STOREFRONT_POSTGRES_UNAVAILABLE ??
    'STOREFRONT_TEST_DATABASE_URL is not set (`.ci/run` installs and starts PostgreSQL and sets it)';
  // In CI a missing server is a failure, unless .ci/run said why it could not install one.
  if (process.env.CI && !process.env.STOREFRONT_POSTGRES_UNAVAILABLE) {
    throw new Error(`CI without PostgreSQL: ${reason}`);
  }
  return reason;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('STOREFRONT_TEST_DATABASE_URL is not set');
  const name = `storefront_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
