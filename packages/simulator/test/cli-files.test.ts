import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientConfig, WebStoreClient } from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningCli, runSimulatorCli } from './cli-support.js';
import { createBody } from './helpers.js';

// Issue 21, found 5: every start without a key left `amazon-pay-simulator-XXXX/private.pem` in the
// temporary folder (also when the start failed), and each restart made a new key.
let running: RunningCli[] = [];
let scratch: string[] = [];
afterEach(async () => {
  for (const cli of running) await cli.stop();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  running = [];
  scratch = [];
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'simulator-cli-test-'));
  scratch.push(dir);
  return dir;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const cli = runSimulatorCli(args, env);
  running.push(cli);
  return cli;
}

/** What the simulator left in a temporary folder (tsx keeps its own cache there too). */
async function leftBehind(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('amazon-pay-simulator'));
}

describe('temporary files', () => {
  it('removes the generated key folder when stopped', async () => {
    const temp = await freshDir();
    const cli = start(['--port', '0'], { TMPDIR: temp });
    const { info } = await cli.started;
    expect(info.privateKeyPath?.startsWith(temp)).toBe(true);
    expect(await leftBehind(temp)).toHaveLength(1);
    expect(await cli.stop()).toBe(0);
    expect(await leftBehind(temp)).toEqual([]);
  });

  it('leaves nothing behind when the port is taken, and says so', async () => {
    const temp = await freshDir();
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    try {
      const port = String((blocker.address() as { port: number }).port);
      const cli = start(['--port', port, '--tls'], { TMPDIR: temp });
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain(`127.0.0.1:${port} is already in use`);
      expect(await leftBehind(temp)).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});

describe('a stable key', () => {
  it('--state-dir keeps the same key, key id and merchant id across restarts', async () => {
    const state = await freshDir();
    const first = start(['--port', '0', '--state-dir', state]);
    const one = await first.started;
    const keyText = await readFile(one.info.privateKeyPath!, 'utf8');
    expect(one.info.privateKeyPath!.startsWith(state)).toBe(true);
    await first.stop();
    const second = start(['--port', '0', '--state-dir', state]);
    const two = await second.started;
    expect(two.info.privateKeyPath).toBe(one.info.privateKeyPath);
    expect(await readFile(two.info.privateKeyPath!, 'utf8')).toBe(keyText);
    expect(two.info.publicKeyId).toBe(one.info.publicKeyId);
    expect(two.info.merchantId).toBe(one.info.merchantId);
    await second.stop();
    // The state directory is the user's: kept on exit.
    expect((await readdir(state)).sort()).toEqual(expect.arrayContaining(['private.pem', 'public.pem']));
  });

  it('--key-file with --public-key-id signs with the merchant’s own private key', async () => {
    const dir = await freshDir();
    const { privateKeyPem } = await generateKeyPairPem();
    const keyFile = join(dir, 'my-key.pem');
    await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
    const cli = start(['--port', '0', '--key-file', keyFile, '--public-key-id', 'SANDBOX-AMYOWNKEY']);
    const { config, info } = await cli.started;
    expect(info.publicKeyId).toBe('SANDBOX-AMYOWNKEY');
    expect(info.privateKeyPath).toBe(keyFile);
    const client = new WebStoreClient({ ...(config as unknown as ClientConfig), maxRetries: 0 });
    expect((await client.createCheckoutSession(createBody)).statusDetails?.state).toBe('Open');
  });
});
