import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { AmazonPayClient, type ClientConfig } from '../../src/index.js';

let keys: Promise<{ privateKeyPem: string; publicKeyPem: string }> | undefined;

/** One RSA key pair per test file, generated at test time. */
export function testKeys() {
  keys ??= generateKeyPairPem(2048);
  return keys;
}

/** A logger that records what it is told. */
export function recordingLogger() {
  const warnings: { message: string; details?: Record<string, unknown> }[] = [];
  return {
    warnings,
    warn(message: string, details?: Record<string, unknown>) {
      warnings.push({ message, details });
    },
  };
}

export async function testClient(baseUrl: string, config: Partial<ClientConfig> = {}) {
  const { privateKeyPem } = await testKeys();
  return new AmazonPayClient({
    region: 'us',
    environment: 'sandbox',
    publicKeyId: 'AGPTYXGL5VH6PSYLJUSHTKW6',
    privateKey: privateKeyPem,
    baseUrl,
    retry: { sleep: async () => undefined },
    ...config,
  });
}
