/**
 * The storefront's one door to SQL: parameterised statements and transactions, nothing else. Two
 * drivers stand behind it, both PostgreSQL: PGlite (Postgres compiled to WebAssembly, in process)
 * by default and node-postgres (`pg`) when DATABASE_URL names a server. So the same SQL text runs
 * everywhere, and the tests of the embedded store are tests of the production store.
 */
export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  /** `fn` inside BEGIN … COMMIT (ROLLBACK when it throws); its queries go through `tx`. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Which driver: for messages and the README's table, never for branching SQL. */
  readonly driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}
