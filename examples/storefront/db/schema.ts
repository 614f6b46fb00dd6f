import type { Database } from './database.js';

/**
 * The storefront's tables. Created if missing, under a transaction-scoped advisory lock so two
 * processes starting together on one server do not race. Times are JavaScript milliseconds
 * (`double precision`), so expiry means the same thing for every process and driver.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS storefront_sessions (
    id_hash text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('visitor', 'admin')),
    csrf_token text NOT NULL,
    expires_at double precision NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS storefront_sessions_expiry ON storefront_sessions (expires_at)`,
  // A checkout session belongs to the browser that first reviewed it: no one else may order with it.
  `CREATE TABLE IF NOT EXISTS storefront_checkouts (
    checkout_session_id text PRIMARY KEY,
    buyer_session text NOT NULL,
    created_at double precision NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS storefront_orders (
    id text PRIMARY KEY,
    checkout_session_id text NOT NULL UNIQUE,
    buyer_session text NOT NULL,
    item text NOT NULL,
    amount text NOT NULL,
    currency_code text NOT NULL,
    status text NOT NULL,
    reason_code text,
    charge_id text UNIQUE,
    charge_permission_id text,
    closed boolean NOT NULL DEFAULT false,
    shipping_address text,
    payment_descriptor text,
    refunds jsonb NOT NULL DEFAULT '[]',
    history jsonb NOT NULL DEFAULT '[]',
    created_at double precision NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS storefront_orders_permission ON storefront_orders (charge_permission_id)`,
  `CREATE INDEX IF NOT EXISTS storefront_orders_created ON storefront_orders (created_at)`,
  // One row per form the admin page rendered; the idempotency key is written before Amazon is called.
  `CREATE TABLE IF NOT EXISTS storefront_admin_actions (
    token_hash text PRIMARY KEY,
    session_hash text NOT NULL,
    order_id text NOT NULL REFERENCES storefront_orders (id),
    action text NOT NULL,
    state text NOT NULL CHECK (state IN ('issued', 'started', 'done', 'failed')),
    issued_at double precision NOT NULL,
    expires_at double precision NOT NULL,
    idempotency_key text UNIQUE,
    request jsonb,
    lease_until double precision,
    outcome text
  )`,
  `CREATE INDEX IF NOT EXISTS storefront_admin_actions_open ON storefront_admin_actions (state, lease_until)`,
  `CREATE TABLE IF NOT EXISTS storefront_ipn_seen (
    id text PRIMARY KEY,
    expires_at double precision NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS storefront_ipn_seen_expiry ON storefront_ipn_seen (expires_at)`,
];

/** Any constant: the advisory lock's key, shared by every storefront process on the server. */
const SCHEMA_LOCK = 180_018;

export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const statement of SCHEMA) await tx.query(statement);
  });
}
