// `pnpm generate`: bundles openapi/amazon-pay.yaml and writes packages/types/src/generated/ (and the
// client's generated/), then bundles openapi/simulator-control.yaml and writes the simulator's
// control plane files (packages/simulator/src/generated/control-plane/).
// Every output is a pure function of the bundled document, so running it twice changes nothing.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSpec } from './bundle.js';
import { emitClientModules } from './client-methods-module.js';
import { generateControlPlaneFiles } from './control-plane-module.js';
import type { OpenApiDocument } from './document.js';
import { emitBundleJson, emitOpenApiModule } from './openapi-module.js';
import { emitOperationIdsModule, emitOperationsModule } from './operations-module.js';
import { emitTypesModule } from './types-module.js';
import { emitWebhooksModule } from './webhooks-module.js';
import { emitAliasesModule, emitZodModule } from './zod-module.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** File name → contents of everything `pnpm generate` writes, from an already bundled document. */
export async function generateFiles(document: OpenApiDocument): Promise<Record<string, string>> {
  return {
    'openapi.json': emitBundleJson(document),
    'openapi.ts': emitOpenApiModule(document),
    'schema.ts': await emitTypesModule(document),
    'aliases.ts': emitAliasesModule(document),
    'zod.ts': emitZodModule(document),
    'operation-ids.ts': emitOperationIdsModule(document),
    'operations.ts': emitOperationsModule(document),
    'webhooks.ts': emitWebhooksModule(document),
  };
}

/** Replaces the contents of `outDir` with the generated files (stale files from renamed outputs go). */
export function writeFiles(outDir: string, files: Record<string, string>): void {
  mkdirSync(outDir, { recursive: true });
  for (const existing of readdirSync(outDir)) {
    if (!(existing in files)) rmSync(join(outDir, existing), { recursive: true, force: true });
  }
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(outDir, name), contents);
}

export async function generate(options: {
  specPath: string;
  outDir: string;
  configPath?: string;
  /** Where the client's operation methods go (packages/client/src/generated). */
  clientOutDir?: string;
}): Promise<OpenApiDocument> {
  const document = bundleSpec(options.specPath, options.configPath);
  writeFiles(options.outDir, await generateFiles(document));
  if (options.clientOutDir !== undefined) writeFiles(options.clientOutDir, emitClientModules(document));
  return document;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = join(repoRoot, 'packages/types/src/generated');
  const apiDocument = await generate({
    specPath: join(repoRoot, 'openapi/amazon-pay.yaml'),
    outDir,
    configPath: join(repoRoot, 'redocly.yaml'),
    clientOutDir: join(repoRoot, 'packages/client/src/generated'),
  });
  console.log(`generated ${readdirSync(outDir).sort().join(', ')} in packages/types/src/generated`);
  console.log(
    'generated operation-methods.ts, operation-pages.ts, operation-results.ts, operation-routes.ts, operation-validators.ts in packages/client/src/generated',
  );
  const controlOutDir = join(repoRoot, 'packages/simulator/src/generated/control-plane');
  const control = bundleSpec(
    join(repoRoot, 'openapi/simulator-control.yaml'),
    join(repoRoot, 'redocly.yaml'),
  );
  writeFiles(controlOutDir, await generateControlPlaneFiles(control, apiDocument));
  console.log(
    `generated ${readdirSync(controlOutDir).sort().join(', ')} in packages/simulator/src/generated/control-plane`,
  );
}
