#!/usr/bin/env node
// `pnpm check:packages`: what a merchant installs, checked the way a merchant would meet it.
//  1. packs every publishable package with `pnpm pack` (publishConfig applied) from a tree without
//     dist/, so the package's `prepack` must build it: `pnpm pack` alone ships the code;
//  2. checks each tarball's file list (dist, README.md, LICENSE, package.json, bin/ when declared)
//     and that every file its manifest points at (exports, main, module, types, bin) is in it;
//  3. publint (strict) and @arethetypeswrong/cli (every resolution mode) on each tarball;
//  4. installs the tarballs with npm into a scratch project outside the repo and runs the smoke test
//     (smoke/): ESM and CommonJS programs, and TypeScript consumers under node16 (.mts and .cts) and
//     bundler resolution, with skipLibCheck off; with @opentelemetry/api installed, the client's
//     opentelemetry entry point too (spans read back from the SDK);
//  5. installs the client alone (client, signer, types): no zod and no @opentelemetry in
//     node_modules (optional peers), and a program and a TypeScript consumer (skipLibCheck off) that
//     use the client, its hooks and the types' root entry;
//  6. runs the ESM and CommonJS programs again on the oldest Node that `engines` allows, a binary
//     from the npm registry's node-<platform>-<arch> package (cached under node_modules/.cache).
// Options: --no-build (pack the existing dist/, prepack skipped), --keep (leave the scratch
// directory and print it).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packTarballs } from './pack.mjs';
import { publishablePackages, readJson, repoRoot } from './workspace.mjs';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const packages = publishablePackages();
const failures = [];
const step = (title) => console.log(`\n== ${title}`);
const run = (command, commandArgs, options = {}) =>
  execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

