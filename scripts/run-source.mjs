// The packages' executables (packages/*/bin/*.mjs) run their built dist/ entry; in a clone without a
// build they come here, which runs the TypeScript entry through tsx with the workspace's source
// condition. Published tarballs always have dist/, so they never reach this file (not in them).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs `source` (a file URL of a .ts entry) in a child Node with the process's arguments and exit code. */
export function runSource(source) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@amazon-pay-ts/source',
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(source),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
