import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

/**
 * Every request fixture (as Amazon's SDKs and docs send it), with its amounts as strings and as
 * numbers, through its write operation on objects made for it; then the objects are read back.
 * A write may be refused (4xx), but must never leave state a later read cannot serve.
 */
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../types/test/fixtures');
type Json = Record<string, unknown>;

const fixtures = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(fixturesDir, d.name))
      .filter((f) => /\.request(\.\d+)?\.json$/.test(f))
      .map((f) => ({
        name: `${d.name}/${f}`,
        operationId: f.split('.')[0]!,
        body: JSON.parse(readFileSync(join(fixturesDir, d.name, f), 'utf8')) as Json,
      })),
  );

function mapAmounts(value: unknown, as: 'string' | 'number'): unknown {
  if (Array.isArray(value)) return value.map((v) => mapAmounts(v, as));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapAmounts(v, as);
  if ('currencyCode' in out && (typeof out.amount === 'string' || typeof out.amount === 'number')) {
    const n = Number(out.amount);
    out.amount = as === 'number' ? n : out.currencyCode === 'JPY' ? String(n) : n.toFixed(2);
  }
  return out;
}

function firstPrice(value: unknown): { amount: string; currencyCode: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Json;
  if (typeof v.currencyCode === 'string' && v.amount !== undefined)
    return { amount: String(v.amount), currencyCode: v.currencyCode };
  for (const child of Object.values(v)) {
    const found = firstPrice(child);
    if (found) return found;
  }
  return undefined;
}

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

/** Sends `body` to the spec operation's path and method. */
function send(operationId: string, params: Record<string, string>, body: unknown) {
  const op = (operationSchemas as unknown as Record<string, OperationSchema>)[operationId]!;
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  return post(path, body, op.method);
}

const post = (path: string, body: unknown, method = 'POST') =>
  signedFetch(world, path, {
    method,
    body,
    headers: { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') },
  });

/** A completed checkout in the fixture's currency: its charge permission and, if authorized, charge. */
async function completed(
  currencyCode: string,
  amount: string,
  paymentIntent: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture',
) {
  const id = await readySession(world, { currencyCode, amount, paymentIntent });
  const session = await world.client.completeCheckoutSession(id, {
    chargeAmount: { amount, currencyCode: currencyCode as 'USD' },
  });
  return { sessionId: id, chargePermissionId: session.chargePermissionId!, chargeId: session.chargeId };
}

/** Per operation: make what it works on, send it, and name the paths to read back. */
async function exercise(
  operationId: string,
  body: Json,
): Promise<{ status: number; reads: string[] } | undefined> {
  const price = firstPrice(body) ?? { amount: '100', currencyCode: 'USD' };
  const big = price.currencyCode === 'JPY' ? '100000' : '1000.00';
  const exact =
    price.currencyCode === 'JPY' ? String(Math.round(Number(price.amount))) : Number(price.amount).toFixed(2);
  switch (operationId) {
    case 'createCheckoutSession': {
      const r = await post('/v2/checkoutSessions', body);
      return {
        status: r.status,
        reads: r.status < 300 ? [`/v2/checkoutSessions/${r.json.checkoutSessionId}`] : [],
      };
    }
    case 'updateCheckoutSession': {
      const s = await world.client.createCheckoutSession(createBody);
      const r = await post(`/v2/checkoutSessions/${s.checkoutSessionId}`, body, 'PATCH');
      return { status: r.status, reads: [`/v2/checkoutSessions/${s.checkoutSessionId}`] };
    }
    case 'completeCheckoutSession': {
      const id = await readySession(world, { currencyCode: price.currencyCode, amount: exact });
      const r = await post(`/v2/checkoutSessions/${id}/complete`, body);
      return { status: r.status, reads: [`/v2/checkoutSessions/${id}`] };
    }
    case 'finalizeCheckoutSession': {
      const s = await world.client.createCheckoutSession(createBody);
      world.sim.approve(s.checkoutSessionId);
      const r = await post(`/v2/checkoutSessions/${s.checkoutSessionId}/finalize`, body);
      return { status: r.status, reads: [`/v2/checkoutSessions/${s.checkoutSessionId}`] };
    }
    case 'createCharge': {
      const c = await completed(price.currencyCode, big, 'Confirm');
      const r = await post('/v2/charges', { ...body, chargePermissionId: c.chargePermissionId });
      const reads = [`/v2/chargePermissions/${c.chargePermissionId}`];
      if (r.status < 300) reads.push(`/v2/charges/${r.json.chargeId}`);
      return { status: r.status, reads };
    }
    case 'captureCharge':
    case 'cancelCharge':
    case 'updateCharge': {
      const c = await completed(price.currencyCode, exact, 'Authorize');
      const r = await send(operationId, { chargeId: c.chargeId! }, body);
      return {
        status: r.status,
        reads: [`/v2/charges/${c.chargeId}`, `/v2/chargePermissions/${c.chargePermissionId}`],
      };
    }
    case 'updateChargePermission':
    case 'closeChargePermission': {
      const c = await completed('USD', '100.00', 'Confirm');
      const r = await send(operationId, { chargePermissionId: c.chargePermissionId }, body);
      return { status: r.status, reads: [`/v2/chargePermissions/${c.chargePermissionId}`] };
    }
    case 'createRefund': {
      const c = await completed(price.currencyCode, big, 'AuthorizeWithCapture');
      const r = await post('/v2/refunds', { ...body, chargeId: c.chargeId });
      const reads = [`/v2/charges/${c.chargeId}`];
      if (r.status < 300) reads.push(`/v2/refunds/${r.json.refundId}`);
      return { status: r.status, reads };
    }
    default:
      return undefined;
  }
}

describe('request fixtures through every write operation, then read back', () => {
  for (const fixture of fixtures) {
    for (const as of ['string', 'number'] as const) {
      it(`${fixture.name} (${as} amounts)`, async ({ skip }) => {
        const body = mapAmounts(fixture.body, as) as Json;
        const outcome = await exercise(fixture.operationId, body);
        if (!outcome) return skip();
        expect(outcome.status, `${fixture.operationId} answered ${outcome.status}`).toBeLessThan(500);
        for (const path of outcome.reads) {
          const read = await signedFetch(world, path);
          expect(read.status, `${path} after ${fixture.name}: ${read.text}`).toBe(200);
        }
      });
    }
  }
});
