// The exact client configuration that points each SDK at a running simulator: ours, and Amazon's
// official Node.js, PHP, Java and .NET SDKs (which hard-code https and, except Node's and PHP's, the
// host). Printed by the command line; the README's "Use it from any language" explains each.
import { isLoopbackHost } from './server.js';

/** What the configurations are made from. */
export interface ClientTarget {
  baseUrl: string;
  publicKeyId: string;
  /** Where the private key is, or null when the merchant holds it. */
  privateKeyPath: string | null;
  /** The CA clients must trust for https, or null. */
  caCertificatePath: string | null;
}

/** Our client's configuration for a simulator: what `SIMULATOR_CONFIG` prints, a `ClientConfig`. */
export interface SimulatorClientConfig {
  region: 'na';
  publicKeyId: string;
  /** The private key's path, or a placeholder when the merchant holds it. */
  privateKey: string;
  baseUrl: string;
  /** Present (true) only for plain http to a host that is not loopback. */
  allowInsecureHttp?: true;
}

/** Our client's configuration, as JSON (the `SIMULATOR_CONFIG` line) and as code. */
export function ourClientConfig(target: ClientTarget): SimulatorClientConfig {
  const url = new URL(target.baseUrl);
  return {
    region: 'na',
    publicKeyId: target.publicKeyId,
    privateKey: target.privateKeyPath ?? '<your private key PEM or path>',
    baseUrl: target.baseUrl,
    ...(url.protocol === 'http:' && !isLoopbackHost(url.hostname)
      ? { allowInsecureHttp: true as const }
      : {}),
  };
}

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const dquote = (text: string) => JSON.stringify(text);

/** One SDK's configuration: a title line and the lines of code (and notes) under it. */
export interface ClientConfiguration {
  sdk: string;
  lines: string[];
}

export function clientConfigurations(target: ClientTarget): ClientConfiguration[] {
  const url = new URL(target.baseUrl);
  const https = url.protocol === 'https:';
  const key = target.privateKeyPath ?? '<your private key path>';
  const ca = target.caCertificatePath;
  const port = url.port || (https ? '443' : '80');
  const needsTls = https
    ? []
    : ['// needs https: start the simulator with --tls (this SDK speaks only https)'];
  const ours = ourClientConfig(target);
  return [
    {
      sdk: 'Node, @amazon-pay-ts/client',
      lines: [
        'new WebStoreClient({',
        ...Object.entries(ours).map(
          ([name, value]) => `  ${name}: ${typeof value === 'string' ? quote(value) : String(value)},`,
        ),
        '});',
        ...(ca ? [`// run node with NODE_EXTRA_CA_CERTS=${ca} so fetch trusts the simulator`] : []),
      ],
    },
    {
      sdk: 'Node, @amazonpay/amazon-pay-api-sdk-nodejs',
      lines: [
        ...needsTls,
        "new (require('@amazonpay/amazon-pay-api-sdk-nodejs').WebStoreClient)({",
        `  publicKeyId: ${quote(target.publicKeyId)},`,
        `  privateKey: require('node:fs').readFileSync(${quote(key)}),`,
        "  region: 'us',",
        '  sandbox: true,',
        "  algorithm: 'AMZN-PAY-RSASSA-PSS-V2',",
        `  overrideServiceUrl: ${quote(url.host)},`,
        '});',
        '// note: with overrideServiceUrl set, this SDK turns TLS verification off for the whole process',
      ],
    },
    {
      sdk: 'PHP, amzn/amazon-pay-api-sdk-php',
      lines: [
        ...needsTls,
        '$client = new Amazon\\Pay\\API\\Client([',
        `  'public_key_id' => ${quote(target.publicKeyId)},`,
        `  'private_key' => ${quote(key)},`,
        "  'region' => 'us',",
        "  'sandbox' => true,",
        "  'algorithm' => 'AMZN-PAY-RSASSA-PSS-V2',",
        `  'override_service_url' => ${quote(url.hostname)},`,
        ']);',
        ...(port === '443'
          ? []
          : [
              '// the SDK always connects to port 443: start the simulator with --port 443 (or forward 443 to it)',
            ]),
        ...(ca ? [`// trust the CA: php -d curl.cainfo=${ca} …`] : []),
      ],
    },
    {
      sdk: 'Java, software.amazon.pay:amazon-pay-api-sdk-java',
      lines: [
        ...needsTls,
        '// overrideServiceURL lost its setter in 2.3.4 but is still read: set it from a subclass',
        `PayConfiguration config = new PayConfiguration() {{ overrideServiceURL = ${dquote(url.host)}; }}`,
        `    .setPublicKeyId(${dquote(target.publicKeyId)})`,
        '    .setRegion(Region.NA)',
        `    .setPrivateKey(new String(Files.readAllBytes(Paths.get(${dquote(key)}))).toCharArray())`,
        '    .setEnvironment(Environment.SANDBOX)',
        '    .setAlgorithm("AMZN-PAY-RSASSA-PSS-V2");',
        'WebstoreClient client = new WebstoreClient(config);',
        ...(ca
          ? [
              `// trust the CA: keytool -importcert -noprompt -alias amazon-pay-simulator -file ${ca} -keystore simulator.p12 -storepass changeit`,
              '// then java -Djavax.net.ssl.trustStore=simulator.p12 -Djavax.net.ssl.trustStorePassword=changeit …',
            ]
          : []),
      ],
    },
    {
      sdk: '.NET, Amazon.Pay.API.SDK',
      lines: [
        ...needsTls,
        'var client = new WebStoreClient(new ApiConfiguration(',
        '    region: Region.UnitedStates,',
        `    publicKeyId: ${dquote(target.publicKeyId)},`,
        `    privateKey: ${dquote(key)},`,
        '    algorithm: AmazonSignatureAlgorithm.V2));',
        '// this SDK always calls https://pay-api.amazon.com:443 and cannot be pointed elsewhere: serve the',
        '// simulator as that host (--tls --tls-name pay-api.amazon.com --port 443), map pay-api.amazon.com',
        "// to the simulator's address (hosts file, or a docker-compose network alias) and trust the CA",
        ...(ca
          ? [
              `// (Linux: cp ${ca} /usr/local/share/ca-certificates/amazon-pay-simulator.crt && update-ca-certificates)`,
            ]
          : []),
      ],
    },
  ];
}
