#!/usr/bin/env node
// `pnpm tarballs [dir]`: the tarballs `pnpm publish` would upload, one per publishable package, in
// dir (default: tarballs/ at the repository root), each built by its prepack from a tree without
// dist/. Install one elsewhere with `npm install /path/to/amazon-pay-ts-client-0.1.0.tgz`.
import { resolve } from 'node:path';
import { packTarballs } from './pack.mjs';
import { publishablePackages, repoRoot } from './workspace.mjs';

const destination = resolve(process.argv[2] ?? resolve(repoRoot, 'tarballs'));
const tarballs = packTarballs(publishablePackages(), destination);
for (const file of tarballs.values()) console.log(file);
