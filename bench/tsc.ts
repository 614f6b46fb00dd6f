/**
 * `pnpm bench:tsc`: what our declarations cost a merchant's `tsc`. A small consumer program (a
 * client, a call, a body, `withResponse`, `client.api`, a schema and a type import) is type-checked
 * in a scratch project outside the repo against the built packages (dist/esm declarations, the
 * published `exports`), with skipLibCheck off as a strict consumer has it, beside the same project
 * with skipLibCheck on, and the baseline: a program importing only our dependencies (zod/mini,
 * openapi-fetch), whose declarations a consumer checks anyway. tsc's `--extendedDiagnostics` counts
 * are deterministic, unlike its times, so the budget bounds the type instantiations our
 * declarations add; times are printed for reading only.
 * Options: --no-build (reuse dist/), --keep (leave the scratch project and print its path).
 * Exits 1 past the budget.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const ours = ['types', 'signer', 'client'] as const;

/**
 * Instantiations our declarations add to the consumer's tsc with skipLibCheck off, over a program
 * that imports only our dependencies (zod/mini, openapi-fetch: 250,108 on their own). Measured
 * 40,663 on 2026-12-01 once the generated schemas were annotated (268,458 before; see
 * bench/README.md), plus about 10%.
 */
const INSTANTIATION_BUDGET = 45_000;

if (!process.argv.includes('--no-build')) {
  execFileSync(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      ...ours.map((name) => `--filter=@amazon-pay-ts/${name}`),
      '--output-logs=errors-only',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
}

const consumer = `
import { type ClientConfig, WebStoreClient, AmazonPayClient } from '@amazon-pay-ts/client';
import { type CheckoutSession, type Charge } from '@amazon-pay-ts/types';
import { CheckoutSessionSchema } from '@amazon-pay-ts/types/zod';

const config: ClientConfig = { region: 'eu', publicKeyId: 'SANDBOX-AEXAMPLETESTKEY0001', privateKey: 'key.pem' };
export const client = new WebStoreClient(config);
export const state = async (id: string): Promise<string | undefined> =>
  (await client.getCheckoutSession(id)).statusDetails?.state;
export const create = () =>
  client.createCheckoutSession({
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://example.com/review' },
    storeId: 'amzn1.application-oa2-client.0000',
    chargePermissionType: 'OneTime',
  });
export const capture = async (chargeId: string): Promise<Charge> =>
  (await new AmazonPayClient(config).withResponse.captureCharge(chargeId, {
    captureAmount: { amount: '14.00', currencyCode: 'EUR' },
  })).data;
export const raw = () => client.api.GET('/v2/charges/{chargeId}', { params: { path: { chargeId: 'S02-0000' } } });
export const parsed = (body: unknown): CheckoutSession | undefined =>
  CheckoutSessionSchema.safeParse(body).success ? (body as CheckoutSession) : undefined;
`;

interface Diagnostics {
  files: number;
  types: number;
  instantiations: number;
  checkSeconds: number;
  totalSeconds: number;
}

function setUpProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-tsc-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@amazon-pay-ts'), { recursive: true });
  for (const name of ours) {
    const source = join(repoRoot, 'packages', name);
    const target = join(modules, '@amazon-pay-ts', name);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
    // What npm installs: the publishConfig overrides (no workspace-only source condition).
    Object.assign(manifest, manifest.publishConfig ?? {});
    mkdirSync(target);
    writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
    cpSync(join(source, 'dist'), join(target, 'dist'), { recursive: true });
  }
  const clientRequire = createRequire(join(repoRoot, 'packages/client/package.json'));
  for (const dependency of [
    'zod',
    'openapi-fetch',
    'openapi-typescript-helpers',
    '@types/node',
    'undici-types',
  ]) {
    let location: string;
    try {
      location = realpathSync(resolve(clientRequire.resolve(`${dependency}/package.json`), '..'));
    } catch {
      try {
        const fromFetch = createRequire(
          join(realpathSync(join(repoRoot, 'packages/client/node_modules/openapi-fetch')), 'package.json'),
        );
        location = realpathSync(resolve(fromFetch.resolve(`${dependency}/package.json`), '..'));
      } catch {
        location = realpathSync(resolve(require.resolve(`${dependency}/package.json`), '..'));
      }
    }
    const target = join(modules, dependency);
    mkdirSync(resolve(target, '..'), { recursive: true });
    symlinkSync(location, target, 'dir');
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  writeFileSync(join(dir, 'consumer.ts'), consumer);
  writeFileSync(join(dir, 'dependencies.ts'), "import 'zod/mini';\nimport 'openapi-fetch';\nexport {};\n");
  return dir;
}

function check(dir: string, file: string, skipLibCheck: boolean): Diagnostics {
  const output = execFileSync(
    process.execPath,
    [
      tsc,
      '--noEmit',
      '--extendedDiagnostics',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--skipLibCheck',
      String(skipLibCheck),
      file,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  const number = (label: string) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
    if (!match) throw new Error(`tsc printed no "${label}":\n${output}`);
    return Number(match[1]);
  };
  return {
    files: number('Files'),
    types: number('Types'),
    instantiations: number('Instantiations'),
    checkSeconds: number('Check time'),
    totalSeconds: number('Total time'),
  };
}

const dir = setUpProject();
try {
  const baseline = check(dir, 'dependencies.ts', false);
  const skipped = check(dir, 'consumer.ts', true);
  const full = check(dir, 'consumer.ts', false);
  const ours = full.instantiations - baseline.instantiations;
  const row = (name: string, d: Diagnostics) =>
    `| ${name} | ${d.files} | ${d.types} | ${d.instantiations} | ${(d.instantiations / baseline.instantiations).toFixed(2)}x | ${d.checkSeconds.toFixed(2)} s | ${d.totalSeconds.toFixed(2)} s |`;
  console.log(
    [
      '| program | files | types | instantiations | vs baseline | check time | total time |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('baseline: zod/mini + openapi-fetch only', baseline),
      row('consumer, skipLibCheck on', skipped),
      row('consumer, skipLibCheck off', full),
    ].join('\n'),
  );
  console.log(`\nInstantiations our declarations add: ${ours} (budget ${INSTANTIATION_BUDGET}).`);
  if (ours > INSTANTIATION_BUDGET) {
    console.error('bench:tsc: over the budget.');
    process.exitCode = 1;
  }
} finally {
  if (process.env.KEEP) console.log(dir);
  else rmSync(dir, { recursive: true, force: true });
}
