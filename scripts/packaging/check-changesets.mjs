// Every pending changeset must open with the front matter changesets reads: `---`, one
// `'<package>': major|minor|patch` line per publishable package it bumps, `---`. A file that a
// formatter rewrote (front matter turned into a heading) is otherwise skipped silently by
// `changeset version`, and its entry never reaches the CHANGELOG.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishablePackages, repoRoot } from './workspace.mjs';

const names = new Set(publishablePackages().map(({ manifest }) => manifest.name));
const dir = join(repoRoot, '.changeset');
const problems = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const text = readFileSync(join(dir, file), 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!front) {
    problems.push(`${file}: no front matter (it must start with ---, the bumps, ---)`);
    continue;
  }
  const lines = front[1].split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) problems.push(`${file}: the front matter names no package`);
  for (const line of lines) {
    const bump = /^["']?(@?[\w./-]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line.trim());
    if (!bump) problems.push(`${file}: "${line}" is not '<package>': major|minor|patch`);
    else if (!names.has(bump[1])) problems.push(`${file}: ${bump[1]} is not a publishable package`);
  }
  if (text.slice(front[0].length).trim() === '') problems.push(`${file}: no summary after the front matter`);
}
if (problems.length > 0) {
  console.error(`changesets:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
