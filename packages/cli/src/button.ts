import { parseArgs } from 'node:util';
import { AmazonPayClient } from '@amazon-pay-ts/client';
import { clientConfig, signingHelp, signingOptions } from './client-config.js';
import { type CliIo, emit, UsageError } from './io.js';
import { readJsonFile } from './read-json.js';

export const buttonHelp = `amazon-pay button sign <payload.json> [options] [--json]

Signs a checkout button payload (what amazon.Pay.renderButton takes as createCheckoutSessionConfig):
prints the payload exactly as signed and its signature.

${signingHelp}`;

/** `amazon-pay button sign <payload.json>`. */
export async function buttonCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...signingOptions, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(buttonHelp);
    return 0;
  }
  if (positionals[0] !== 'sign' || positionals.length !== 2)
    throw new UsageError('expected `button sign <payload.json>`');
  const payload = await readJsonFile(positionals[1]!);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new UsageError(`${positionals[1]} must hold a JSON object`);
  }
  const client = new AmazonPayClient(clientConfig(values, env));
  // The client checks the payload against its button kind before signing.
  const signed = await client.generateButtonSignature(JSON.stringify(payload));
  emit(io, values.json === true, { ...signed, publicKeyId: client.publicKeyId }, [
    `payload:     ${signed.payload}`,
    `signature:   ${signed.signature}`,
    `publicKeyId: ${client.publicKeyId}`,
  ]);
  return 0;
}
