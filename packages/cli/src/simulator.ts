import {
  closeOnSignal,
  type LaunchedSimulator,
  LaunchOptionsError,
  runSimulatorCommand,
  simulatorUsage,
} from '@amazon-pay-ts/simulator';
import { type CliIo, UsageError } from './io.js';

/** `amazon-pay simulator --help`: the simulator's own command line, under this name. */
export const simulatorHelp = simulatorUsage('amazon-pay simulator');

/**
 * Starts the simulator with the simulator package's command line (one flag table, one launcher, one
 * output for `amazon-pay simulator` and `amazon-pay-simulator`); resolves with it running.
 */
export async function startSimulatorCommand(
  args: string[],
  io: CliIo,
): Promise<LaunchedSimulator | undefined> {
  return runSimulatorCommand(args, io, 'amazon-pay simulator').catch((error: unknown) => {
    throw error instanceof LaunchOptionsError ? new UsageError(error.message) : error;
  });
}

/** `amazon-pay simulator`: runs until SIGINT or SIGTERM, then removes its temporary files. */
export async function simulatorCommand(args: string[], io: CliIo): Promise<number> {
  const launched = await startSimulatorCommand(args, io);
  if (launched) await closeOnSignal(launched);
  return 0;
}
