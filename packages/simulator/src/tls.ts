// The certificates of `--tls`: a CA made for this simulator ("Amazon Pay Simulator local CA") and a
// server certificate it issued for the names clients use. Clients trust the CA (written out as
// ca.pem); a restart with the same state directory keeps the CA, so that trust survives it.
import { X509Certificate } from 'node:crypto';
import { generateRsaKeyPair, importRsaKeyPair, issueCertificate, privateKeyPem } from './x509.js';

const DAY_MS = 24 * 3600_000;
const CA_NAME = 'Amazon Pay Simulator local CA';

/** PEM texts of a CA and of a server certificate it issued, with their private keys. */
export interface TlsMaterial {
  caCertificatePem: string;
  caPrivateKeyPem: string;
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * The names a server certificate must cover: localhost and the loopback addresses always, the
 * address it listens on unless that is a wildcard, and the names given (a service name, a public
 * URL's host, `pay-api.amazon.com` for SDKs that cannot be pointed elsewhere).
 */
export function serverNames(host: string, extra: readonly string[]): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare !== '0.0.0.0' && bare !== '::') names.push(bare);
  names.push(...extra.map((name) => name.replace(/^\[|\]$/g, '')));
  return [...new Set(names)];
}

/** Whether `certificatePem` covers every name in `names` (DNS and IP subject alternative names). */
export function covers(certificatePem: string, names: readonly string[]): boolean {
  const certificate = new X509Certificate(certificatePem);
  return names.every((name) =>
    /^[\d.]+$|:/.test(name)
      ? certificate.checkIP(name) !== undefined
      : certificate.checkHost(name) !== undefined,
  );
}

/**
 * A server certificate for `names`, issued by the CA of `ca` (both PEM) or by a new CA. Valid from a
 * day ago for 825 days, the longest that Apple's and some other clients accept for a server certificate.
 */
export async function createTlsMaterial(
  names: readonly string[],
  ca?: { caCertificatePem: string; caPrivateKeyPem: string },
  now: Date = new Date(),
): Promise<TlsMaterial> {
  const notBefore = new Date(now.getTime() - DAY_MS);
  const caKeys = ca ? await importRsaKeyPair(ca.caPrivateKeyPem) : await generateRsaKeyPair();
  const caCertificatePem =
    ca?.caCertificatePem ??
    (
      await issueCertificate({
        subject: CA_NAME,
        issuer: CA_NAME,
        subjectPublicKey: caKeys.publicKey,
        issuerPrivateKey: caKeys.privateKey,
        notBefore,
        notAfter: new Date(now.getTime() + 3650 * DAY_MS),
        isCa: true,
      })
    ).pem;
  const serverKeys = await generateRsaKeyPair();
  const server = await issueCertificate({
    subject: names[0] ?? 'localhost',
    issuer: CA_NAME,
    subjectPublicKey: serverKeys.publicKey,
    issuerPrivateKey: caKeys.privateKey,
    notBefore,
    notAfter: new Date(now.getTime() + 825 * DAY_MS),
    isCa: false,
    serverNames: names,
  });
  return {
    caCertificatePem,
    caPrivateKeyPem: ca?.caPrivateKeyPem ?? (await privateKeyPem(caKeys.privateKey)),
    certificatePem: server.pem,
    privateKeyPem: await privateKeyPem(serverKeys.privateKey),
  };
}
