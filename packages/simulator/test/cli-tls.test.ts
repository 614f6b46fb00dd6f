import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { opensslAvailable, selfSignedCertificate } from '../src/index.js';
import { type RunningCli, runSimulatorCli } from './cli-support.js';

// Issue 21, found 2: the command line had no --tls or certificate flags
// (the client's half, allowInsecureHttp, is tested in packages/client/test/insecure-http.test.ts).
const run = promisify(execFile);
let running: RunningCli | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await running?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  running = undefined;
  scratch = undefined;
});

/** curl, trusting only the given CA file (not the system's, and never -k). */
async function curlStatus(url: string, caFile: string): Promise<string> {
  const { stdout } = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '--cacert',
    caFile,
    url,
  ]);
  return stdout;
}

describe('--tls', () => {
  it('serves https with a generated certificate whose CA it writes out for clients', async () => {
    running = runSimulatorCli(['--port', '0', '--tls']);
    const { config, info } = await running.started;
    expect(info.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(config.baseUrl).toBe(info.baseUrl);
    const ca = await readFile(info.caCertificatePath!, 'utf8');
    expect(ca).toContain('BEGIN CERTIFICATE');
    expect(await curlStatus(`${info.baseUrl}/__simulator`, info.caCertificatePath!)).toBe('200');
    // localhost is in the certificate too.
    const port = new URL(info.baseUrl).port;
    expect(await curlStatus(`https://localhost:${port}/__simulator`, info.caCertificatePath!)).toBe('200');
    expect(running.output()).toContain(`NODE_EXTRA_CA_CERTS=${info.caCertificatePath}`);
  });

  it.skipIf(!opensslAvailable())('serves a certificate and key the user gives (--cert/--key)', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'simulator-cert-test-'));
    const { cert, key } = selfSignedCertificate('127.0.0.1');
    await writeFile(join(scratch, 'cert.pem'), cert);
    await writeFile(join(scratch, 'key.pem'), key, { mode: 0o600 });
    running = runSimulatorCli([
      '--port',
      '0',
      '--cert',
      join(scratch, 'cert.pem'),
      '--key',
      join(scratch, 'key.pem'),
    ]);
    const { info } = await running.started;
    expect(info.baseUrl).toMatch(/^https:/);
    expect(info.caCertificatePath).toBe(join(scratch, 'cert.pem'));
    expect(await curlStatus(`${info.baseUrl}/__simulator`, join(scratch, 'cert.pem'))).toBe('200');
  });

  it('refuses --cert without --key, and --tls with --cert', async () => {
    for (const args of [
      ['--cert', 'c.pem'],
      ['--tls', '--cert', 'c.pem', '--key', 'k.pem'],
    ]) {
      const cli = runSimulatorCli(['--port', '0', ...args]);
      expect(await cli.exited).toBe(2);
      expect(cli.output()).toMatch(
        /--cert and --key go together|--tls generates a certificate; leave out --cert/,
      );
    }
  });
});