const scratch = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-packages-'));
try {
  const build = !args.has('--no-build');
  step(build ? 'pack from a tree without dist/ (prepack builds)' : 'pack the existing dist/');
  const tarballsDir = join(scratch, 'tarballs');
  const tarballs = packTarballs(packages, tarballsDir, { build });
  for (const [name, file] of tarballs) console.log(`${name}: ${basename(file)}`);

  step('tarball contents');
  for (const { manifest } of packages) {
    const files = run('tar', ['-tzf', tarballs.get(manifest.name)])
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    const allowed = (path) =>
      path.startsWith('dist/') ||
      ['README.md', 'LICENSE', 'NOTICE', 'package.json', 'CHANGELOG.md'].includes(path) ||
      (manifest.bin !== undefined && path.startsWith('bin/'));
    const unexpected = files.filter((path) => !allowed(path) || /\.test\.|\.spec\./.test(path));
    const published = JSON.parse(run('tar', ['-xzOf', tarballs.get(manifest.name), 'package/package.json']));
    const missing = ['README.md', 'LICENSE', 'package.json', ...manifestTargets(published)].filter(
      (path) => !files.includes(path),
    );
    const leaks = JSON.stringify(published.exports).includes('@amazon-pay-ts/source')
      ? ['source condition']
      : [];
    const problems = [
      ...unexpected.map((p) => `unexpected ${p}`),
      ...missing.map((p) => `missing ${p}`),
      ...leaks,
    ];
    console.log(
      `${manifest.name}: ${files.length} files${problems.length ? `; ${problems.join(', ')}` : ''}`,
    );
    if (problems.length) failures.push(`${manifest.name} tarball: ${problems.join(', ')}`);
  }

  step('publint --strict');
  for (const { manifest } of packages) {
    const tarball = readFileSync(tarballs.get(manifest.name));
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      strict: true,
      level: 'suggestion',
    });
    console.log(`${manifest.name}: ${messages.length} message(s)`);
    for (const message of messages) console.log(`  ${message.type}: ${formatMessage(message, pkg)}`);
    if (messages.length) failures.push(`${manifest.name}: publint reported ${messages.length} message(s)`);
  }

  step('attw (node10, node16 from CJS and ESM, bundler)');
  const attw = join(repoRoot, 'node_modules', '.bin', 'attw');
  for (const { manifest } of packages) {
    try {
      const output = run(attw, [tarballs.get(manifest.name), '--format', 'table-flipped']);
      console.log(output.trim());
    } catch (error) {
      console.log(String(error.stdout ?? error));
      failures.push(`${manifest.name}: attw found problems`);
    }
  }

  step('install the tarballs into a scratch project');
  const consumer = join(scratch, 'consumer');
  cpSync(join(repoRoot, 'scripts', 'packaging', 'smoke'), consumer, {
    recursive: true,
    filter: (path) => !path.includes('client-alone'),
  });
  const typesNode = readJson(join(repoRoot, 'package.json')).devDependencies['@types/node'];
  // The client's optional peer, for its opentelemetry entry point (the client-alone project below
  // has none), with the SDK the scenario reads the spans from.
  const clientDev = readJson(join(repoRoot, 'packages', 'client', 'package.json')).devDependencies;
  const openTelemetry = Object.fromEntries(
    ['@opentelemetry/api', '@opentelemetry/sdk-trace-base'].map((name) => [name, clientDev[name]]),
  );
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, dependencies: Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${relative(consumer, file)}`])), devDependencies: { '@types/node': typesNode, ...openTelemetry } }, null, 2)}\n`,
  );
  // Every package, named generically, so a package added later is type-checked too.
  const imports = [...tarballs.keys()].map((name, i) => `import * as package${i} from '${name}';`).join('\n');
  const uses = `export const packages = [${[...tarballs.keys()].map((_, i) => `package${i}`).join(', ')}];\n`;
  for (const extension of ['mts', 'cts', 'ts'])
    writeFileSync(join(consumer, `packages.${extension}`), `${imports}\n${uses}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer });

  step(`smoke test on Node ${process.versions.node}: ESM, CommonJS`);
  const smoke = (node) => {
    const esm = run(node, ['smoke.mjs'], { cwd: consumer });
    const cjs = run(node, ['smoke.cjs'], { cwd: consumer });
    if (esm !== cjs) throw new Error(`ESM and CommonJS disagree:\n${esm}\n${cjs}`);
    const result = JSON.parse(esm);
    const counts = Object.entries(result.exports).map(([name, keys]) => `${name} ${keys.length}`);
    const spans = result.spans ? `; spans: ${JSON.stringify(result.spans)}` : '';
    if (result.spans && result.spans.length < 4)
      throw new Error(`too few spans: ${JSON.stringify(result.spans)}`);
    return `same exports from import and require (${counts.join(', ')}); checkout: ${JSON.stringify(result.checkout)}${spans}`;
  };
  try {
    console.log(smoke(process.execPath));
  } catch (error) {
    console.log(String(error.stderr ?? ''), String(error.message));
    failures.push('smoke test (ESM/CJS) failed');
  }

  step('executables: each package bin answers --help');
  for (const { manifest } of packages) {
    for (const bin of Object.keys(manifest.bin ?? {})) {
      try {
        const output = run(join(consumer, 'node_modules', '.bin', bin), ['--help'], { cwd: consumer });
        console.log(`${bin} --help: ${output.split('\n')[0]}`);
      } catch (error) {
        console.log(String(error.stderr ?? error));
        failures.push(`${bin} --help failed`);
      }
    }
  }

  step('TypeScript consumers: node16 (.mts, .cts) and bundler, skipLibCheck off');
  const tsc = require.resolve('typescript/bin/tsc');
  for (const project of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
    try {
      run(process.execPath, [tsc, '-p', project], { cwd: consumer });
      console.log(`${project}: ok`);
    } catch (error) {
      console.log(`${project}:\n${error.stdout}`);
      failures.push(`TypeScript consumer ${project} failed`);
    }
  }

  step('the client alone (client, signer, types): installed without zod');
  const alone = join(scratch, 'client-alone');
  cpSync(join(repoRoot, 'scripts', 'packaging', 'smoke', 'client-alone'), alone, { recursive: true });
  const aloneNames = ['@amazon-pay-ts/client', '@amazon-pay-ts/signer', '@amazon-pay-ts/types'];
  writeFileSync(
    join(alone, 'package.json'),
    `${JSON.stringify({ name: 'client-alone', private: true, type: 'module', dependencies: Object.fromEntries(aloneNames.map((name) => [name, `file:${relative(alone, tarballs.get(name))}`])), devDependencies: { '@types/node': typesNode } }, null, 2)}\n`,
  );
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: alone });
    if (existsSync(join(alone, 'node_modules', 'zod'))) throw new Error('zod was installed with the client');
    if (existsSync(join(alone, 'node_modules', '@opentelemetry'))) {
      throw new Error('@opentelemetry was installed with the client (an optional peer)');
    }
    const esm = run(process.execPath, ['program.mjs'], { cwd: alone });
    const cjs = run(process.execPath, ['program.cjs'], { cwd: alone });
    if (esm !== cjs) throw new Error(`ESM and CommonJS disagree:\n${esm}\n${cjs}`);
    run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: alone });
    console.log(
      `no zod and no @opentelemetry in node_modules; programs (ESM = CommonJS): ${esm.trim()}; TypeScript consumer: ok`,
    );
  } catch (error) {
    console.log(String(error.stdout ?? ''), String(error.stderr ?? ''), String(error.message));
    failures.push('the client alone failed (see above)');
  }

  const minimum = readJson(join(repoRoot, 'package.json')).engines.node.match(/^>=(\d+\.\d+\.\d+)$/)?.[1];
  step(`smoke test on the oldest Node engines allows (${minimum})`);
  if (!minimum) failures.push('root engines.node must read ">=X.Y.Z"');
  else {
    try {
      console.log(smoke(nodeBinary(minimum)));
    } catch (error) {
      console.log(String(error.stderr ?? ''), String(error.message));
      failures.push(`smoke test on Node ${minimum} failed`);
    }
  }
} finally {
  if (args.has('--keep')) console.log(`\nscratch directory kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

/**
 * Every file a published manifest points at: `exports` targets (every condition), `main`, `module`,
 * `types`, `bin` and `typesVersions` targets, as paths inside the package.
 */
function manifestTargets(manifest) {
  const targets = new Set();
  const add = (value) => {
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  add(manifest.exports);
  add([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.typesVersions]);
  return [...targets].filter((path) => !path.includes('*'));
}

/** A Node binary of the given version from the npm registry, cached between runs. */
function nodeBinary(version) {
  const packageName = `node-${process.platform}-${process.arch}`;
  const cache = join(repoRoot, 'node_modules', '.cache', 'amazon-pay-ts-node', version);
  const binary = join(cache, 'node_modules', packageName, 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${packageName}@${version}`], {
      cwd: cache,
    });
  }
  const reported = run(binary, ['--version']).trim();
  if (reported !== `v${version}`) throw new Error(`${binary} reports ${reported}, not v${version}`);
  return binary;
}

console.log('');
if (failures.length) {
  console.error(`check:packages FAILED:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `check:packages: ${packages.length} packages (${packages.map((p) => basename(p.dir)).join(', ')}) packed, linted and smoke-tested`,
);
