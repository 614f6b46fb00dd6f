// The README's ```ts blocks compile (repo settings) and run: each is written into this package,
// type-checked, imported, and sent a signed SNS message (certificate served through a stubbed fetch).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Server as HttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CERT_URL, createTestSns, ipnMessage, type TestSns } from './helpers/sns.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const blocks = [...readFileSync(join(packageDir, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (match) => match[1]!,
);

let dir = '';
let files: string[] = [];
let sns: TestSns;

beforeAll(() => {
  sns = createTestSns();
  dir = mkdtempSync(join(packageDir, '.readme-'));
  files = blocks.map((code, index) => {
    const file = join(dir, `block-${index}.ts`);
    writeFileSync(file, `${code}export {};\n`);
    return file;
  });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function typeErrors(fileNames: string[]): string[] {
  const config = ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir);
  const program = ts.createProgram(fileNames, { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && fileNames.includes(d.file.fileName))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Serves the test certificate for CERT_URL (the blocks use the default fetch). */
function stubCertificateFetch() {
  const real = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) =>
    String(input) === CERT_URL ? new Response(sns.certificatePem) : real(input, init),
  );
}

describe('README', () => {
  it('has the two handlers', () => {
    expect(blocks).toHaveLength(2);
  });

  it('blocks compile under the repo settings', () => {
    expect(typeErrors(files)).toEqual([]);
  }, 60_000);

  it('the Node http handler serves and verifies', async () => {
    stubCertificateFetch();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const listen = vi.spyOn(HttpServer.prototype, 'listen');
    try {
      await import(/* @vite-ignore */ pathToFileURL(files[0]!).href);
      const server = listen.mock.contexts[0] as Server;
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const message = await sns.sign({
        Message: ipnMessage({ ObjectType: 'REFUND', NotificationId: 'readme-1' }),
      });
      const answer = await fetch(url, { method: 'POST', body: JSON.stringify(message) });
      expect([answer.status, await answer.text()]).toEqual([200, 'OK']);
      const forged = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ ...message, MessageId: 'x' }),
      });
      expect(forged.status).toBe(400);
      expect(log).toHaveBeenCalledWith('REFUND', 'readme-1');
      await new Promise((resolve) => server.close(resolve));
    } finally {
      listen.mockRestore();
      log.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it('the web-standard handler answers Requests', async () => {
    stubCertificateFetch();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const module = await import(/* @vite-ignore */ pathToFileURL(files[1]!).href);
      const message = await sns.sign({});
      const answer: Response = await module.default.fetch(
        new Request('https://shop.example/ipn', { method: 'POST', body: JSON.stringify(message) }),
      );
      expect(answer.status).toBe(200);
      expect(log).toHaveBeenCalledWith('charge', 'S01-1111111-2222222-C333333');
    } finally {
      log.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
