/**
 * `pnpm bench:size`: what a merchant's bundle pays for us. Each row is a small program bundled by
 * esbuild (minified, tree-shaken, every dependency inlined) and gzipped at level 9, beside the
 * official Node SDK doing the same call. Our packages are bundled from their TypeScript sources
 * (the workspace's source condition), which minify to the same code as their dist.
 * Exits 1 when a row exceeds its budget. `--analyze` also lists, per row, the inputs that weigh most
 * in the minified output (esbuild's metafile), to see where the bytes come from. Budgets are the
 * measurement of 2026-12-01 once the client validated through its generated compact schema table
 * instead of zod, rebased on the client's direct-send rework (signer 8.2 kB, client 23.3 kB, client +
 * validators 27.8 kB; official SDK 56.2 kB) plus about 0.3–0.7 kB of headroom, so a regression of a dependency or a generator change fails CI.
 * The goal for the client with validators is 30 kB; see bench/README.md.
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

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
    budget: 8.5 * kB,
    program: `
import { createSigner } from '@amazon-pay-ts/signer';
const signer = createSigner({ region: 'eu', publicKeyId: 'SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ', privateKey: process.env.KEY });
console.log(await signer.signHeaders({ method: 'GET', url: process.argv[2] }));
`,
  },
  {
    name: 'client only (validators stubbed out)',
    format: 'esm',
    budget: 24.5 * kB,
    program: clientProgram,
    plugins: [withoutValidators],
  },
  {
    name: 'client + validators (WebStoreClient.getCheckoutSession)',
    format: 'esm',
    budget: 29.5 * kB,
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

const format = (bytes: number) => `${(bytes / kB).toFixed(1)} kB`;
let failed = false;
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
  console.error('bench:size: a bundle is over its budget (see the table above).');
  process.exitCode = 1;
}
