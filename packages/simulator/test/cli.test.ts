import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { createNotificationHandler } from '@amazon-pay-ts/notifications';
import { toNodeListener } from '@amazon-pay-ts/notifications/node';
import { afterEach, describe, expect, it } from 'vitest';
import { runSimulatorCommand } from '../src/index.js';
import { createBody } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/amazon-pay-simulator.mjs', import.meta.url));
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

function readConfig(
  process: ChildProcess,
): Promise<{ region: 'na'; publicKeyId: string; privateKey: string; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no config printed; output so far:\n${output}`)), 20_000);
    process.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^SIMULATOR_CONFIG (.+)$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]!));
      }
    });
    process.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    process.once('exit', (code) => reject(new Error(`CLI exited with ${code}:\n${output}`)));
  });
}

describe('amazon-pay-simulator CLI', () => {
  it('generates a key pair, prints a working client config and answers a signed request', async () => {
    child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const config = await readConfig(child);
    expect(config.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.privateKey).toMatch(/private\.pem$/);
    const client = new WebStoreClient({ ...config, maxRetries: 0 });
    const session = await client.createCheckoutSession(createBody);
    expect(session.statusDetails?.state).toBe('Open');
  });

  it('refuses a half-given key', async () => {
    child = spawn(process.execPath, [bin, '--public-key', 'public.pem'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => child!.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--public-key-id and --public-key go together');
  });
});

describe('amazon-pay-simulator --ipn-url', () => {
  it('delivers signed IPNs to the given URL and prints the verifier options that trust them', async () => {
    const received: string[] = [];
    let options: Record<string, string[]> = {};
    const endpoint = createServer((req, res) =>
      toNodeListener(
        createNotificationHandler({
          ...options,
          now: () => Date.now(),
          onNotification: (n) => {
            received.push(`${n.objectType} ${n.objectType === 'CHARGE' ? n.chargeId : ''}`.trim());
          },
        }),
      )(req, res),
    );
    endpoint.listen(0, '127.0.0.1');
    await once(endpoint, 'listening');
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/ipn`;
    const lines: string[] = [];
    const launched = (await runSimulatorCommand(['--port', '0', '--ipn-url', url], {
      out: (line) => lines.push(line),
    }))!;
    const { sim } = launched;
    try {
      const printed = lines.find((line) => line.includes('createNotificationHandler('))!;
      options = JSON.parse(printed.slice(printed.indexOf('(') + 1, printed.lastIndexOf(')')));
      expect(options.trustedCertificateOrigins).toEqual([sim.url]);
      const config = JSON.parse(lines.find((line) => line.startsWith('SIMULATOR_CONFIG '))!.slice(17));
      const client = new WebStoreClient({ ...config, maxRetries: 0 });
      const session = await client.createCheckoutSession(createBody);
      sim.approve(session.checkoutSessionId);
      await client.updateCheckoutSession(session.checkoutSessionId, {
        paymentDetails: { paymentIntent: 'Authorize', chargeAmount: { amount: '1.00', currencyCode: 'USD' } },
      });
      sim.approve(session.checkoutSessionId);
      await client.completeCheckoutSession(session.checkoutSessionId, {
        chargeAmount: { amount: '1.00', currencyCode: 'USD' },
      });
      await sim.notifications.settled();
      const completed = await client.getCheckoutSession(session.checkoutSessionId);
      expect(received).toEqual(expect.arrayContaining(['CHARGE_PERMISSION', `CHARGE ${completed.chargeId}`]));
      expect(sim.notifications.log.every((entry) => entry.status === 200)).toBe(true);
    } finally {
      await launched.close();
      endpoint.close();
    }
  });
});
