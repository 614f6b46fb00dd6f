import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createBody, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
let retrying: TestWorld;
beforeAll(async () => {
  world = await startWorld();
  retrying = await startWorld({}, { maxRetries: 3 });
});
afterAll(async () => {
  await world.sim.close();
  await retrying.sim.close();
});

describe('idempotency', () => {
  it('replays the first response for the same key and body', async () => {
    const first = await world.client.withResponse.createCheckoutSession(createBody, {
      idempotencyKey: 'replay-1',
    });
    const second = await world.client.withResponse.createCheckoutSession(createBody, {
      idempotencyKey: 'replay-1',
    });
    expect(second.data.checkoutSessionId).toBe(first.data.checkoutSessionId);
    expect(second.metadata.status).toBe(201);
    expect(second.metadata.requestId).not.toBe(first.metadata.requestId);
    expect(world.sim.requests.at(-1)).toMatchObject({ operationId: 'createCheckoutSession', replayed: true });
    expect(
      Object.values(world.sim.state.checkoutSessions).filter(
        (s) => s.checkoutSessionId === first.data.checkoutSessionId,
      ),
    ).toHaveLength(1);
  });

  it('rejects the same key with a different body (DuplicateIdempotencyKey)', async () => {
    await world.client.createCheckoutSession(createBody, { idempotencyKey: 'dup-1' });
    const error = await apiError(
      world.client.createCheckoutSession(
        { ...createBody, chargePermissionType: 'Recurring' },
        { idempotencyKey: 'dup-1' },
      ),
    );
    expect(error).toMatchObject({ status: 400, reasonCode: 'DuplicateIdempotencyKey' });
    expect(error.message).toContain("'dup-1'");
  });

  it('keeps keys indefinitely, as Amazon documents', async () => {
    const first = await world.client.createCheckoutSession(createBody, { idempotencyKey: 'old-1' });
    world.sim.clock.advance(400 * 24 * 3600_000);
    const again = await world.client.createCheckoutSession(createBody, { idempotencyKey: 'old-1' });
    expect(again.checkoutSessionId).toBe(first.checkoutSessionId);
  });

  it("lets a key on a GET, PATCH or DELETE have no effect, as Amazon documents and its Node SDK's test sends one", async () => {
    // Amazon's Node SDK sandbox test sends its create-session key on every later read and update.
    const key = { 'x-amz-pay-idempotency-key': 'nodesdktestkey01' };
    const created = await signedFetch(world, '/v2/checkoutSessions', { headers: key, body: createBody });
    expect(created.status).toBe(201);
    const path = `/v2/checkoutSessions/${created.json.checkoutSessionId}`;
    const read = await signedFetch(world, path, { headers: key });
    expect(read.status, read.text).toBe(200);
    const patch = (noteToBuyer: string) =>
      signedFetch(world, path, {
        method: 'PATCH',
        headers: key,
        body: { merchantMetadata: { noteToBuyer } },
      });
    expect((await patch('first')).json).toMatchObject({ merchantMetadata: { noteToBuyer: 'first' } });
    // Not a replay of the first PATCH: the second one changes the session.
    expect((await patch('second')).json).toMatchObject({ merchantMetadata: { noteToBuyer: 'second' } });
    const reread = await signedFetch(world, path, { headers: key });
    expect(reread.json).toMatchObject({ merchantMetadata: { noteToBuyer: 'second' } });
    expect(world.sim.requests.slice(-4).map((r) => r.replayed)).toEqual([false, false, false, false]);
  });

  it('requires the idempotency key on creates', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', { body: createBody });
    expect(result.json).toMatchObject({ reasonCode: 'MissingHeader' });
    expect(String(result.json.message)).toContain('x-amz-pay-idempotency-key');
  });
});

describe('faults', () => {
  it('503 twice, then the client retry succeeds with one idempotency key and one session', async () => {
    retrying.sim.faults.next({ status: 503, times: 2 });
    const before = Object.keys(retrying.sim.state.checkoutSessions).length;
    const result = await retrying.client.withResponse.createCheckoutSession(createBody);
    expect(result.metadata.retries).toBe(2);
    const attempts = retrying.sim.requests.slice(-3);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 201]);
    expect(attempts[0]!.reasonCode).toBe('ServiceUnavailable');
    expect(Object.keys(retrying.sim.state.checkoutSessions).length).toBe(before + 1);
  });

  it('429 with Retry-After is honoured', async () => {
    const { checkoutSessionId } = await retrying.client.createCheckoutSession(createBody);
    retrying.sim.faults.next({ status: 429, retryAfter: 1 });
    const started = Date.now();
    const result = await retrying.client.withResponse.getCheckoutSession(checkoutSessionId);
    expect(result.metadata.retries).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(retrying.sim.requests.at(-2)).toMatchObject({ status: 429, reasonCode: 'TooManyRequests' });
  });

  it('an error fault reaches the caller as the typed error when retries are off', async () => {
    world.sim.faults.next({ status: 500, operationId: 'getCheckoutSession' });
    const { checkoutSessionId } = await world.client.createCheckoutSession(createBody);
    const error = await apiError(world.client.getCheckoutSession(checkoutSessionId));
    expect(error).toMatchObject({ status: 500, reasonCode: 'InternalServerError' });
    expect(world.sim.faults.pending).toEqual([]);
  });

  it('delayMs delays the answer', async () => {
    world.sim.faults.next({ delayMs: 300 });
    const started = Date.now();
    await world.client.createCheckoutSession(createBody);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('reset drops the connection without processing the request', async () => {
    world.sim.faults.next({ reset: true });
    const before = Object.keys(world.sim.state.checkoutSessions).length;
    const error = await apiError(world.client.createCheckoutSession(createBody));
    expect(error.name).toMatch(/Network/);
    expect(Object.keys(world.sim.state.checkoutSessions).length).toBe(before);
  });

  it('a truncated body arrives after the request was processed; the retry replays it', async () => {
    retrying.sim.faults.next({ body: 'truncated' });
    const before = Object.keys(retrying.sim.state.checkoutSessions).length;
    const session = await retrying.client.createCheckoutSession(createBody);
    expect(Object.keys(retrying.sim.state.checkoutSessions).length).toBe(before + 1);
    expect(retrying.sim.requests.at(-1)).toMatchObject({ replayed: true });
    expect(retrying.sim.state.checkoutSessions[session.checkoutSessionId]).toBeDefined();
  });

  it('validates fault specs', () => {
    expect(() => world.sim.faults.next({ status: 42 })).toThrow(RangeError);
    expect(() => world.sim.faults.next({ status: 503, times: 0 })).toThrow(RangeError);
    expect(() => world.sim.faults.next({ status: 503, operationId: 'getcharge' })).toThrow(
      /Amazon Pay operationId/,
    );
    world.sim.faults.next({ status: 503, operationId: 'getCharge' });
    world.sim.faults.clear();
    world.sim.faults.next({ status: 503, times: 3 });
    expect(world.sim.faults.pending).toEqual([{ status: 503, times: 3 }]);
    world.sim.faults.clear();
    expect(world.sim.faults.pending).toEqual([]);
  });
});
