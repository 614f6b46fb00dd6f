import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_PARTS } from '../src/resources/checkout-session.js';
import { REPORT_PROCESSING_MS } from '../src/resources/reports.js';
import { createBody, disputeBody, readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

/**
 * Every request fixture (as Amazon's SDKs and docs send it), with its amounts as strings and as
 * numbers, through its write operation on objects made for it, by a merchant of its own; then the
 * objects are read back (where the API has no read, used by a later request). Every write must be
 * accepted and leave state a later read can serve. An operation without an exercise fails the suite.
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

/** The fixture's merchant: a key of its own, so fixtures cannot see each other's objects. */
type Merchant = Pick<TestWorld, 'sim' | 'client' | 'publicKeyId' | 'privateKeyPem'>;
let merchants = 0;
function newMerchant(): Merchant {
  const publicKeyId = `SANDBOX-FIXTURES${String(++merchants).padStart(4, '0')}`;
  world.sim.addKey({ publicKeyId, publicKey: world.publicKeyPem });
  const client = new WebStoreClient({
    region: 'na',
    publicKeyId,
    privateKey: world.privateKeyPem,
    baseUrl: world.sim.url,
    validateResponses: 'strict',
    maxRetries: 0,
  });
  return { sim: world.sim, client, publicKeyId, privateKeyPem: world.privateKeyPem };
}

const fixture = (name: string) => fixtures.find((f) => f.name === name)!.body;

/** A request made to read a resource back (or, where the API has no read, to use it); GET unless given. */
interface ReadBack {
  path: string;
  method?: string;
  body?: unknown;
  status?: number;
}

interface Outcome {
  status: number;
  reads: (string | ReadBack)[];
}

/** Per operation: make what it works on, send it, and name how to read the results back. */
function exerciser(m: Merchant) {
  const call = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    signedFetch(world, path, {
      method,
      publicKeyId: m.publicKeyId,
      ...(body === undefined ? {} : { body }),
      headers: method === 'GET' ? {} : { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') },
    });
  /** Sends `body` to the spec operation's path and method. */
  const send = (operationId: string, params: Record<string, string>, body: unknown) => {
    const op = (operationSchemas as unknown as Record<string, OperationSchema>)[operationId]!;
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
    return call(path, body, op.method);
  };
  const ok = async (path: string, body?: unknown, method?: string) => {
    const r = await call(path, body, method);
    expect(r.status, `${method ?? 'POST'} ${path}: ${r.text}`).toBeLessThan(300);
    return r.json;
  };

  /** A completed checkout in the fixture's currency: its charge permission and, if authorized, charge. */
  async function completed(
    currencyCode: string,
    amount: string,
    paymentIntent: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture',
  ) {
    const id = await readySession(m as TestWorld, { currencyCode, amount, paymentIntent });
    const session = await m.client.completeCheckoutSession(id, {
      chargeAmount: { amount, currencyCode: currencyCode as 'USD' },
    });
    return { sessionId: id, chargePermissionId: session.chargePermissionId!, chargeId: session.chargeId };
  }
  /** A dispute awaiting the merchant's answer on a captured charge. */
  async function openDispute() {
    const c = await completed('USD', '100.00', 'AuthorizeWithCapture');
    const dispute = await ok('/v2/disputes', disputeBody(c.chargeId!));
    return { chargeId: c.chargeId!, disputeId: String(dispute.disputeId) };
  }
  /** Evidence as sent, each fileId swapped for a file this merchant uploaded. */
  async function ownEvidence(body: Json): Promise<Json> {
    const evidences = body.merchantEvidences as Json[] | undefined;
    if (!evidences) return body;
    const swapped = [];
    for (const e of evidences) {
      if (e.fileId === undefined) swapped.push(e);
      else
        swapped.push({
          ...e,
          fileId: (await ok('/v2/files', { type: 'pdf', purpose: 'disputeEvidence' })).id,
        });
    }
    return { ...body, merchantEvidences: swapped };
  }
  /** A scanned in-store charge permission in `currency`. */
  async function scanned(currency: string) {
    const country = { USD: 'US', EUR: 'DE', GBP: 'GB', JPY: 'JP' }[currency] ?? 'US';
    const scan = await ok('/v2/in-store/merchantScan', {
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: randomUUID().replaceAll('-', ''),
      merchantCOE: country,
      ledgerCurrency: currency,
    });
    return String(scan.chargePermissionId);
  }
  /** A merchant account registered with the reference fixture; read back by claiming it. */
  async function account() {
    const registered = await ok(
      '/v2/merchantAccounts',
      fixture('merchant-account/registerAmazonPayAccount.request.json'),
    );
    return String(registered.merchantAccountId);
  }
  const claim = (id: string, uniqueReferenceId: unknown): ReadBack => ({
    path: `/v2/merchantAccounts/${id}/claim`,
    method: 'POST',
    body: { uniqueReferenceId },
  });
  const storeRead = (accountId: string, storeId: string): ReadBack => ({
    path: `/v2/merchantAccounts/${accountId}/stores/${storeId}`,
    method: 'PATCH',
    body: { storeName: 'Read back' },
  });

  return async function exercise(operationId: string, body: Json): Promise<Outcome> {
    const price = firstPrice(body) ?? { amount: '100', currencyCode: 'USD' };
    const big = price.currencyCode === 'JPY' ? '100000' : '1000.00';
    const exact =
      price.currencyCode === 'JPY'
        ? String(Math.round(Number(price.amount)))
        : Number(price.amount).toFixed(2);
    switch (operationId) {
      case 'createCheckoutSession': {
        const r = await call('/v2/checkoutSessions', body);
        return {
          status: r.status,
          reads: r.status < 300 ? [`/v2/checkoutSessions/${r.json.checkoutSessionId}`] : [],
        };
      }
      case 'updateCheckoutSession': {
        const s = await m.client.createCheckoutSession(createBody);
        const r = await call(`/v2/checkoutSessions/${s.checkoutSessionId}`, body, 'PATCH');
        return { status: r.status, reads: [`/v2/checkoutSessions/${s.checkoutSessionId}`] };
      }
      case 'completeCheckoutSession': {
        const id = await readySession(m as TestWorld, { currencyCode: price.currencyCode, amount: exact });
        const r = await call(`/v2/checkoutSessions/${id}/complete`, body);
        return { status: r.status, reads: [`/v2/checkoutSessions/${id}`] };
      }
      case 'finalizeCheckoutSession': {
        // The buyer chooses the fixture's addresses; a fixture without a shipping address gets the
        // one Amazon shared, which finalize requires for PayAndShip (see finalize.test.ts).
        const s = await m.client.createCheckoutSession(createBody);
        const shared = (address: unknown) =>
          address
            ? Object.fromEntries(ADDRESS_PARTS.map((k) => [k, (address as Json)[k] ?? null]))
            : undefined;
        const shippingAddress = shared(body.shippingAddress);
        const billingAddress = shared(body.billingAddress);
        world.sim.approve(s.checkoutSessionId, {
          ...(shippingAddress ? { shippingAddress } : {}),
          ...(billingAddress ? { billingAddress } : {}),
        });
        const session = await m.client.getCheckoutSession(s.checkoutSessionId);
        const r = await call(`/v2/checkoutSessions/${s.checkoutSessionId}/finalize`, {
          shippingAddress: session.shippingAddress,
          ...body,
        });
        return { status: r.status, reads: [`/v2/checkoutSessions/${s.checkoutSessionId}`] };
      }
      case 'createCharge': {
        const c = await completed(price.currencyCode, big, 'Confirm');
        const r = await call('/v2/charges', { ...body, chargePermissionId: c.chargePermissionId });
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
        const c = await completed(price.currencyCode, big, 'Confirm');
        const r = await send(operationId, { chargePermissionId: c.chargePermissionId }, body);
        return { status: r.status, reads: [`/v2/chargePermissions/${c.chargePermissionId}`] };
      }
      case 'createRefund': {
        const c = await completed(price.currencyCode, big, 'AuthorizeWithCapture');
        const r = await call('/v2/refunds', { ...body, chargeId: c.chargeId });
        const reads = [`/v2/charges/${c.chargeId}`];
        if (r.status < 300) reads.push(`/v2/refunds/${r.json.refundId}`);
        return { status: r.status, reads };
      }
      case 'deliveryTrackers': {
        // The API has no read for trackers: the charge permission they name must still be served.
        const c = await completed('USD', '100.00', 'Confirm');
        const sent =
          'chargePermissionId' in body ? { ...body, chargePermissionId: c.chargePermissionId } : body;
        const r = await call('/v2/deliveryTrackers', sent);
        return { status: r.status, reads: [`/v2/chargePermissions/${c.chargePermissionId}`] };
      }
      case 'createDispute': {
        const c = await completed(price.currencyCode, big, 'AuthorizeWithCapture');
        const r = await call('/v2/disputes', { ...body, chargeId: c.chargeId });
        const reads = [`/v2/charges/${c.chargeId}`];
        if (r.status < 300) reads.push(`/v2/disputes/${r.json.disputeId}`);
        return { status: r.status, reads };
      }
      case 'updateDispute':
      case 'contestDispute': {
        const d = await openDispute();
        const r = await send(operationId, { disputeId: d.disputeId }, await ownEvidence(body));
        return { status: r.status, reads: [`/v2/disputes/${d.disputeId}`, `/v2/charges/${d.chargeId}`] };
      }
      case 'uploadFile': {
        // No read for files: a dispute's evidence citing the file must be accepted and served.
        const r = await call('/v2/files', body);
        if (r.status >= 300) return { status: r.status, reads: [] };
        const d = await openDispute();
        return {
          status: r.status,
          reads: [
            {
              path: `/v2/disputes/${d.disputeId}/contest`,
              method: 'POST',
              body: { merchantEvidences: [{ evidenceType: 'ProductDescription', fileId: r.json.id }] },
            },
            `/v2/disputes/${d.disputeId}`,
          ],
        };
      }
      case 'instoreMerchantScan': {
        const r = await call('/v2/in-store/merchantScan', body);
        return {
          status: r.status,
          reads: r.status < 300 ? [`/v2/chargePermissions/${r.json.chargePermissionId}`] : [],
        };
      }
      case 'instoreCharge': {
        const cp = await scanned(price.currencyCode);
        const r = await call('/v2/in-store/charge', { ...body, chargePermissionId: cp });
        const reads = [`/v2/chargePermissions/${cp}`];
        if (r.status < 300) reads.push(`/v2/charges/${r.json.chargeId}`);
        return { status: r.status, reads };
      }
      case 'instoreRefund': {
        const cp = await scanned(price.currencyCode);
        const charge = await ok('/v2/in-store/charge', {
          chargePermissionId: cp,
          chargeReferenceId: randomUUID().replaceAll('-', ''),
          chargeTotal: { amount: big, currencyCode: price.currencyCode },
        });
        const r = await call('/v2/in-store/refund', { ...body, chargeId: charge.chargeId });
        const reads = [`/v2/charges/${charge.chargeId}`];
        if (r.status < 300) reads.push(`/v2/refunds/${r.json.refundId}`);
        return { status: r.status, reads };
      }
      case 'registerAmazonPayAccount': {
        // No read for accounts: claiming one uses what was stored.
        const r = await call('/v2/merchantAccounts', body);
        return {
          status: r.status,
          reads: r.status < 300 ? [claim(String(r.json.merchantAccountId), body.uniqueReferenceId)] : [],
        };
      }
      case 'updateAmazonPayAccount': {
        const id = await account();
        const r = await call(`/v2/merchantAccounts/${id}`, body, 'PATCH');
        const reference = fixture('merchant-account/registerAmazonPayAccount.request.json').uniqueReferenceId;
        return {
          status: r.status,
          reads: [
            claim(id, reference),
            { path: `/v2/merchantAccounts/${id}`, method: 'DELETE', status: 202 },
          ],
        };
      }
      case 'claimMerchantAccount': {
        const id = await account();
        const r = await call(`/v2/merchantAccounts/${id}/claim`, body);
        return { status: r.status, reads: [{ ...claim(id, body.uniqueReferenceId) }] };
      }
      case 'createStore': {
        const id = await account();
        const r = await call(`/v2/merchantAccounts/${id}/stores`, body);
        return { status: r.status, reads: r.status < 300 ? [storeRead(id, String(r.json.storeId))] : [] };
      }
      case 'updateStore': {
        const id = await account();
        const store = await ok(
          `/v2/merchantAccounts/${id}/stores`,
          fixture('merchant-account/createStore.request.json'),
        );
        const r = await call(`/v2/merchantAccounts/${id}/stores/${store.storeId}`, body, 'PATCH');
        return { status: r.status, reads: [storeRead(id, String(store.storeId))] };
      }
      case 'createReport': {
        const r = await call('/v2/reports', body);
        if (r.status >= 300) return { status: r.status, reads: [] };
        const path = `/v2/reports/${r.json.reportId}`;
        // Read it while in progress, then once processed (with its document, if it has rows).
        const before = await call(path);
        expect(before.status, before.text).toBe(200);
        world.sim.clock.advance(REPORT_PROCESSING_MS + 1000);
        const after = await ok(path, undefined, 'GET');
        const reads = [path, '/v2/reports'];
        if (after.reportDocumentId) reads.push(`/v2/report-documents/${after.reportDocumentId}`);
        return { status: r.status, reads };
      }
      case 'createReportSchedule': {
        const r = await call('/v2/report-schedules', body);
        const reads = ['/v2/report-schedules', '/v2/reports'];
        if (r.status < 300) reads.push(`/v2/report-schedules/${r.json.reportScheduleId}`);
        return { status: r.status, reads };
      }
      default:
        throw new Error(`no exercise for ${operationId}: add one so its request fixtures are sent`);
    }
  };
}

describe('request fixtures through every write operation, then read back', () => {
  it('covers every operation that takes a request body', () => {
    const withBody = Object.values(operationSchemas as unknown as Record<string, OperationSchema>)
      .filter((op) => op.method !== 'GET' && op.body !== undefined && op.body !== null)
      .map((op) => op.operationId);
    const fixtured = new Set(fixtures.map((f) => f.operationId));
    expect(withBody.filter((id) => !fixtured.has(id))).toEqual([]);
  });

  for (const fixture of fixtures) {
    for (const as of ['string', 'number'] as const) {
      it(`${fixture.name} (${as} amounts)`, async () => {
        const body = mapAmounts(fixture.body, as) as Json;
        const merchant = newMerchant();
        const outcome = await exerciser(merchant)(fixture.operationId, body);
        // Each fixture is a request Amazon's docs or SDKs send: the simulator must accept it.
        expect(outcome.status, `${fixture.operationId} answered ${outcome.status}`).toBeLessThan(300);
        expect(outcome.reads.length).toBeGreaterThan(0);
        for (const read of outcome.reads) {
          const r: ReadBack = typeof read === 'string' ? { path: read } : read;
          const answer = await signedFetch(world, r.path, {
            method: r.method ?? 'GET',
            publicKeyId: merchant.publicKeyId,
            ...(r.body === undefined ? {} : { body: r.body }),
            headers:
              r.method && r.method !== 'GET'
                ? { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') }
                : {},
          });
          expect(answer.status, `${r.method ?? 'GET'} ${r.path} after ${fixture.name}: ${answer.text}`).toBe(
            r.status ?? 200,
          );
        }
      });
    }
  }
});
