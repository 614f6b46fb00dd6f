import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePrivateKey, SignerError } from '../src/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const ENGINES = '>=20.16.0';

describe('Node versions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a key path on a Node without process.getBuiltinModule (< 20.16) says what is needed', () => {
    // Node 20.0–20.15 has no process.getBuiltinModule, the only synchronous way to fs from an ES module
    // that must also load where there is no fs (checked with a Node 20.0.0 binary).
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined, versions: { node: '20.15.1' } });
    let error: unknown;
    try {
      parsePrivateKey('./private.pem');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SignerError);
    expect((error as SignerError).code).toBe('UNSUPPORTED_PLATFORM');
    expect((error as Error).message).toContain('Node 20.15.1');
    expect((error as Error).message).toContain('>= 20.16');
    expect((error as Error).message).toContain('engines');
  });

  it('every package asks for a Node with process.getBuiltinModule (20.16); CommonJS comes from the dual build, not require(esm)', () => {
    const manifests = [
      '',
      'packages/types',
      'packages/signer',
      'packages/client',
      'packages/simulator',
      'packages/notifications',
      'packages/cli',
    ].map((dir) => join(root, dir, 'package.json'));
    for (const path of manifests) {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { engines?: { node?: string } };
      expect(manifest.engines?.node, path).toBe(ENGINES);
    }
  });
});
