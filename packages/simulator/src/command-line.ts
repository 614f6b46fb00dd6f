// The one command line of the simulator, behind both `amazon-pay-simulator` and `amazon-pay
// simulator`: one flag table, one launcher (launch.ts), one output. Only the command's name differs.
import { parseArgs } from 'node:util';
import {
  clientConfigurations,
  ourClientConfig,
  type SimulatorClientConfig,
} from './client-configurations.js';
import { isWildcardHost } from './hosts.js';
import { type LaunchedSimulator, type LaunchOptions, launchSimulator } from './launch.js';

/** Every flag, with its help line: the parser's options and the usage text come from this table. */
const FLAGS = {
  port: {
    type: 'string',
    default: '4010',
    help: '--port N            port to listen on (default 4010; 0 picks a free one)',
  },
  host: {
    type: 'string',
    default: '127.0.0.1',
    help: '--host ADDR         address to listen on (default 127.0.0.1; on any other the control plane needs its token)',
  },
  'public-url': {
    type: 'string',
    help: '--public-url URL    the URL clients use when it differs from where it listens (a container service name)',
  },
  'public-key-id': {
    type: 'string',
    help: '--public-key-id ID  the key id to accept (default SANDBOX-ASIMULATORKEY for a generated key)',
  },
  'public-key': {
    type: 'string',
    help: '--public-key PATH   accept this public key (PEM) as --public-key-id; you sign with its private key',
  },
  'key-file': {
    type: 'string',
    help: '--key-file PATH     accept the public half of this private key (PEM), so clients sign with this file',
  },
  'state-dir': {
    type: 'string',
    help: '--state-dir DIR     keep the generated key, TLS CA, SNS keys and control token here across restarts',
  },
  tls: {
    type: 'boolean',
    help: '--tls               serve https with a certificate from a CA made for this simulator (ca.pem written out)',
  },
  'tls-name': {
    type: 'string',
    multiple: true,
    help: '--tls-name NAME     another DNS name or address for the --tls certificate (repeatable)',
  },
  cert: { type: 'string', help: '--cert PATH         serve https with this certificate (PEM), with --key' },
  key: { type: 'string', help: '--key PATH          the private key (PEM) of --cert' },
  seed: {
    type: 'string',
    help: '--seed TEXT         make every id reproducible (same seed, same requests, same ids)',
  },
  'ipn-url': {
    type: 'string',
    help: '--ipn-url URL       deliver signed instant payment notifications to this URL',
  },
  'control-token': {
    type: 'string',
    help: '--control-token T   bearer token of the control plane (default: none on loopback, a random one elsewhere)',
  },
  json: { type: 'boolean', help: '--json              print what started as one JSON document' },
  help: { type: 'boolean', short: 'h', help: '-h, --help          this text' },
} as const;

const parserOptions = Object.fromEntries(
  Object.entries(FLAGS).map(([name, { help: _help, ...option }]) => [name, option]),
) as { [K in keyof typeof FLAGS]: Omit<(typeof FLAGS)[K], 'help'> };

/** The usage text of the simulator command under the name it is run as. */
export function simulatorUsage(command: string): string {
  return `${command} [flags]

A local, stateful Amazon Pay API v2 that verifies request signatures, with hosted pages, checkout.js,
IPN delivery and a control plane (/__simulator) for tests in any language. Without a key it generates
one and prints the merchant id, key id, base URL and the configuration of each SDK; temporary files
are removed when it stops (Ctrl-C).

${Object.values(FLAGS)
  .map((flag) => `  ${flag.help}`)
  .join('\n')}`;
}

/** A started simulator as the command line reports it (`--json`, the SIMULATOR_INFO line). */
export interface LaunchSummary {
  baseUrl: string;
  merchantId: string;
  publicKeyId: string;
  privateKeyPath: string | null;
  caCertificatePath: string | null;
  controlUrl: string;
  controlToken: string | null;
  stateDir: string | null;
  ipnUrl: string | null;
  clientConfig: SimulatorClientConfig;
}

/** What the command line reports about a started simulator. */
export function summarize(launched: LaunchedSimulator, ipnUrl: string | undefined): LaunchSummary {
  const { sim } = launched;
  const target = {
    baseUrl: sim.url,
    publicKeyId: launched.publicKeyId,
    privateKeyPath: launched.privateKeyPath,
    caCertificatePath: launched.caCertificatePath,
  };
  return {
    baseUrl: sim.url,
    merchantId: launched.merchantId,
    publicKeyId: launched.publicKeyId,
    privateKeyPath: launched.privateKeyPath,
    caCertificatePath: launched.caCertificatePath,
    controlUrl: `${sim.url}/__simulator`,
    controlToken: sim.controlToken,
    stateDir: launched.stateDir,
    ipnUrl: ipnUrl ?? null,
    clientConfig: ourClientConfig(target),
  };
}

