import { AmazonPayAbortError, AmazonPayError, type WebStoreClient } from '@amazon-pay-ts/client';
import type { Database, Queryable } from './db/database.js';
import { applyCharge } from './order-sync.js';
import { type CurrencyCode, type Order, type OrderStore, refundAmountIssue } from './orders.js';
import { randomToken, sha256 } from './sessions.js';

/**
 * Money moves once per intent. Every admin form carries a one-time action token (a row in
 * `storefront_admin_actions`). The first POST of a token derives Amazon's idempotency key from it
 * and commits the key and the exact request BEFORE calling Amazon; a double submit, a browser retry
 * or a retry after a crash finds that row and either waits for the running call (a lease) or repeats
 * the stored request with the stored key, which Amazon answers with the first result. One intent,
 * one capture or refund, whatever the browser, the network or the process does.
 */
export type AdminActionName = 'capture' | 'refund' | 'close';
export const ADMIN_ACTIONS: readonly AdminActionName[] = ['capture', 'refund', 'close'];

/** What the POST of one action token came to. */
export type ActionOutcome =
  | { kind: 'done'; message: string }
  | { kind: 'in-progress' }
  | { kind: 'failed'; message: string }
  | { kind: 'unconfirmed'; message: string }
  | { kind: 'invalid'; message: string };

/** A form's token lives this long unused. */
const TOKEN_TTL_MS = 60 * 60 * 1000;

/** Amazon's idempotency key for an action token: 32 characters of [0-9a-f], as Amazon allows. */
export const idempotencyKeyFor = (token: string) => sha256(`amazon-pay-idempotency:${token}`).slice(0, 32);

type ActionRequest =
  | { action: 'capture'; chargeId: string; amount: string; currencyCode: CurrencyCode }
  | { action: 'refund'; chargeId: string; amount: string; currencyCode: CurrencyCode }
  | { action: 'close'; chargePermissionId: string };

interface ActionRow {
  token_hash: string;
  session_hash: string;
  order_id: string;
  action: AdminActionName;
  state: 'issued' | 'started' | 'done' | 'failed';
  expires_at: number;
  idempotency_key: string | null;
  request: ActionRequest | null;
  lease_until: number | null;
  outcome: string | null;
}

