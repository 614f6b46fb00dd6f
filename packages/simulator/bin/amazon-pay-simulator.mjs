#!/usr/bin/env node
// Runs the built entry; in a clone without a build, the TypeScript source through the repository's
// one source launcher (scripts/run-source.mjs, never reached from a published tarball).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/esm/cli.js', import.meta.url);
if (existsSync(built)) {
  process.argv[1] = fileURLToPath(built);
  await import(built.href);
} else {
  const { runSource } = await import('../../../scripts/run-source.mjs');
  runSource(new URL('../src/cli.ts', import.meta.url));
}
