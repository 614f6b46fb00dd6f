import { parseArgs } from 'node:util';
import { LaunchOptionsError, launchSimulator, type Simulator } from '@amazon-pay-ts/simulator';
import { type CliIo, emit, UsageError } from './io.js';

export const simulatorHelp = `amazon-pay simulator [--port 4010] [--host 127.0.0.1] [--public-key-id ID --public-key public.pem] [--json]

Starts the local Amazon Pay simulator (signed API v2 calls, stateful checkouts) until Ctrl-C. Without
a key it generates a sandbox key pair into a temporary directory and prints the options that make
\`amazon-pay call\` and the client talk to it.`;

/** Starts the simulator and prints how to reach it; resolves with it running (the caller stops it). */
export async function startSimulatorCommand(args: string[], io: CliIo): Promise<Simulator | undefined> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-key-id': { type: 'string' },
      'public-key': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(simulatorHelp);
    return undefined;
  }
  const { sim, publicKeyId, privateKeyPath } = await launchSimulator({
    port: values.port,
    host: values.host,
    publicKeyId: values['public-key-id'],
    publicKeyPath: values['public-key'],
  }).catch((error: unknown) => {
    throw error instanceof LaunchOptionsError ? new UsageError(error.message) : error;
  });
  const options = { url: sim.url, publicKeyId, privateKeyPath, region: 'na' };
  emit(io, values.json === true, options, [
    `Amazon Pay simulator listening on ${sim.url}`,
    `Call it: amazon-pay call <operationId> --base-url ${sim.url} --region na --public-key-id ${publicKeyId} --private-key ${privateKeyPath ?? '<your private key>'}`,
  ]);
  return sim;
}

/** `amazon-pay simulator`: runs until SIGINT or SIGTERM. */
export async function simulatorCommand(args: string[], io: CliIo): Promise<number> {
  const sim = await startSimulatorCommand(args, io);
  if (!sim) return 0;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
