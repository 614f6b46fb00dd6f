// Bundles the multi-file spec into one document with Redocly's CLI (the same tool that lints it),
// so every `$ref` becomes a local `#/components/...` pointer with the names the root file gives.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OpenApiDocument } from './document.js';

function redoclyEntry(): string {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('@redocly/cli/package.json');
  const { bin } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const relative = typeof bin === 'string' ? bin : (bin.redocly ?? Object.values(bin)[0]!);
  return join(dirname(packageJsonPath), relative);
}

/** `configPath` is the redocly.yaml whose decorators and settings apply (none for test specs). */
export function bundleSpec(rootSpecPath: string, configPath?: string): OpenApiDocument {
  const outDir = mkdtempSync(join(tmpdir(), 'amazon-pay-bundle-'));
  try {
    const outFile = join(outDir, 'bundle.json');
    const args = [redoclyEntry(), 'bundle', rootSpecPath, '--output', outFile, '--ext', 'json'];
    if (configPath !== undefined) args.push('--config', configPath);
    execFileSync(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return JSON.parse(readFileSync(outFile, 'utf8')) as OpenApiDocument;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
