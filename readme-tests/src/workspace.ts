import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this package sits one level below it). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `@amazon-pay-ts/<name>` → absolute path of its sources' entry (the `@amazon-pay-ts/source` export). */
export function workspaceSources(): Record<string, string> {
  const sources: Record<string, string> = {};
  const packagesDir = join(REPO_ROOT, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name?: string;
      exports?: Record<string, { '@amazon-pay-ts/source'?: string } | string>;
    };
    if (!manifest.name) continue;
    // Subpath exports too (e.g. `@amazon-pay-ts/notifications/node`).
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const entry = typeof target === 'object' ? target['@amazon-pay-ts/source'] : undefined;
      if (entry) sources[manifest.name + subpath.slice(1)] = join(packagesDir, name, entry);
    }
  }
  return sources;
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/** Every README.md of the repository (dot-directories, node_modules and build output aside), sorted. */
export function findReadmes(dir = REPO_ROOT): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findReadmes(path));
    else if (entry.name === 'README.md') found.push(path);
  }
  return found.sort();
}

/** A path relative to the repository root, with `/` separators, for test names. */
export function repoPath(path: string): string {
  return relative(REPO_ROOT, path).split(sep).join('/');
}
