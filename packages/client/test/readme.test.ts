import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Every ```ts sample in the README must type-check against the package's sources.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

it('README samples type-check', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  expect(blocks.length).toBeGreaterThan(10);
  const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-readme-'));
  try {
    const source = join(packageDir, 'src', 'index.ts');
    // The samples' other imports (openapi-fetch, types, signer) resolve as they do for this package.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    symlinkSync(join(packageDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const files: string[] = [];
    blocks.forEach((block, index) => {
      // The signature synopsis is notation, not code.
      if (block.includes('idempotencyKey?, authToken?')) return;
      const imports = block.includes("'@amazon-pay-ts/client'")
        ? ''
        : `import { AmazonPayInvalidRequestError, InStoreClient, WebStoreClient } from '@amazon-pay-ts/client';\n`;
      const file = join(dir, `sample${index}.ts`);
      writeFileSync(file, `${imports}${block}\nexport {};\n`);
      files.push(file);
    });
    writeFileSync(
      join(dir, 'globals.d.ts'),
      [
        "declare const client: import('@amazon-pay-ts/client').WebStoreClient;",
        ...[
          'checkoutSessionId',
          'chargeId',
          'chargePermissionId',
          'orderId',
          'buyerToken',
          'pem',
          'publicKeyId',
          'privateKey',
        ].map((name) => `declare const ${name}: string;`),
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(packageDir, '..', '..', 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          typeRoots: [join(packageDir, '..', '..', 'node_modules', '@types')],
          paths: { '@amazon-pay-ts/client': [source] },
        },
        include: [join(dir, '*.ts')],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
