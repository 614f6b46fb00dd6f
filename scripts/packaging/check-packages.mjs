#!/usr/bin/env node
// `pnpm check:packages`: what a merchant installs, checked the way a merchant would meet it.
//  1. builds every publishable package (turbo) and packs it with `pnpm pack` (publishConfig applied);
//  2. checks each tarball's file list (dist, README.md, LICENSE, package.json, bin/ when declared);
//  3. publint (strict) and @arethetypeswrong/cli (every resolution mode) on each tarball;
//  4. installs the tarballs with npm into a scratch project outside the repo and runs the smoke test
//     (smoke/): ESM and CommonJS programs, and TypeScript consumers under node16 (.mts and .cts) and
//     bundler resolution, with skipLibCheck off;
//  5. runs the ESM and CommonJS programs again on the oldest Node that `engines` allows, a binary
//     from the npm registry's node-<platform>-<arch> package (cached under node_modules/.cache).
// Options: --no-build (reuse dist/), --keep (leave the scratch directory and print it).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { publishablePackages, readJson, repoRoot } from './workspace.mjs';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const packages = publishablePackages();
const failures = [];
const step = (title) => console.log(`\n== ${title}`);
const run = (command, commandArgs, options = {}) =>
  execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

if (!args.has('--no-build')) {
  step('build');
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-packages-'));
try {
  step('pack');
  const tarballsDir = join(scratch, 'tarballs');
  mkdirSync(tarballsDir);
  const tarballs = new Map();
  for (const { dir, manifest } of packages) {
    const before = new Set(readdirSync(tarballsDir));
    run('pnpm', ['pack', '--pack-destination', tarballsDir], { cwd: dir });
    const file = readdirSync(tarballsDir).find((name) => !before.has(name));
    tarballs.set(manifest.name, join(tarballsDir, file));
    console.log(`${manifest.name}: ${file}`);
  }

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
    const missing = ['README.md', 'LICENSE', 'package.json'].filter((path) => !files.includes(path));
    const published = JSON.parse(run('tar', ['-xzOf', tarballs.get(manifest.name), 'package/package.json']));
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
  cpSync(join(repoRoot, 'scripts', 'packaging', 'smoke'), consumer, { recursive: true });
  const typesNode = readJson(join(repoRoot, 'package.json')).devDependencies['@types/node'];
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, dependencies: Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${relative(consumer, file)}`])), devDependencies: { '@types/node': typesNode } }, null, 2)}\n`,
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
    return `same exports from import and require (${counts.join(', ')}); checkout: ${JSON.stringify(result.checkout)}`;
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
