import { parseArgs } from 'node:util';
import { AmazonPayRequestValidationError } from '@amazon-pay-ts/client';
import {
  endpointOptions,
  keyHelp,
  keyOptions,
  newClient,
  refuseKeyInArguments,
  signingKey,
} from './client-config.js';
import { type CliIo, emit, UsageError } from './io.js';
import { readJsonFile } from './read-json.js';

export const buttonHelp = `amazon-pay button sign <payload.json> [options] [--json]

Signs a checkout or sign-in button payload and prints what amazon.Pay.renderButton takes as
createCheckoutSessionConfig (or signInConfig): the payload exactly as signed (payloadJSON), its
signature, the algorithm and the public key id. Pass all four: without algorithm, Amazon checks the
signature as AMZN-PAY-RSASSA-PSS. The payload is checked against its button kind first. A button
signature covers only the payload, so no region or API host is needed.

${keyHelp}`;

/** `amazon-pay button sign <payload.json>`. */
export async function buttonCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  refuseKeyInArguments(args);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    // The endpoint flags are parsed only to say why they do not belong here.
    options: {
      ...keyOptions,
      ...endpointOptions,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(buttonHelp);
    return 0;
  }
  for (const flag of Object.keys(endpointOptions) as (keyof typeof endpointOptions)[]) {
    if (values[flag] !== undefined) {
      throw new UsageError(`--${flag}: a button signature covers only the payload; leave the flag out`);
    }
  }
  if (positionals[0] !== 'sign' || positionals.length !== 2)
    throw new UsageError('expected `button sign <payload.json>`');
  const payload = await readJsonFile(positionals[1]!);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new UsageError(`${positionals[1]} must hold a JSON object`, { showUsage: false });
  }
  const key = await signingKey(values, env, io);
  // The client wants a region (and, for a key id without a LIVE-/SANDBOX- prefix, an environment)
  // to choose an API host; a button signature covers only the payload and names neither.
  const client = newClient({
    ...key,
    region: 'na',
    ...(/^(live|sandbox)-/i.test(key.publicKeyId) ? {} : { environment: 'sandbox' as const }),
  });
  let signed: Awaited<ReturnType<typeof client.generateButtonSignature>>;
  try {
    // Checked against its button kind (unknown fields included) before signing.
    signed = await client.generateButtonSignature(JSON.stringify(payload));
  } catch (error) {
    if (error instanceof AmazonPayRequestValidationError) {
      throw new UsageError(error.message, { showUsage: false });
    }
    throw error;
  }
  emit(io, values.json === true, { ...signed, publicKeyId: client.publicKeyId }, [
    `payload:     ${signed.payload}`,
    `signature:   ${signed.signature}`,
    `algorithm:   ${signed.algorithm}`,
    `publicKeyId: ${client.publicKeyId}`,
  ]);
  return 0;
}
