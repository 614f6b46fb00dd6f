import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchOptionsError, launchSimulator } from './launch.js';

describe('launchSimulator', () => {
  it.each([
    [{ port: '70000' }, '--port must be 0-65535, got 70000'],
    [{ port: 'x' }, '--port must be 0-65535, got x'],
    [{ port: '0', publicKeyId: 'SANDBOX-A' }, '--public-key-id and --public-key go together'],
    [
      { port: '0', ipnUrl: 'ftp://shop.example/ipn' },
      '--ipn-url must be an http(s) URL, got ftp://shop.example/ipn',
    ],
    [
      { port: '0', publicKeyId: 'SANDBOX-A', publicKeyPath: '/nonexistent/amazon-pay/public.pem' },
      'cannot read /nonexistent/amazon-pay/public.pem',
    ],
  ])('refuses %j before starting anything', async (flags, message) => {
    const error = await launchSimulator({ host: '127.0.0.1', ...flags }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchOptionsError);
    expect((error as Error).message).toBe(message);
  });

  it('without a key, generates a sandbox pair beside each other and accepts its key id', async () => {
    const { sim, publicKeyId, privateKeyPath } = await launchSimulator({ port: '0', host: '127.0.0.1' });
    try {
      expect(publicKeyId).toBe('SANDBOX-ASIMULATORKEY');
      expect(privateKeyPath).not.toBeNull();
      expect(await readFile(privateKeyPath!, 'utf8')).toContain('PRIVATE KEY');
      expect(await readFile(join(dirname(privateKeyPath!), 'public.pem'), 'utf8')).toContain('PUBLIC KEY');
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sim.close();
      if (privateKeyPath) await rm(dirname(privateKeyPath), { recursive: true, force: true });
    }
  });
});
