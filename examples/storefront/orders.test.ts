import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonFileOrderStore, createMemoryOrderStore, type OrderStore } from './orders.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const fields = {
  checkoutSessionId: 'cs-1',
  item: 'Sandbox tee',
  amount: '19.99',
  currencyCode: 'USD' as const,
};

async function exercise(store: OrderStore) {
  const order = await store.create(fields);
  expect(order.status).toBe('awaiting-payment');
  const updated = await store.update(order.id, 'charge authorized', (o) => {
    o.status = 'authorized';
    o.chargeId = 'S01-1-C1';
  });
  expect(updated.history.map((h) => h.event)).toEqual([
    'order created, buyer sent to Amazon Pay',
    'charge authorized',
  ]);
  expect((await store.findBy('chargeId', 'S01-1-C1'))?.id).toBe(order.id);
  expect(await store.findBy('chargeId', 'nope')).toBeUndefined();
  // Callers get copies: changing one does not change the store.
  updated.status = 'declined';
  expect((await store.get(order.id))?.status).toBe('authorized');
  return order.id;
}

describe('OrderStore', () => {
  it('in memory', async () => {
    const store = createMemoryOrderStore();
    await exercise(store);
    await store.create({ ...fields, checkoutSessionId: 'cs-2' });
    expect((await store.list()).map((o) => o.checkoutSessionId)).toEqual(['cs-2', 'cs-1']);
    await expect(store.update('ORD-MISSING', 'x', () => {})).rejects.toThrow('no order ORD-MISSING');
  });

  it('in a JSON file that a new store reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefront-orders-'));
    dirs.push(dir);
    const path = join(dir, 'orders.json');
    const id = await exercise(await createJsonFileOrderStore(path));
    const reopened = await createJsonFileOrderStore(path);
    expect((await reopened.get(id))?.status).toBe('authorized');
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveLength(1);
  });
});
