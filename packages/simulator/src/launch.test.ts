import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchOptionsError, launchSimulator } from './launch.js';

describe('launchSimulator', () => {
  it.each([
    [{ port: '70000' }, '--port must be 0-65535, got 70000'],
    [{ port: 'x' }, '--port must be 0-65535, got x'],
    [{ port: '0', publicKeyPath: 'public.pem' }, '--public-key-id and --public-key go together'],
    [{ port: '0', certPath: 'cert.pem' }, '--cert and --key go together'],
    [
      { port: '0', tls: true, certPath: 'c.pem', keyPath: 'k.pem' },
      '--tls generates a certificate; leave out --cert and --key, or --tls',
    ],
    [{ port: '0', tlsNames: ['sim'] }, '--tls-name needs --tls'],
    [
      { port: '0', publicUrl: 'https://sim:4010/path' },
      '--public-url must be an http(s) origin such as https://simulator:4010, got https://sim:4010/path',
    ],
    [{ port: '0', controlToken: 'short' }, '--control-token must be at least 16 characters'],
    [
      { port: '0', ipnUrl: 'ftp://shop.example/ipn' },
      '--ipn-url must be an http(s) URL, got ftp://shop.example/ipn',
    ],
    [
      { port: '0', publicKeyId: 'SANDBOX-A', publicKeyPath: '/nonexistent/amazon-pay/public.pem' },
      'cannot read /nonexistent/amazon-pay/public.pem (--public-key)',
    ],
  ])('refuses %j before starting anything', async (flags, message) => {
    const error = await launchSimulator({ host: '127.0.0.1', ...flags }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchOptionsError);
    expect((error as Error).message).toBe(message);
  });

  it('without a key, generates a sandbox pair beside each other and accepts its key id', async () => {
    const launched = await launchSimulator({ port: '0', host: '127.0.0.1' });
    const { sim, publicKeyId, privateKeyPath } = launched;
    try {
      expect(publicKeyId).toBe('SANDBOX-ASIMULATORKEY');
      expect(privateKeyPath).not.toBeNull();
      expect(await readFile(privateKeyPath!, 'utf8')).toContain('PRIVATE KEY');
      expect(await readFile(join(dirname(privateKeyPath!), 'public.pem'), 'utf8')).toContain('PUBLIC KEY');
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await launched.close();
    }
    // close() removed the generated pair.
    await expect(readFile(privateKeyPath!, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('keeps a state directory; the control plane is open on any loopback address, token-kept beyond it', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'simulator-launch-test-'));
    try {
      const host = `127.0.0.${2 + Math.floor(Math.random() * 200)}`;
      const loopback = await launchSimulator({ port: '0', host, stateDir });
      expect(loopback.sim.controlToken).toBeNull();
      await loopback.close();
      expect(await readdir(stateDir)).toEqual(expect.arrayContaining(['private.pem', 'sns-ca-key.pem']));
      expect(await readdir(stateDir)).not.toContain('control-token');
      const exposed = await launchSimulator({ port: '0', host: '0.0.0.0', stateDir });
      const token = exposed.sim.controlToken;
      await exposed.close();
      const again = await launchSimulator({ port: '0', host: '0.0.0.0', stateDir });
      expect(again.sim.controlToken).toBe(token);
      expect(token).toBe((await readFile(join(stateDir, 'control-token'), 'utf8')).trim());
      await again.close();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
