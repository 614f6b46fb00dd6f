import { buttonCommand, buttonHelp } from './button.js';
import { callCommand, callHelp } from './call.js';
import { type CliIo, UsageError } from './io.js';
import { keysCommand, keysHelp } from './keys.js';
import { simulatorCommand, simulatorHelp } from './simulator.js';

/** The text of `amazon-pay --help`: every command with its arguments. */
export const usage = `amazon-pay <command> [options]

Commands:
  keys generate             create an RSA-2048 key pair for Seller Central
  button sign <payload>     sign a checkout button payload
  call <operationId> [ids]  send one signed API call and print status, request id and body
  simulator                 start the local Amazon Pay simulator

\`amazon-pay <command> --help\` describes each; \`--json\` prints machine-readable output.`;

const commands: Record<
  string,
  { help: string; run: (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number> }
> = {
  keys: { help: keysHelp, run: keysCommand },
  button: { help: buttonHelp, run: buttonCommand },
  call: { help: callHelp, run: callCommand },
  simulator: { help: simulatorHelp, run: simulatorCommand },
};

/**
 * Runs `amazon-pay` with the given arguments; resolves with the exit code: 0 done, 1 the call failed
 * (Amazon's error answer, the network), 2 a mistake found before anything was sent. Help that was
 * asked for (`--help`, `help`) goes to stdout; the usage after a mistake goes to stderr, so stdout
 * carries only results.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage);
    return 0;
  }
  if (name === undefined) {
    io.err(usage);
    return 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`amazon-pay: unknown command ${name}\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(rest, io, env);
  } catch (error) {
    // parseArgs reports unknown or malformed options with these codes.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      const withUsage = !(error instanceof UsageError) || error.showUsage;
      io.err(`amazon-pay ${name}: ${(error as Error).message}${withUsage ? `\n\n${command.help}` : ''}`);
      return 2;
    }
    io.err(`amazon-pay ${name}: ${(error as Error).message}`);
    return 1;
  }
}
