/**
 * Every ```ts block of every README.md in the repository compiles against the sources and runs
 * against the simulator; each block is one test, named after its file and line.
 *
 * How a block runs (see src/world.ts): a simulator stands in for Amazon (`checkHost: false`), with a
 * freshly generated key pair registered for whatever key id the block uses; the environment holds
 * `AMAZON_PAY_PUBLIC_KEY_ID` (`SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ`), `AMAZON_PAY_PRIVATE_KEY` (the PEM),
 * `AMAZON_PAY_STORE_ID` and `AMAZON_PAY_MERCHANT_ID`; the working directory holds that key as
 * `private.pem`; `globalThis.fetch` sends `pay-api.amazon.{com,eu,jp}` to the simulator (and answers
 * the amazon-ipn prelude's SNS certificate URL); and a simulated buyer signs in after each
 * createCheckoutSession and pays after each updateCheckoutSession that makes the session ready.
 * Write README code as a merchant would: no `baseUrl`, keys from the environment.
 *
 * A block that continues a flow names preludes in an HTML comment right above its fence:
 *
 *   <!-- readme-test: prelude=client,completed-checkout -->
 *
 * A prelude is a file in preludes/ whose code is put before the block (imports first; its own
 * variables are the names it documents). Add a prelude file when a new README needs a new
 * starting point, and add a README's third-party imports to this package's devDependencies.
 * Blocks that are not TypeScript (notation, shell, HTML) take another fence language.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ReadmeBlock, readmeBlocks } from '../src/blocks.js';
import { typeCheck } from '../src/compile.js';
import { preludeSource } from '../src/preludes.js';
import { findReadmes, repoPath } from '../src/workspace.js';
import { startReadmeWorld, world } from '../src/world.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Case {
  readonly readme: string;
  readonly block: ReadmeBlock;
  /** The module written for the block: preludes, then the block. */
  file: string;
  /** Lines before the block's first line in that module. */
  offset: number;
}

const cases: Case[] = findReadmes().flatMap((readme) =>
  readmeBlocks(readFileSync(readme, 'utf8')).map((block) => ({ readme, block, file: '', offset: 0 })),
);

let dir = '';
let compileErrors = new Map<string, string[]>();
let stopWorld: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // Inside this package, so the blocks' imports resolve through its node_modules and vite aliases.
  dir = mkdtempSync(join(packageDir, '.blocks-'));
  cases.forEach((testCase, index) => {
    const preludes = testCase.block.preludes.map((name) => preludeSource(name));
    const prefix = preludes.map((source) => `${source.trimEnd()}\n`).join('');
    testCase.file = join(
      dir,
      `${index}-${repoPath(testCase.readme).replace(/\W+/g, '-')}-${testCase.block.line}.ts`,
    );
    testCase.offset = prefix.split('\n').length - 1;
    writeFileSync(testCase.file, `${prefix}${testCase.block.code}export {};\n`);
  });
  compileErrors = typeCheck(cases.map((testCase) => testCase.file));
  stopWorld = await startReadmeWorld();
});

afterAll(async () => {
  await stopWorld?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('finds the README blocks', () => {
  expect(cases.length).toBeGreaterThan(15);
});

for (const readme of new Set(cases.map((testCase) => testCase.readme))) {
  describe(repoPath(readme), () => {
    for (const testCase of cases.filter((c) => c.readme === readme)) {
      it(`block at line ${testCase.block.line}`, async () => {
        const errors = (compileErrors.get(testCase.file) ?? []).map((error) => {
          // Point at the README's line; errors inside a prelude keep the module's line.
          const line = Number.parseInt(error, 10) - testCase.offset;
          return line > 0
            ? `${repoPath(readme)}:${testCase.block.line + line - 1}${error.slice(error.indexOf(':'))}`
            : `prelude (${testCase.block.preludes.join(',')}):${error}`;
        });
        expect(errors, 'does not compile').toEqual([]);
        const log = vi.spyOn(console, 'log').mockImplementation(() => {});
        const cwd = process.cwd();
        process.chdir(world().keyDir);
        try {
          await import(/* @vite-ignore */ testCase.file);
        } finally {
          process.chdir(cwd);
          log.mockRestore();
        }
      });
    }
  });
}
