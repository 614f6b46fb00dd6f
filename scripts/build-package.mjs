#!/usr/bin/env node
// The one build every publishable package runs (`"build": "node ../../scripts/build-package.mjs"`):
// its tsconfig.build.json compiled twice by tsc, file for file, no bundler.
//   dist/esm  ES modules + declarations (type-checked here)
//   dist/cjs  CommonJS (emit only: the ESM pass already checked the same sources) + the same
//             declarations, under a package.json saying "type": "commonjs" so Node and TypeScript
//             read both as CommonJS.
// Why tsc twice rather than a bundler (tsup, tsdown): the sources are already one module per file
// with explicit `.js` specifiers, so per-file output keeps tree-shaking and stack traces as they are,
// the declarations are tsc's own (no d.ts bundler to trust), and the build needs no new dependency.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const packageDir = process.cwd();
const config = join(packageDir, 'tsconfig.build.json');
if (!existsSync(config)) {
  console.error(`build-package: ${packageDir} has no tsconfig.build.json`);
  process.exit(1);
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dist = join(packageDir, 'dist');
const esm = join(dist, 'esm');
const cjs = join(dist, 'cjs');

const run = (args) => execFileSync(process.execPath, [tsc, '-p', config, ...args], { stdio: 'inherit' });

rmSync(dist, { recursive: true, force: true });
// Maps would point at src/, which is not published.
const noMaps = ['--sourceMap', 'false', '--declarationMap', 'false'];
run(['--outDir', esm, ...noMaps]);
run([
  '--outDir',
  cjs,
  ...noMaps,
  '--declaration',
  'false',
  '--module',
  'commonjs',
  '--moduleResolution',
  'node10',
  '--customConditions',
  'null',
  '--verbatimModuleSyntax',
  'false',
  '--noCheck',
]);
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

/** Copies the ESM declarations beside the CommonJS files; relative imports resolve the same way. */
function copyDeclarations(from, to) {
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    if (statSync(source).isDirectory()) copyDeclarations(source, join(to, entry));
    else if (entry.endsWith('.d.ts')) cpSync(source, join(to, entry));
  }
}
copyDeclarations(esm, cjs);
