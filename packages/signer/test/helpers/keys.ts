import { generateKeyPairSync } from 'node:crypto';

/** A fresh RSA key pair in every PEM flavour the tests need; generated per run, never committed. */
export function testKeys(modulusLength = 2048) {
  const pkcs8 = generateKeyPairSync('rsa', {
    modulusLength,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: pkcs8.privateKey, publicKeyPem: pkcs8.publicKey };
}

let shared: ReturnType<typeof testKeys> | undefined;
/** One 2048-bit pair shared by a test file (RSA generation is slow). */
export function sharedKeys() {
  shared ??= testKeys();
  return shared;
}
