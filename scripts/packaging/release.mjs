#!/usr/bin/env node
// `pnpm release`: builds every publishable package, then `changeset publish` (publishes each package
// whose version is not on npm yet, with pnpm, so publishConfig applies and workspace:* becomes the
// real version). `pnpm release --dry-run` builds and runs `pnpm publish --dry-run` on each package
// instead: the same packing and registry checks, nothing published. Both first check that every
// pending changeset is readable (check-changesets.mjs).
import { execFileSync } from 'node:child_process';
import { repoRoot } from './workspace.mjs';

const dryRun = process.argv.includes('--dry-run');
const run = (command, args) => execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit' });

run('node', ['scripts/packaging/check-changesets.mjs']);
run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only']);
if (dryRun) {
  run('pnpm', [
    '--recursive',
    '--filter=./packages/*',
    'publish',
    '--dry-run',
    '--no-git-checks',
    '--access=public',
  ]);
} else {
  run('pnpm', ['exec', 'changeset', 'publish']);
}