export interface AdminActions {
  /** One fresh token per action for `orderId`, bound to the admin session. */
  issue(
    sessionHash: string,
    orderId: string,
    actions: readonly AdminActionName[],
  ): Promise<Record<string, string>>;
  /** The POST of a form: starts the action, or finds it started or done. */
  submit(input: {
    token: string;
    sessionHash: string;
    orderId: string;
    action: string;
    amount: string | undefined;
  }): Promise<ActionOutcome>;
  /**
   * Repeats, with their stored keys, the started actions whose lease ran out (their process died or
   * lost Amazon's answer): on the admin page and after an IPN for the order. When `signal` aborts
   * (the IPN handler's deadline), it stops: the action in flight keeps its stored key and request
   * and is repeated by the next submit or resume.
   */
  resume(orderId?: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export interface AdminActionsOptions {
  db: Database;
  client: WebStoreClient;
  orders: OrderStore;
  /** How long one process owns a started action before another may repeat it (default 30 s). */
  leaseMs?: number;
}

export function createAdminActions({
  db,
  client,
  orders,
  leaseMs = 30_000,
}: AdminActionsOptions): AdminActions {
  const row = async (q: Queryable, tokenHash: string) =>
    (
      await q.query<ActionRow>('SELECT * FROM storefront_admin_actions WHERE token_hash = $1 FOR UPDATE', [
        tokenHash,
      ])
    )[0];
  const takeLease = (q: Queryable, tokenHash: string) =>
    q.query('UPDATE storefront_admin_actions SET lease_until = $2 WHERE token_hash = $1', [
      tokenHash,
      Date.now() + leaseMs,
    ]);
  const finish = (q: Queryable, tokenHash: string, state: 'done' | 'failed', outcome: string) =>
    q.query(
      'UPDATE storefront_admin_actions SET state = $2, outcome = $3, lease_until = NULL WHERE token_hash = $1',
      [tokenHash, state, outcome],
    );

  function requestFor(
    action: AdminActionName,
    order: Order,
    amount: string | undefined,
  ): ActionRequest | string {
    const money = { currencyCode: order.currencyCode };
    if (action === 'capture' && order.chargeId)
      return { action, chargeId: order.chargeId, amount: order.amount, ...money };
    if (action === 'refund' && order.chargeId) {
      const refundAmount = (amount ?? order.amount).trim();
      return (
        refundAmountIssue(order, refundAmount) ?? {
          action,
          chargeId: order.chargeId,
          amount: refundAmount,
          ...money,
        }
      );
    }
    if (action === 'close' && order.chargePermissionId)
      return { action, chargePermissionId: order.chargePermissionId };
    return `order ${order.id} has nothing to ${action}`;
  }

  /** Calls Amazon with the stored request and key, then records the result and `done` in one transaction. */
  async function perform(
    action: ActionRow & { request: ActionRequest; idempotency_key: string },
    signal?: AbortSignal,
  ): Promise<ActionOutcome> {
    const { request, idempotency_key: idempotencyKey, order_id: orderId, token_hash: tokenHash } = action;
    let record: (tx: Queryable) => Promise<string>;
    try {
      if (request.action === 'capture') {
        const charge = await client.captureCharge(
          request.chargeId,
          {
            captureAmount: { amount: request.amount, currencyCode: request.currencyCode },
            softDescriptor: 'SANDBOX OUTFIT', // at most 16 characters
          },
          { idempotencyKey, signal },
        );
        record = async (tx) => {
          const order = await orders.update(orderId, `capture of ${request.amount} requested`, () => {}, tx);
          await applyCharge(orders, order, charge, tx);
          return `captured ${request.amount} ${request.currencyCode}`;
        };
      } else if (request.action === 'refund') {
        const refund = await client.createRefund(
          {
            chargeId: request.chargeId,
            refundAmount: { amount: request.amount, currencyCode: request.currencyCode },
          },
          { idempotencyKey, signal },
        );
        record = async (tx) => {
          await orders.update(
            orderId,
            `refund ${refund.refundId} of ${request.amount} requested`,
            (o) => {
              if (o.refunds.some((r) => r.refundId === refund.refundId)) return;
              o.refunds.push({
                refundId: refund.refundId,
                amount: request.amount,
                state: refund.statusDetails?.state ?? 'RefundInitiated',
              });
            },
            tx,
          );
          return `refund of ${request.amount} ${request.currencyCode} requested`;
        };
      } else {
        // DELETE: no idempotency key, and none needed: closing a closed permission changes nothing.
        await client.closeChargePermission(
          request.chargePermissionId,
          { closureReason: 'Order fulfilled', cancelPendingCharges: false },
          { signal },
        );
        record = async (tx) => {
          const closeOrder = (o: Order) => {
            o.closed = true;
          };
          await orders.update(orderId, 'charge permission closed', closeOrder, tx);
          return 'charge permission closed';
        };
      }
    } catch (error) {
      // Our own abort is no refusal by Amazon: the intent stands and is repeated later.
      if (
        error instanceof AmazonPayError &&
        !error.mayHaveSucceeded &&
        !(error instanceof AmazonPayAbortError)
      ) {
        await finish(db, tokenHash, 'failed', error.message);
        return { kind: 'failed', message: error.message };
      }
      // Unknown outcome: give up the lease, so the next submit or resume repeats it with the same key.
      await db.query('UPDATE storefront_admin_actions SET lease_until = 0 WHERE token_hash = $1', [
        tokenHash,
      ]);
      if (!(error instanceof AmazonPayError)) throw error;
      return {
        kind: 'unconfirmed',
        message: `Amazon Pay did not confirm it (${error.message}); it will be retried.`,
      };
    }
    const message = await db.transaction(async (tx) => {
      const text = await record(tx);
      await finish(tx, tokenHash, 'done', text);
      return text;
    });
    return { kind: 'done', message };
  }

  const started = (r: ActionRow) => r as ActionRow & { request: ActionRequest; idempotency_key: string };

  return {
    async issue(sessionHash, orderId, actions) {
      const now = Date.now();
      const tokens = Object.fromEntries(actions.map((a) => [a, randomToken()]));
      if (!actions.length) return tokens;
      await db.query("DELETE FROM storefront_admin_actions WHERE state = 'issued' AND expires_at < $1", [
        now,
      ]);
      await db.query(
        `INSERT INTO storefront_admin_actions (token_hash, session_hash, order_id, action, state, issued_at, expires_at)
         SELECT t, $2, $3, a, 'issued', $4, $5 FROM unnest($1::text[], $6::text[]) AS x(t, a)`,
        [actions.map((a) => sha256(tokens[a]!)), sessionHash, orderId, now, now + TOKEN_TTL_MS, actions],
      );
      return tokens;
    },

    async submit({ token, sessionHash, orderId, action, amount }) {
      const tokenHash = sha256(token);
      const next = await db.transaction(async (tx): Promise<ActionOutcome | ActionRow> => {
        const found = await row(tx, tokenHash);
        if (
          !found ||
          found.session_hash !== sessionHash ||
          found.order_id !== orderId ||
          found.action !== action
        ) {
          return { kind: 'invalid', message: 'This form is not valid here; reload the page and try again.' };
        }
        const now = Date.now();
        if (found.state === 'done') return { kind: 'done', message: found.outcome ?? 'done' };
        if (found.state === 'failed') return { kind: 'failed', message: found.outcome ?? 'failed' };
        if (found.state === 'started') {
          if ((found.lease_until ?? 0) > now) return { kind: 'in-progress' };
          await takeLease(tx, tokenHash);
          return found;
        }
        if (found.expires_at < now)
          return { kind: 'invalid', message: 'This form expired; reload the page.' };
        const order = await orders.get(orderId, tx);
        const request = order ? requestFor(found.action, order, amount) : `no order ${orderId}`;
        if (typeof request === 'string') {
          await finish(tx, tokenHash, 'failed', request);
          return { kind: 'failed', message: request };
        }
        const idempotencyKey = idempotencyKeyFor(token);
        // Committed before Amazon is called: whatever happens next, a retry uses this key and request.
        await tx.query(
          `UPDATE storefront_admin_actions SET state = 'started', idempotency_key = $2, request = $3::jsonb, lease_until = $4
           WHERE token_hash = $1`,
          [tokenHash, idempotencyKey, JSON.stringify(request), now + leaseMs],
        );
        return { ...found, state: 'started', idempotency_key: idempotencyKey, request };
      });
      return 'kind' in next ? next : perform(started(next));
    },

    async resume(orderId, { signal } = {}) {
      const stale = await db.query<{ token_hash: string }>(
        `SELECT token_hash FROM storefront_admin_actions
         WHERE state = 'started' AND lease_until < $1 AND ($2::text IS NULL OR order_id = $2) LIMIT 20`,
        [Date.now(), orderId ?? null],
      );
      for (const { token_hash: tokenHash } of stale) {
        if (signal?.aborted) return;
        const taken = await db.transaction(async (tx) => {
          const found = await row(tx, tokenHash);
          if (found?.state !== 'started' || (found.lease_until ?? 0) >= Date.now()) return undefined;
          await takeLease(tx, tokenHash);
          return found;
        });
        if (taken) await perform(started(taken), signal);
      }
    },
  };
}
