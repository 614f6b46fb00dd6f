import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { startSimulator } from './server.js';

const USAGE = `amazon-pay-simulator [--port 4010] [--host 127.0.0.1] [--public-key-id ID --public-key path.pub] [--ipn-url URL]

A local Amazon Pay API v2 that verifies request signatures. Without a key it generates a sandbox
key pair into a temporary directory and prints the client configuration that works with it.
With --ipn-url it delivers signed instant payment notifications (SNS messages) to that URL.`;

/** The CLI: starts the simulator and prints how to point a client at it. */
export async function runCli(argv: string[], print: (line: string) => void = console.log) {
  const { values } = parseArgs({
    // `pnpm start -- --port 4010` passes the separator through.
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-key-id': { type: 'string' },
      'public-key': { type: 'string' },
      'ipn-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    print(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  if (Boolean(values['public-key-id']) !== Boolean(values['public-key'])) {
    throw new Error('--public-key-id and --public-key go together');
  }

  let publicKeyId = values['public-key-id'];
  let publicKey: string;
  let privateKeyPath: string | null = null;
  if (publicKeyId && values['public-key']) {
    publicKey = await readFile(values['public-key'], 'utf8');
  } else {
    const pair = await generateKeyPairPem();
    const dir = await mkdtemp(join(tmpdir(), 'amazon-pay-simulator-'));
    privateKeyPath = join(dir, 'private.pem');
    await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
    await writeFile(join(dir, 'public.pem'), pair.publicKeyPem);
    publicKeyId = 'SANDBOX-ASIMULATORKEY';
    publicKey = pair.publicKeyPem;
  }

  const ipnUrl = values['ipn-url'];
  if (ipnUrl !== undefined && !/^https?:\/\//.test(ipnUrl))
    throw new Error(`--ipn-url must be an http(s) URL, got ${ipnUrl}`);
  const sim = await startSimulator({
    port,
    host: values.host,
    keys: [{ publicKeyId, publicKey }],
    ...(ipnUrl ? { notifications: { url: ipnUrl } } : {}),
  });
  const config = {
    region: 'na',
    publicKeyId,
    privateKey: privateKeyPath ?? '<your private key PEM or path>',
    baseUrl: sim.url,
  };
  print(`Amazon Pay simulator listening on ${sim.url} (API under ${sim.url}/v2, /sandbox/v2 and /live/v2)`);
  print(
    `Accepting signatures from public key id ${publicKeyId}${privateKeyPath ? ` (generated; private key at ${privateKeyPath})` : ''}`,
  );
  print(`Buttons: load ${sim.url}/checkout.js in place of Amazon's checkout.js`);
  print('Client configuration:');
  print(`  new WebStoreClient(${JSON.stringify(config, null, 2).replace(/\n/g, '\n  ')})`);
  if (ipnUrl) {
    const { trustedCertificateOrigins, allowedTopicArns } = sim.notifications.verifyOptions();
    print(`Delivering instant payment notifications to ${ipnUrl}; verify them with`);
    print(`  createNotificationHandler(${JSON.stringify({ trustedCertificateOrigins, allowedTopicArns })})`);
  }
  print(`SIMULATOR_CONFIG ${JSON.stringify(config)}`);
  return sim;
}

const isMain = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  runCli(process.argv.slice(2))
    .then((sim) => {
      if (!sim) return;
      const stop = () => {
        sim.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(`amazon-pay-simulator: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    });
}
