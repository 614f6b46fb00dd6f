/**
 * `pnpm bench:size`: what a merchant pays for us, in two tables.
 *
 * Installed size: the client, signer and types tarballs (packed as published, each built by its
 * prepack) installed by npm into a scratch project with their production dependencies, beside the
 * official Node SDK installed the same way from the npm registry. Sizes are the sum of the files'
 * byte sizes (deterministic; on-disk size, which depends on the file system's blocks, is printed
 * beside it). Exits 1 past the 5 MB budget or when zod comes with the client. `--no-build` packs
 * the existing dist/ instead of building.
 *
 * Bundle size: each row is a small program bundled by
 * esbuild (minified, tree-shaken, every dependency inlined) and gzipped at level 9, beside the
 * official Node SDK doing the same call. Our packages are bundled from their TypeScript sources
 * (the workspace's source condition), which minify to the same code as their dist.
 * Exits 1 when a row exceeds its budget. `--analyze` also lists, per row, the inputs that weigh most
 * in the minified output (esbuild's metafile), to see where the bytes come from. Budgets are the
 * measurement of 2026-12-01 once the client validated through its generated compact schema table
 * instead of zod, rebased on the client's direct-send rework (signer 8.2 kB, client 23.3 kB, client +
 * validators 27.8 kB; official SDK 56.2 kB) plus about 0.3–0.7 kB of headroom, so a regression of a dependency or a generator change fails CI.
 * The issue's goal for the client with validators is 30 kB; see bench/README.md.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { npmInstall, packPackages } from '../scripts/packaging/pack.mjs';

interface Row {
  name: string;
  program: string;
  format: 'esm' | 'cjs';
  /** Budget in bytes of min+gzip; undefined for the reference row. */
  budget?: number;
  plugins?: Plugin[];
}

const kB = 1024;

const clientProgram = `
import { WebStoreClient } from '@amazon-pay-ts/client';
const client = new WebStoreClient({
  region: 'eu',
  publicKeyId: 'SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ',
  privateKey: process.env.AMAZON_PAY_PRIVATE_KEY,
});
console.log(await client.getCheckoutSession(process.argv[2]));
`;

/**
 * Replaces the generated validators with empty tables: what the client's own code weighs. The
 * client's schema table and per-operation table (generated/operation-validators.ts) become empty.
 */
const withoutValidators: Plugin = {
  name: 'without-validators',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/generated\/operation-validators\.js$/ }, () => ({
      path: 'operation-validators',
      namespace: 'stub',
    }));
    pluginBuild.onLoad({ filter: /^operation-validators$/, namespace: 'stub' }, () => ({
      contents:
        'export const SCHEMA_NODES = []; export const OPERATION_VALIDATORS = {}; export const BUTTON_PAYLOAD_NODES = {};',
      loader: 'js',
    }));
  },
};

const rows: Row[] = [
  {
    name: 'signer only (createSigner + signHeaders)',
    format: 'esm',
    budget: 8.75 * kB,
    program: `
import { createSigner } from '@amazon-pay-ts/signer';
const signer = createSigner({ region: 'eu', publicKeyId: 'SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ', privateKey: process.env.KEY });
console.log(await signer.signHeaders({ method: 'GET', url: process.argv[2] }));
`,
  },
  {
    name: 'client only (validators stubbed out)',
    format: 'esm',
    budget: 27.5 * kB,
    program: clientProgram,
    plugins: [withoutValidators],
  },
  {
    name: 'client + validators (WebStoreClient.getCheckoutSession)',
    format: 'esm',
    budget: 32.5 * kB,
    program: clientProgram,
  },
  {
    name: 'official SDK 2.3.4 (WebStoreClient.getCheckoutSession)',
    format: 'cjs',
    program: `
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs');
const client = new WebStoreClient({ region: 'eu', publicKeyId: 'SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ', privateKey: process.env.KEY });
client.getCheckoutSession(process.argv[2]).then(console.log);
`,
  },
];

