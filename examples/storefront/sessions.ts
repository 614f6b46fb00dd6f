import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from './db/database.js';

/**
 * Browser sessions in SQL, so every process behind a load balancer knows them. The cookie holds a
 * random id; the table holds only its SHA-256 (a leaked table opens no session). Each session has
 * its own CSRF token, which every state-changing form carries.
 */
export type SessionKind = 'visitor' | 'admin';

export interface Session {
  /** The SHA-256 of the cookie's id: how orders and admin actions refer to the session. */
  idHash: string;
  kind: SessionKind;
  csrfToken: string;
}

export interface SessionStore {
  /** A new session; `id` goes into the cookie and is not stored. */
  create(kind: SessionKind, ttlMs: number): Promise<Session & { id: string }>;
  /** The live session of this kind for a cookie's id. */
  get(id: string | undefined, kind: SessionKind): Promise<Session | undefined>;
  destroy(id: string): Promise<void>;
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createSessionStore(db: Database): SessionStore {
  return {
    async create(kind, ttlMs) {
      const now = Date.now();
      const id = randomToken();
      const session = { id, idHash: sha256(id), kind, csrfToken: randomToken() };
      // Expired sessions go as new ones come, so the table stays as large as the live ones.
      await db.query('DELETE FROM storefront_sessions WHERE expires_at < $1', [now]);
      await db.query(
        'INSERT INTO storefront_sessions (id_hash, kind, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
        [session.idHash, kind, session.csrfToken, now + ttlMs],
      );
      return session;
    },
    async get(id, kind) {
      if (!id || id.length > 100) return undefined;
      const [row] = await db.query<{ id_hash: string; csrf_token: string }>(
        'SELECT id_hash, csrf_token FROM storefront_sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3',
        [sha256(id), kind, Date.now()],
      );
      return row && { idHash: row.id_hash, kind, csrfToken: row.csrf_token };
    },
    async destroy(id) {
      await db.query('DELETE FROM storefront_sessions WHERE id_hash = $1', [sha256(id)]);
    },
  };
}
