#!/usr/bin/env node
// `pnpm sync:manifests` writes the fields every publishable package shares into its package.json;
// `--check` (run by `pnpm test`) fails instead when one is out of date. The shared rules:
// - metadata (license, author, repository/homepage/bugs from the root package.json, keywords);
// - `files`: only dist, README.md, LICENSE (and bin/ for a package with a `bin`);
// - `exports`: per entry point, the workspace-only source condition, then `import` and `require`
//   each with its own `types` (dist/esm, dist/cjs); `publishConfig.exports` repeats them without
//   the source condition, so the published manifest never names src/;
// - the shared build (scripts/build-package.mjs), also as `prepack`, so `pnpm pack` and
//   `pnpm publish` build the package first and never ship one without its code; `engines` from the root;
// - a copy of the root LICENSE (Apache-2.0) in the package, since each tarball must carry it.
// Entry points are the package's existing `exports` keys; `./src/<name>.ts` names the entry.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publishablePackages, readJson, repoRoot } from './workspace.mjs';

const SOURCE_CONDITION = '@amazon-pay-ts/source';
const root = readJson(join(repoRoot, 'package.json'));
const repositoryUrl = root.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const commonKeywords = ['amazon-pay', 'amazon-pay-api-v2', 'payments', 'checkout', 'typescript'];

function entryExports(entry, withSource) {
  return {
    ...(withSource ? { [SOURCE_CONDITION]: `./src/${entry}.ts` } : {}),
    import: { types: `./dist/esm/${entry}.d.ts`, default: `./dist/esm/${entry}.js` },
    require: { types: `./dist/cjs/${entry}.d.ts`, default: `./dist/cjs/${entry}.js` },
  };
}

function entryOf(subpath, value) {
  const source = typeof value === 'object' && value !== null ? value[SOURCE_CONDITION] : undefined;
  if (typeof source !== 'string' || !/^\.\/src\/.+\.ts$/.test(source)) {
    throw new Error(`exports["${subpath}"] needs a "${SOURCE_CONDITION}": "./src/<entry>.ts" condition`);
  }
  return source.slice('./src/'.length, -'.ts'.length);
}

export function standardManifest(dir, manifest) {
  const directory = relative(repoRoot, dir).split('\\').join('/');
  const exportsMap = {};
  const publishedExports = {};
  for (const [subpath, value] of Object.entries(
    manifest.exports ?? { '.': { [SOURCE_CONDITION]: './src/index.ts' } },
  )) {
    if (subpath === './package.json') continue;
    const entry = entryOf(subpath, value);
    exportsMap[subpath] = entryExports(entry, true);
    publishedExports[subpath] = entryExports(entry, false);
  }
  exportsMap['./package.json'] = './package.json';
  publishedExports['./package.json'] = './package.json';
  const hasBin = manifest.bin !== undefined;
  // TypeScript's node10 resolution ignores `exports`; typesVersions points its subpaths at the
  // declarations, so attw's node10 column resolves them too.
  const subpathTypes = Object.fromEntries(
    Object.entries(publishedExports)
      .filter(([subpath, value]) => subpath !== '.' && typeof value === 'object')
      .map(([subpath, value]) => [subpath.slice(2), [value.require.types]]),
  );
  const typesVersions = Object.keys(subpathTypes).length > 0 ? { '*': subpathTypes } : undefined;
  return {
    ...manifest,
    license: 'Apache-2.0',
    author: root.author,
    repository: { type: 'git', url: root.repository.url, directory },
    homepage: `${repositoryUrl}/tree/main/${directory}#readme`,
    bugs: { url: `${repositoryUrl}/issues` },
    keywords: [...new Set([...commonKeywords, ...(manifest.keywords ?? [])])],
    type: 'module',
    sideEffects: false,
    engines: root.engines,
    exports: exportsMap,
    main: './dist/cjs/index.js',
    module: './dist/esm/index.js',
    types: './dist/cjs/index.d.ts',
    ...(typesVersions ? { typesVersions } : {}),
    files: ['dist', 'README.md', 'LICENSE', ...(hasBin ? ['bin'] : [])],
    publishConfig: { access: 'public', exports: publishedExports },
    scripts: {
      ...manifest.scripts,
      build: 'node ../../scripts/build-package.mjs',
      prepack: 'node ../../scripts/build-package.mjs',
    },
  };
}

const check = process.argv.includes('--check');
const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
const stale = [];
for (const { dir, manifestPath, manifest } of publishablePackages()) {
  const text = `${JSON.stringify(standardManifest(dir, manifest), null, 2)}\n`;
  const licensePath = join(dir, 'LICENSE');
  if (!existsSync(licensePath) || readFileSync(licensePath, 'utf8') !== license) {
    if (check) stale.push(relative(repoRoot, licensePath));
    else writeFileSync(licensePath, license);
  }
  if (JSON.stringify(standardManifest(dir, manifest)) === JSON.stringify(manifest)) continue;
  if (check) stale.push(relative(repoRoot, manifestPath));
  else writeFileSync(manifestPath, text);
}
if (stale.length > 0) {
  console.error(`Out of date (run \`pnpm sync:manifests\`): ${stale.join(', ')}`);
  process.exit(1);
}