async function measureRow(row: Row) {
  const result = await build({
    stdin: { contents: row.program, resolveDir: import.meta.dirname, loader: 'js', sourcefile: 'program.js' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    platform: 'node',
    target: 'node20',
    format: row.format,
    conditions: ['@amazon-pay-ts/source'],
    legalComments: 'none',
    logLevel: 'error',
    plugins: row.plugins ?? [],
  });
  const code = result.outputFiles[0]!.contents;
  return {
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    metafile: result.metafile,
  };
}

/** Share of the minified output that comes from one package (by its node_modules path). */
function shareOf(metafile: Metafile, packageName: string): number {
  const output = Object.values(metafile.outputs)[0]!;
  let bytes = 0;
  for (const [path, input] of Object.entries(output.inputs)) {
    if (path.includes(`node_modules/${packageName}/`)) bytes += input.bytesInOutput;
  }
  const total = Object.values(output.inputs).reduce((sum, input) => sum + input.bytesInOutput, 0);
  return total === 0 ? 0 : bytes / total;
}

/** The goal for client + signer + types as installed, production dependencies included. */
const INSTALL_BUDGET_BYTES = 5_000_000;
const OFFICIAL_SDK = '@amazonpay/amazon-pay-api-sdk-nodejs';

interface InstalledSize {
  bytes: number;
  diskBytes: number;
  files: number;
  /** Bytes per top-level package of node_modules, largest first. */
  packages: [string, number][];
}

/** Sizes of the files under `dir` (symbolic links counted as links, not followed). */
function treeSize(dir: string): { bytes: number; diskBytes: number; files: number } {
  const total = { bytes: 0, diskBytes: 0, files: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stats = lstatSync(path);
    total.diskBytes += stats.blocks * 512;
    if (entry.isDirectory()) {
      const inner = treeSize(path);
      total.bytes += inner.bytes;
      total.diskBytes += inner.diskBytes;
      total.files += inner.files;
    } else {
      total.bytes += stats.size;
      total.files += 1;
    }
  }
  return total;
}

function installedSize(project: string): InstalledSize {
  const modules = join(project, 'node_modules');
  const packages: [string, number][] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of names) packages.push([name, treeSize(join(modules, name)).bytes]);
  }
  return { ...treeSize(modules), packages: packages.sort((a, b) => b[1] - a[1]) };
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** Installs ours and the official SDK into scratch projects and prints their sizes; false past the budget. */
function measureInstalls(): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-install-size-'));
  try {
    const ours = ['@amazon-pay-ts/client', '@amazon-pay-ts/signer', '@amazon-pay-ts/types'];
    const tarballs = packPackages(ours, join(scratch, 'tarballs'), {
      build: !process.argv.includes('--no-build'),
    });
    npmInstall(join(scratch, 'ours'), Object.fromEntries(tarballs));
    const officialVersion = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8'))
      .dependencies[OFFICIAL_SDK] as string;
    npmInstall(join(scratch, 'official'), { [OFFICIAL_SDK]: officialVersion });
    const ourSize = installedSize(join(scratch, 'ours'));
    const officialSize = installedSize(join(scratch, 'official'));
    const withZod = ourSize.packages.some(([name]) => name === 'zod');
    const over = ourSize.bytes > INSTALL_BUDGET_BYTES;
    const top = (size: InstalledSize) =>
      size.packages
        .slice(0, 4)
        .map(([name, bytes]) => `${name} ${MB(bytes)}`)
        .join(', ');
    console.log(
      [
        '| install (npm, production dependencies) | packages | files | size | on disk | vs official | budget | largest | |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
        `| client + signer + types | ${ourSize.packages.length} | ${ourSize.files} | ${MB(ourSize.bytes)} | ${MB(ourSize.diskBytes)} | ${(ourSize.bytes / officialSize.bytes).toFixed(2)}x | ${MB(INSTALL_BUDGET_BYTES)} | ${top(ourSize)} | ${over ? 'OVER BUDGET' : withZod ? 'ZOD INSTALLED' : 'ok'} |`,
        `| official SDK ${officialVersion} | ${officialSize.packages.length} | ${officialSize.files} | ${MB(officialSize.bytes)} | ${MB(officialSize.diskBytes)} | 1.00x | | ${top(officialSize)} | reference |`,
      ].join('\n'),
    );
    return !over && !withZod;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const format = (bytes: number) => `${(bytes / kB).toFixed(1)} kB`;
let failed = !measureInstalls();
console.log('');
const lines = [
  '| bundle | minified | min+gzip | zod share | budget (min+gzip) | |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
];
for (const row of rows) {
  const { minified, gzipped, metafile } = await measureRow(row);
  const over = row.budget !== undefined && gzipped > row.budget;
  if (over) failed = true;
  const verdict = row.budget === undefined ? 'reference' : over ? 'OVER BUDGET' : 'ok';
  lines.push(
    `| ${row.name} | ${format(minified)} | ${format(gzipped)} | ${(shareOf(metafile, 'zod') * 100).toFixed(0)}% | ${row.budget === undefined ? '' : format(row.budget)} | ${verdict} |`,
  );
}
console.log(lines.join('\n'));
if (process.argv.includes('--analyze')) {
  for (const row of rows) {
    const { metafile } = await measureRow(row);
    const inputs = Object.entries(Object.values(metafile.outputs)[0]!.inputs)
      .map(([path, input]) => ({ path: path.replace(/^.*node_modules\//, ''), bytes: input.bytesInOutput }))
      .filter(({ bytes }) => bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    console.log(`\n${row.name} (minified bytes per input):`);
    for (const { path, bytes } of inputs.slice(0, 25)) console.log(`${String(bytes).padStart(8)}  ${path}`);
  }
}
if (failed) {
  console.error('bench:size: over a budget (see the tables above).');
  process.exitCode = 1;
}
