/**
 * The package's two doors: `@amazon-pay-ts/types` (types, the spec, operation ids) runs without zod,
 * so the client, which imports only that, installs without it; `@amazon-pay-ts/types/zod` holds the
 * zod validators, for those who validate (the simulator, IPN verification, merchants), with zod an
 * optional peer dependency they install themselves.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

/** Every module specifier a source file imports or re-exports, `import type` left out. */
function runtimeSpecifiers(source: string): string[] {
  const statements = source.match(/^(?:import|export)\b[^;]*?\bfrom\s+'[^']+'/gms) ?? [];
  return statements
    .filter((statement) => !/^(?:import|export)\s+type\b/.test(statement))
    .map((statement) => /'([^']+)'$/.exec(statement)![1]!);
}

/** The bare modules a source entry reaches at run time, following its relative imports. */
function bareModulesReached(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeSpecifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.add(specifier);
    }
  };
  visit(join(packageDir, entry));
  return bare;
}

describe('entry points', () => {
  it('the root entry runs without zod', () => {
    expect([...bareModulesReached('src/index.ts')].filter((name) => /^zod(\/|$)/.test(name))).toEqual([]);
  });

  it('the ./zod entry holds the validators', async () => {
    expect(manifest.exports['./zod']?.['@amazon-pay-ts/source']).toBe('./src/zod.ts');
    const validators = await import('../src/zod.js');
    expect(Object.keys(validators)).toEqual(
      expect.arrayContaining([
        'CheckoutSessionSchema',
        'operationSchemas',
        'webhookSchemas',
        'SnsMessageSchema',
      ]),
    );
    const root = await import('../src/index.js');
    expect(Object.keys(root)).toEqual(expect.arrayContaining(['operationIds', 'openapiDocument']));
    expect(Object.keys(root).filter((name) => name.endsWith('Schema') || name.endsWith('Schemas'))).toEqual(
      [],
    );
    expect(root.operationIds).toEqual(Object.keys(validators.operationSchemas));
  });

  it('zod is an optional peer dependency, not a dependency', () => {
    expect(manifest.dependencies?.zod).toBeUndefined();
    expect(manifest.peerDependencies?.zod).toMatch(/^\^4\./);
    expect(manifest.peerDependenciesMeta?.zod?.optional).toBe(true);
  });

  it('the packages that run the validators depend on zod themselves', () => {
    for (const name of ['simulator', 'notifications']) {
      const dependent = JSON.parse(readFileSync(join(packageDir, '..', name, 'package.json'), 'utf8'));
      expect(dependent.dependencies?.zod, name).toBe(manifest.peerDependencies?.zod);
    }
  });
});
