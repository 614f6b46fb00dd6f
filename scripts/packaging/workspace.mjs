// The publishable packages: every packages/* with a package.json that is not private. Each packaging
// script iterates this list, so a package added later is built, packed, linted and smoke-tested
// with no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `{ dir, manifestPath, manifest }` for each publishable package, sorted by directory name. */
export function publishablePackages() {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir)
    .sort()
    .map((name) => join(packagesDir, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({
      dir,
      manifestPath: join(dir, 'package.json'),
      manifest: readJson(join(dir, 'package.json')),
    }))
    .filter(({ manifest }) => manifest.private !== true);
}
