import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type CliIo, emit, UsageError } from './io.js';

export const keysHelp = `amazon-pay keys generate [--out-dir DIR] [--json]

Generates an RSA-2048 key pair for Amazon Pay API v2: writes private.pem (mode 0600) and public.pem
into DIR (default: the current directory; created with mode 0700 when missing; existing key files are
never overwritten) and prints the public key to paste into Seller Central (Integration Central → API
keys → Create API keys → use an existing public key). Amazon answers with the Public Key ID that goes
with the private key.`;

/** `amazon-pay keys generate`. */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string', default: '.' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(keysHelp);
    return 0;
  }
  if (positionals[0] !== 'generate' || positionals.length !== 1)
    throw new UsageError('expected `keys generate`');
  const dir = resolve(values['out-dir']);
  const privateKeyPath = join(dir, 'private.pem');
  const publicKeyPath = join(dir, 'public.pem');
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem(2048);
  try {
    // Only its owner may list a new key directory; an existing directory keeps its mode.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // 'wx' refuses an existing file: a key that is in use must never be replaced by accident.
    await writeFile(privateKeyPath, privateKeyPem, { mode: 0o600, flag: 'wx' });
    await writeFile(publicKeyPath, publicKeyPem, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(`${dir} already holds private.pem or public.pem; choose another --out-dir`, {
        showUsage: false,
      });
    throw new UsageError(`cannot write the keys into ${dir}: ${code ?? String(error)}`, { showUsage: false });
  }
  emit(io, values.json === true, { publicKeyPem, publicKeyPath, privateKeyPath }, [
    publicKeyPem.trim(),
    '',
    `Public key written to ${publicKeyPath}: paste it into Seller Central to get a Public Key ID.`,
    `Private key written to ${privateKeyPath} (readable only by you). Keep it out of version control;`,
    'give the client its path as `privateKey` (or the PEM text, e.g. from a secret store).',
  ]);
  return 0;
}
