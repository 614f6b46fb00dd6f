/**
 * A README's shell blocks as a story: every ```sh block that runs `npx @amazon-pay-ts/cli` is run by
 * bash, in order, in one fresh directory per README (so a block sees the files an earlier one wrote,
 * and the variables it exported). See CONTRIBUTING.md for the rules a README follows.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type FencedBlock, fencedBlocks, listSetting } from './blocks.js';
import { REPO_ROOT } from './workspace.js';

/** How a README runs the CLI; the only package command a shell block may run. */
export const CLI_COMMAND = 'npx @amazon-pay-ts/cli';

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console']);

/** One shell block of a story. */
export interface ShellStep {
  /** 1-based line of the block's first command in the README. */
  readonly line: number;
  readonly code: string;
  /** Preludes whose variables the block reads, as environment variables (`CHECKOUT_SESSION_ID`). */
  readonly preludes: readonly string[];
  /** A server that runs until Ctrl-C: started, awaited until it prints a line, stopped at the end. */
  readonly background: boolean;
}

/** The shell blocks of one README and the files its ```json (or other) blocks define. */
export interface ShellStory {
  readonly steps: readonly ShellStep[];
  /** `<!-- readme-test: file=payload.json -->` blocks: name → contents, written before the story runs. */
  readonly files: Readonly<Record<string, string>>;
  /** Ports the README names (`port=4010`), each replaced by a free port when the story runs. */
  readonly ports: readonly string[];
}

const SETTINGS: Record<string, (block: FencedBlock) => boolean> = {
  prelude: (block) => isShell(block),
  background: (block) => isShell(block),
  port: (block) => isShell(block),
  file: (block) => !isShell(block),
};

function isShell(block: FencedBlock): boolean {
  return SHELL_LANGUAGES.has(block.language);
}

/** The story of one README's Markdown; a README without CLI commands has no steps. */
export function shellStory(markdown: string): ShellStory {
  const steps: ShellStep[] = [];
  const files: Record<string, string> = {};
  const ports = new Set<string>();
  for (const block of fencedBlocks(markdown)) {
    if (block.language === 'ts' || block.language === 'typescript') continue;
    for (const key of Object.keys(block.settings)) {
      if (!SETTINGS[key]?.(block)) {
        throw new Error(
          `line ${block.markerLine}: readme-test setting '${key}' does not apply to a ${block.language || 'plain'} block`,
        );
      }
    }
    if (block.settings.file !== undefined) {
      if (!/^[\w.-]+$/.test(block.settings.file))
        throw new Error(`line ${block.markerLine}: file=<name> takes a plain file name`);
      files[block.settings.file] = block.code;
      continue;
    }
    if (!isShell(block) || !block.code.includes(CLI_COMMAND)) continue;
    if (block.settings.port) ports.add(block.settings.port);
    steps.push({
      line: block.line,
      code: block.code,
      preludes: listSetting(block.settings.prelude),
      background: 'background' in block.settings,
    });
  }
  return { steps, files, ports: [...ports] };
}

/** A free TCP port on 127.0.0.1 (the story's server binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The code with each port the README names replaced by the one the run uses. */
export function withPorts(code: string, ports: ReadonlyMap<string, number>): string {
  let replaced = code;
  for (const [named, actual] of ports)
    replaced = replaced.replace(new RegExp(`\\b${named}\\b`, 'g'), String(actual));
  return replaced;
}

/** What a finished step printed. */
export interface StepResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one block with bash (`set -eo pipefail`) in `cwd`: `npx @amazon-pay-ts/cli` is a function
 * running the workspace's CLI from source (no registry, no stale build); variables exported by
 * earlier blocks are restored from `stateFile`, and this block's are saved there.
 */
export function shellScript(code: string, stateFile: string, saveState: boolean): string {
  return [
    'set -eo pipefail',
    'npx() {',
    '  if [ "$1" = "@amazon-pay-ts/cli" ]; then',
    '    shift',
    '    "$README_NODE" --conditions=@amazon-pay-ts/source --import "$README_TSX" "$README_CLI" "$@"',
    '  else',
    `    echo "readme-tests: only '${CLI_COMMAND}' runs in a README test, not npx $*" >&2`,
    '    return 127',
    '  fi',
    '}',
    `if [ -f '${stateFile}' ]; then . '${stateFile}'; fi`,
    code,
    // Read-only variables cannot be declared again when the next block restores the state.
    ...(saveState ? [`export -p | grep -v '^declare -[a-z]*r' > '${stateFile}'`] : []),
  ].join('\n');
}

/** The environment the CLI runs in: the given variables plus what the npx function needs. */
export function shellEnvironment(variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...variables,
    README_NODE: process.execPath,
    README_TSX: import.meta.resolve('tsx'),
    README_CLI: join(REPO_ROOT, 'packages', 'cli', 'src', 'main.ts'),
  };
}

/** Runs a foreground step to its end, killing it after `timeoutMs`. */
export function runStep(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A background step, started: its process (a group of its own, to stop) and what it printed. */
export interface BackgroundStep {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a background step and resolves once it printed a line on stdout (a server saying where it
 * listens); rejects if it exits first or prints nothing within `timeoutMs`.
 */
export function startBackgroundStep(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<BackgroundStep> {
  const child = spawn('bash', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The whole group: bash and the node process it started.
    process.kill(-child.pid!, 'SIGTERM');
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      void stop().then(() => reject(new Error(`${message}\n${output}`)));
    };
    const timer = setTimeout(() => fail(`printed no line within ${options.timeoutMs} ms`), options.timeoutMs);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, stop });
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (code ${code}) before printing a line:\n${output}`));
    });
  });
}

/** Writes the story's files into its directory. */
export function writeStoryFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
}
