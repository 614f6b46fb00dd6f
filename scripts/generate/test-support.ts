// Generates the test spec's modules into a scratch folder next to the types package's zod install
// (so `import 'zod'` resolves), as TypeScript for the compiler check and as JavaScript to import.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { bundleSpec } from './bundle.js';
import type { OpenApiDocument } from './document.js';
import { generateFiles } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const testSpecPath = join(here, 'test-fixtures/spec/test-api.yaml');
const scratchParent = resolve(here, '../../packages/types/node_modules');

export interface GeneratedTestModules {
  document: OpenApiDocument;
  files: Record<string, string>;
  dir: string;
  zod: Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>;
  operations: {
    operationSchemas: Record<string, Record<string, unknown> & { [key: string]: unknown }>;
  };
  operationIds: readonly string[];
  cleanup(): void;
}

export async function generateTestModules(): Promise<GeneratedTestModules> {
  const document = bundleSpec(testSpecPath);
  const files = await generateFiles(document);
  mkdirSync(scratchParent, { recursive: true });
  const dir = mkdtempSync(join(scratchParent, '.generator-test-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(files)) {
    writeFileSync(join(dir, name), source);
    if (!name.endsWith('.ts')) continue;
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    writeFileSync(join(dir, name.replace(/\.ts$/, '.js')), outputText);
  }
  const load = (name: string) => import(/* @vite-ignore */ pathToFileURL(join(dir, name)).href);
  return {
    document,
    files,
    dir,
    zod: await load('zod.js'),
    operations: await load('operations.js'),
    operationIds: (await load('operation-ids.js')).operationIds,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Type errors of the generated TypeScript, compiled with the repo's strict settings. */
export function typeErrors(dir: string, fileNames: string[]): string[] {
  const program = ts.createProgram(
    fileNames.map((name) => join(dir, name)),
    {
      strict: true,
      noUncheckedIndexedAccess: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}
