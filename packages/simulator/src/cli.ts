import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchSimulator } from './launch.js';

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
  const { sim, publicKeyId, privateKeyPath } = await launchSimulator({
    port: values.port,
    host: values.host,
    publicKeyId: values['public-key-id'],
    publicKeyPath: values['public-key'],
    ipnUrl: values['ipn-url'],
  });
  const ipnUrl = values['ipn-url'];
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
