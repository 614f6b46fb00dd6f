// The `amazon-pay-simulator` executable: the shared command line (command-line.ts), run until
// SIGINT or SIGTERM. Exit codes: 0 stopped, 1 could not start (the port is taken…), 2 a wrong flag.
import { pathToFileURL } from 'node:url';
import { closeOnSignal, runSimulatorCommand, simulatorUsage } from './command-line.js';
import { LaunchOptionsError } from './launch.js';

/** Runs the command with `argv`; resolves with the exit code once the simulator stopped. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const launched = await runSimulatorCommand(argv, { out: (line) => process.stdout.write(`${line}\n`) });
    if (launched) await closeOnSignal(launched);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const usage =
      error instanceof LaunchOptionsError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `amazon-pay-simulator: ${message}\n${usage ? `\n${simulatorUsage('amazon-pay-simulator')}\n` : ''}`,
    );
    return usage ? 2 : 1;
  }
}

const isMain = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
