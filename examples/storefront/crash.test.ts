import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, adminForm, adminPasswordHash, loginAdmin } from './test-support/admin.js';
import { Agent, type Form, type Page } from './test-support/agent.js';
import { checkout, orderIdOf } from './test-support/buyer.js';
import {
  type ChildShop,
  type SharedAmazon,
  startChildShop,
  startSharedSimulator,
} from './test-support/processes.js';
import { type StallingProxy, startStallingProxy } from './test-support/stalling-proxy.js';

/**
 * A real storefront process is killed after Amazon made the refund and before the shop wrote it
 * down. The restarted shop repeats the stored request with the stored idempotency key: Amazon
 * replays the first refund, the shop records it, and Amazon counts one refund.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The same form, posted to the restarted shop (a new port) from its own page. */
const moved = (page: Page, form: Form, from: string, to: string) => ({
  page: { ...page, url: page.url.replace(from, to) },
  form: { ...form, action: form.action.replace(from, to) },
});

describe('a crash between the Amazon call and the database write', () => {
  it('kill -9 after Amazon refunded, restart, retry the same form: one refund, recorded once', async () => {
    const amazon: SharedAmazon = await startSharedSimulator();
    cleanup.push(() => amazon.sim.close());
    const proxy: StallingProxy = await startStallingProxy(amazon.sim.url);
    cleanup.push(() => proxy.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'storefront-crash-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = {
      STOREFRONT_DATA_DIR: dataDir,
      STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD),
    };

    const first: ChildShop = await startChildShop(amazon, env, { amazonUrl: proxy.url, leaseMs: 1000 });
    cleanup.push(() => first.kill('SIGKILL'));
    const paid = await checkout(new Agent(), { url: first.url, simUrl: amazon.sim.url }, '1111');
    const orderId = orderIdOf(paid);
    const admin = new Agent();
    await loginAdmin(admin, first.url);
    const capture = await adminForm(admin, first.url, orderId, 'capture');
    await admin.submit(capture.page, capture.form);
    const chargeId = Object.values(amazon.sim.state.charges).find(
      (c) => c.statusDetails.state === 'Captured',
    )!.chargeId;
    const refundsAtAmazon = () =>
      Object.values(amazon.sim.state.refunds).filter((r) => r.chargeId === chargeId);

    const { page, form } = await adminForm(admin, first.url, orderId, 'refund');
    const acted = proxy.stallNext(/^POST \/v2\/refunds/);
    const submitting = admin.submit(page, form, { amount: '5.00' }).catch((error: unknown) => error);
    expect((await acted).status).toBe(201);
    await first.kill('SIGKILL'); // Amazon refunded; the shop never heard and never wrote
    expect(await submitting).toBeInstanceOf(Error);
    expect(refundsAtAmazon()).toHaveLength(1);

    const second = await startChildShop(amazon, env, { leaseMs: 1000 });
    cleanup.push(() => second.kill());
    // The admin's browser retries the same form (same one-time token) until the shop has it.
    const retry = moved(page, form, first.url, second.url);
    let admin2: Page | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      await admin.submit(retry.page, retry.form, { amount: '5.00' });
      admin2 = await admin.get(`${second.url}/admin`);
      if (/data-refunds>5\.00 \(/.test(admin2.html.split(`data-order="${orderId}"`)[1] ?? '')) break;
      await sleep(250);
    }
    expect(admin2?.html.split(`data-order="${orderId}"`)[1]).toMatch(/data-refunds>5\.00 \(/);

    expect(refundsAtAmazon()).toHaveLength(1);
    const calls = amazon.sim.requests.filter((r) => r.operationId === 'createRefund');
    // The first call made the refund; every later one (same key) was Amazon's replay of it.
    expect(calls[0]).toMatchObject({ status: 201, replayed: false });
    expect(calls.slice(1).every((c) => c.replayed)).toBe(true);
    // And the retried form is done now: submitting it again calls nobody.
    const before = amazon.sim.requests.length;
    await admin.submit(retry.page, retry.form, { amount: '5.00' });
    expect(amazon.sim.requests.slice(before).filter((r) => r.operationId === 'createRefund')).toEqual([]);
    expect(second.stderr()).not.toMatch(/Error/);
  }, 120_000);
});
