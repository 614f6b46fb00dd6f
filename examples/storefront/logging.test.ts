import { afterAll, describe, expect, it, vi } from 'vitest';
import { type RunningStorefront, startStorefront } from './server.js';
import { ADMIN_PASSWORD, adminPasswordHash } from './test-support/admin.js';

/** A request that fails at Amazon: reviewing a checkout session the simulator never made (500). */
const failingRequest = (shop: RunningStorefront) =>
  fetch(`${shop.url}/checkout/review?amazonCheckoutSessionId=not-a-session`);

describe('storefront logging', () => {
  const shops: RunningStorefront[] = [];
  afterAll(async () => {
    for (const shop of shops) await shop.close();
  });

  it('tells a failed request to the given logger, and writes nothing without one', async () => {
    const env = { STOREFRONT_ADMIN_PASSWORD_HASH: await adminPasswordHash(ADMIN_PASSWORD) };
    const errors: unknown[][] = [];
    const logged = await startStorefront(env, {
      port: 0,
      logger: { error: (...args) => errors.push(args) },
    });
    const silent = await startStorefront(env, { port: 0 });
    shops.push(logged, silent);

    expect((await failingRequest(logged)).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('storefront request failed');
    expect(errors[0]?.[1]).toBeInstanceOf(Error);

    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect((await failingRequest(silent)).status).toBe(500);
      expect(consoleError).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      stderr.mockRestore();
      stdout.mockRestore();
    }
  }, 60_000);
});
