// Packs publishable packages as `pnpm publish` would (publishConfig applied) and installs tarballs
// into a scratch project with npm, as a merchant would: shared by `pnpm check:packages` and
// `pnpm bench:size`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publishablePackages } from './workspace.mjs';

/**
 * Packs each package into `destination` and returns package name → tarball path. With `build`
 * (the default) each package's dist/ is removed first, so only its `prepack` can put code into the
 * tarball: what `pnpm pack` does on a fresh clone. Without, dist/ is packed as it is (prepack skipped).
 */
export function packTarballs(packages, destination, { build = true } = {}) {
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map();
  for (const { dir, manifest } of packages) {
    if (build) rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const before = new Set(readdirSync(destination));
    execFileSync(
      'pnpm',
      ['pack', '--pack-destination', destination, ...(build ? [] : ['--config.ignore-scripts=true'])],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const file = readdirSync(destination).find((name) => !before.has(name));
    if (!file) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    tarballs.set(manifest.name, join(destination, file));
  }
  return tarballs;
}

/** {@link packTarballs} for the publishable packages with these names. */
export function packPackages(names, destination, options) {
  const packages = publishablePackages().filter(({ manifest }) => names.includes(manifest.name));
  const unknown = names.filter((name) => !packages.some(({ manifest }) => manifest.name === name));
  if (unknown.length > 0) throw new Error(`not publishable packages: ${unknown.join(', ')}`);
  return packTarballs(packages, destination, options);
}

/**
 * Installs `dependencies` (name → version, or a tarball path) with npm into `dir`, a new project,
 * with production dependencies only.
 */
export function npmInstall(dir, dependencies) {
  mkdirSync(dir, { recursive: true });
  const specs = Object.fromEntries(
    Object.entries(dependencies).map(([name, spec]) => [
      name,
      spec.endsWith('.tgz') ? `file:${relative(dir, spec)}` : spec,
    ]),
  );
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'scratch', private: true, dependencies: specs }, null, 2)}\n`,
  );
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
