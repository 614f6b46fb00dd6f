/**
 * Every command a README shows for the CLI runs: each ```sh block with `npx @amazon-pay-ts/cli` is
 * run by bash against the simulator, one test per block, the blocks of one README in order in one
 * fresh directory (a story: keys generated in one block are used by the next). See
 * src/shell-story.ts and CONTRIBUTING.md for the markers (`file=`, `background`, `port=`,
 * `prelude=`).
 *
 * What a block runs in, as for the ```ts blocks: `AMAZON_PAY_PUBLIC_KEY_ID`
 * (`SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ`) and `AMAZON_PAY_PRIVATE_KEY` (its PEM) name a key the simulator
 * knows; `AMAZON_PAY_BASE_URL` sends calls meant for Amazon to that simulator (a separate process has no
 * `globalThis.fetch` to redirect); a prelude's variables arrive in upper snake case
 * (`checkoutSessionId` → `CHECKOUT_SESSION_ID`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks } from '../src/blocks.js';
import { declaredNames, environmentName, preludeSource } from '../src/preludes.js';
import {
  type BackgroundStep,
  CLI_COMMAND,
  freePort,
  runStep,
  type ShellStep,
  shellEnvironment,
  shellScript,
  shellStory,
  startBackgroundStep,
  withPorts,
  writeStoryFiles,
} from '../src/shell-story.js';
import { findReadmes, repoPath } from '../src/workspace.js';
import { startReadmeWorld, world } from '../src/world.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const STEP_TIMEOUT_MS = 120_000;

const readmes = findReadmes().map((path) => ({ path, markdown: readFileSync(path, 'utf8') }));
const stories = readmes
  .map(({ path, markdown }) => ({ readme: path, ...shellStory(markdown) }))
  .filter((story) => story.steps.length > 0);

let stopWorld: (() => Promise<void>) | undefined;
let moduleDir = '';
beforeAll(async () => {
  stopWorld = await startReadmeWorld();
  // Inside this package, so the preludes' imports resolve as they do for the ts blocks.
  moduleDir = mkdtempSync(join(packageDir, '.blocks-shell-'));
});
afterAll(async () => {
  await stopWorld?.();
  if (moduleDir) rmSync(moduleDir, { recursive: true, force: true });
});

/** The preludes' variables (strings and numbers) as environment variables. */
async function preludeEnvironment(step: ShellStep, index: number): Promise<Record<string, string>> {
  if (step.preludes.length === 0) return {};
  const sources = step.preludes.map(preludeSource);
  const names = sources.flatMap(declaredNames);
  const file = join(moduleDir, `step-${index}-${step.line}.ts`);
  writeFileSync(file, `${sources.join('\n')}\nexport { ${names.join(', ')} };\n`);
  const values = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  const variables: Record<string, string> = {};
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'string' || typeof value === 'number')
      variables[environmentName(name)] = String(value);
  }
  return variables;
}

it('finds the CLI README story', () => {
  const cli = stories.find((story) => repoPath(story.readme) === 'packages/cli/README.md');
  expect(cli, 'packages/cli/README.md has no runnable CLI commands').toBeDefined();
  // The README shows every command; each of them runs below.
  for (const command of ['keys generate', 'button sign', 'call ', 'simulator']) {
    expect(
      cli!.steps.some((step) => step.code.includes(`${CLI_COMMAND} ${command}`)),
      command,
    ).toBe(true);
  }
});

it('no README runs the CLI other than through `npx @amazon-pay-ts/cli`', () => {
  const offending: string[] = [];
  for (const { path, markdown } of readmes) {
    // `npx amazon-pay` (or `npx amazon-pay-simulator`) resolves an unscoped npm package, not ours.
    markdown.split('\n').forEach((line, index) => {
      if (/npx\s+amazon-pay(?!-ts)/.test(line))
        offending.push(`${repoPath(path)}:${index + 1}: ${line.trim()}`);
    });
    // A shell block calling the bare command would not run in this test.
    for (const block of fencedBlocks(markdown)) {
      if (!['sh', 'bash', 'shell', 'console'].includes(block.language)) continue;
      block.code.split('\n').forEach((line, index) => {
        if (/^\s*(\$\s*)?amazon-pay\s/.test(line))
          offending.push(`${repoPath(path)}:${block.line + index}: ${line.trim()}`);
      });
    }
  }
  expect(offending).toEqual([]);
});

for (const story of stories) {
  describe(repoPath(story.readme), () => {
    let dir = '';
    let stateFile = '';
    let ports = new Map<string, number>();
    const background: BackgroundStep[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'amazon-pay-readme-shell-'));
      stateFile = join(mkdtempSync(join(tmpdir(), 'amazon-pay-readme-state-')), 'exports.sh');
      writeStoryFiles(dir, story.files);
      ports = new Map(await Promise.all(story.ports.map(async (port) => [port, await freePort()] as const)));
    });
    afterAll(async () => {
      await Promise.all(background.map((step) => step.stop()));
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(stateFile, '..'), { recursive: true, force: true });
    });

    story.steps.forEach((step, index) => {
      it(
        `block at line ${step.line}${step.background ? ' (in the background)' : ''}`,
        async () => {
          const env = shellEnvironment({
            ...process.env,
            AMAZON_PAY_BASE_URL: world().sim.url,
            ...(await preludeEnvironment(step, index)),
          });
          const code = withPorts(step.code, ports);
          if (step.background) {
            background.push(
              await startBackgroundStep(shellScript(code, stateFile, false), {
                cwd: dir,
                env,
                timeoutMs: STEP_TIMEOUT_MS,
              }),
            );
            return;
          }
          const result = await runStep(shellScript(code, stateFile, true), {
            cwd: dir,
            env,
            timeoutMs: STEP_TIMEOUT_MS,
          });
          expect(
            result.code,
            `${repoPath(story.readme)}:${step.line} exited ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
          ).toBe(0);
        },
        STEP_TIMEOUT_MS + 30_000,
      );
    });
  });
}
