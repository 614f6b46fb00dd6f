import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminPasswordHash } from './test-support/admin.js';

let shop: RunningStorefront;
beforeAll(async () => {
  shop = await startStorefront(
    { STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD) },
    { port: 0 },
  );
}, 60_000);
afterAll(() => shop?.close());

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${shop.url}/admin/login`, {
    method: 'POST',
    headers: {
      origin: shop.publicUrl,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);

describe('form bodies', () => {
  it('a form body past 16 KiB is refused (413), announced or streamed without a length', async () => {
    // 32 KiB: past the limit, small enough for the socket to take whole before the answer.
    const big = `password=${'a'.repeat(32 * 1024)}`;
    const announced = await post(big);
    expect(announced.status).toBe(413);
    expect(announced.headers.get('x-frame-options')).toBe('DENY');

    // Streamed (chunked, no content-length): counted as it is read.
    let chunks = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4096).fill(97));
        if (++chunks === 8) controller.close();
      },
    });
    expect((await post(streamed)).status).toBe(413);
  });

  it('a normal form still reaches its route (a refused CSRF token, not a refused size)', async () => {
    expect((await post('password=x&csrf=nope')).status).toBe(403);
  });
});