/** The lines printed after a start: where it is, whom it accepts, and how each SDK reaches it. */
export function describeLaunch(launched: LaunchedSimulator, summary: LaunchSummary): string[] {
  const { sim } = launched;
  const pad = (label: string) => `  ${label.padEnd(15)} `;
  const keyNote = launched.temporaryDir
    ? ' (generated; removed on exit: --state-dir keeps it)'
    : launched.stateDir && summary.privateKeyPath?.startsWith(launched.stateDir)
      ? ' (kept in the state directory)'
      : '';
  const lines = [
    isWildcardHost(launched.host)
      ? `Amazon Pay simulator listening on all interfaces (${launched.host}); clients use ${sim.url} (API under /v2, /sandbox/v2 and /live/v2)`
      : `Amazon Pay simulator listening on ${sim.url} (API under /v2, /sandbox/v2 and /live/v2)`,
    '',
    `${pad('merchant id')}${summary.merchantId}`,
    `${pad('public key id')}${summary.publicKeyId}`,
    `${pad('private key')}${summary.privateKeyPath ?? '(yours: sign with the private half of --public-key)'}${keyNote}`,
  ];
  if (summary.caCertificatePath) {
    lines.push(
      `${pad('TLS CA')}${summary.caCertificatePath} (trust it: NODE_EXTRA_CA_CERTS=${summary.caCertificatePath}, curl --cacert ${summary.caCertificatePath})`,
    );
  }
  lines.push(
    `${pad('control plane')}${summary.controlUrl} (${summary.controlToken ? `Authorization: Bearer ${summary.controlToken}` : 'open on loopback'}; document at /__simulator/openapi.json)`,
    `${pad('checkout.js')}${sim.url}/checkout.js (buttons name merchantId ${summary.merchantId} and publicKeyId ${summary.publicKeyId})`,
  );
  if (summary.ipnUrl) {
    const { trustedCertificateOrigins, allowedTopicArns } = sim.notifications.verifyOptions();
    lines.push(
      `${pad('IPNs')}delivered to ${summary.ipnUrl}; verify them with`,
      `    createNotificationHandler(${JSON.stringify({ trustedCertificateOrigins, allowedTopicArns })})`,
    );
  }
  lines.push(
    `${pad('call it')}amazon-pay call <operationId> --base-url ${sim.url} --region na --public-key-id ${summary.publicKeyId} --private-key ${summary.privateKeyPath ?? '<your private key>'}`,
    '',
    'Client configuration:',
  );
  const target = {
    baseUrl: sim.url,
    publicKeyId: summary.publicKeyId,
    privateKeyPath: summary.privateKeyPath,
    caCertificatePath: summary.caCertificatePath,
  };
  for (const { sdk, lines: code } of clientConfigurations(target)) {
    lines.push(`  ${sdk}:`, ...code.map((line) => `    ${line}`));
  }
  const { clientConfig, ...info } = summary;
  lines.push(
    '',
    `SIMULATOR_CONFIG ${JSON.stringify(clientConfig)}`,
    `SIMULATOR_INFO ${JSON.stringify(info)}`,
  );
  return lines;
}

/** Where the command writes its output. */
export interface CommandOutput {
  /** One line of output. */
  out(line: string): void;
}

/** The flags as text, checked and mapped to launch options (throws parseArgs's errors for unknown flags). */
export function parseSimulatorArgs(argv: readonly string[]): {
  help: boolean;
  json: boolean;
  options: LaunchOptions;
} {
  const { values } = parseArgs({
    // `pnpm start -- --port 4010` passes the separator through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: parserOptions,
    strict: true,
  });
  const options: LaunchOptions = {
    port: values.port,
    host: values.host,
    ...(values['public-url'] !== undefined ? { publicUrl: values['public-url'] } : {}),
    ...(values['public-key-id'] !== undefined ? { publicKeyId: values['public-key-id'] } : {}),
    ...(values['public-key'] !== undefined ? { publicKeyPath: values['public-key'] } : {}),
    ...(values['key-file'] !== undefined ? { keyFile: values['key-file'] } : {}),
    ...(values['state-dir'] !== undefined ? { stateDir: values['state-dir'] } : {}),
    ...(values.tls ? { tls: true } : {}),
    ...(values['tls-name'] !== undefined ? { tlsNames: values['tls-name'] } : {}),
    ...(values.cert !== undefined ? { certPath: values.cert } : {}),
    ...(values.key !== undefined ? { keyPath: values.key } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values['ipn-url'] !== undefined ? { ipnUrl: values['ipn-url'] } : {}),
    ...(values['control-token'] !== undefined ? { controlToken: values['control-token'] } : {}),
  };
  return { help: values.help === true, json: values.json === true, options };
}

/**
 * Runs the simulator command: `--help` prints the usage and resolves undefined; otherwise starts the
 * simulator, prints where it is and how to reach it, and resolves with it running (the caller stops
 * it with `close()`, which also removes its temporary files). Flag mistakes reject with a
 * LaunchOptionsError (or parseArgs's error for an unknown flag).
 */
export async function runSimulatorCommand(
  argv: readonly string[],
  output: CommandOutput,
  command = 'amazon-pay-simulator',
): Promise<LaunchedSimulator | undefined> {
  const { help, json, options } = parseSimulatorArgs(argv);
  if (help) {
    output.out(simulatorUsage(command));
    return undefined;
  }
  const launched = await launchSimulator(options);
  const summary = summarize(launched, options.ipnUrl);
  if (json) output.out(JSON.stringify(summary, null, 2));
  else for (const line of describeLaunch(launched, summary)) output.out(line);
  return launched;
}

/** Stops `launched` (and removes its temporary files) on SIGINT or SIGTERM; resolves once stopped. */
export function closeOnSignal(launched: LaunchedSimulator): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      launched.close().finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
