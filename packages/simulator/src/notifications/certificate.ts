// The simulated SNS's certificate authority: a CA ("Amazon Pay Simulator SNS CA") and the signing
// certificate it issued. The two RSA keys are the slow part (0.3–0.5 s each), so they can be passed
// pre-made (`generateSnsKeys()` once, e.g. in a test suite's global setup) and, when they are not,
// are made once per process and shared by every simulator in it. Certificates are issued per
// simulator (two RSA signatures, milliseconds). A verifier trusts them only when told to.
import {
  type Certificate,
  generateRsaKeyPair,
  importRsaKeyPair,
  issueCertificate,
  privateKeyPem,
  RSA_SHA256,
} from '../x509.js';

/** The simulated SNS's two private keys (PKCS#8 PEM): its CA's and its signing certificate's. */
export interface SnsKeys {
  caPrivateKeyPem: string;
  signingPrivateKeyPem: string;
}

export interface IssuedCertificate extends Certificate {
  /** Signs with SHA-256 (SignatureVersion 2). */
  privateKey: CryptoKey;
  /** The same key imported for SHA-1 (SignatureVersion 1). */
  privateKeySha1: CryptoKey;
}

export interface SimulatedSnsCertificates {
  ca: Certificate;
  signing: IssuedCertificate;
}

interface ImportedKeys {
  ca: CryptoKeyPair;
  signing: CryptoKeyPair;
  signingSha1: CryptoKey;
}

/** Two fresh RSA-2048 private keys for the simulated SNS, to pass as `notifications.keys`. */
export async function generateSnsKeys(): Promise<SnsKeys> {
  const [ca, signing] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
  return {
    caPrivateKeyPem: await privateKeyPem(ca.privateKey),
    signingPrivateKeyPem: await privateKeyPem(signing.privateKey),
  };
}

/** Imported keys by their PEM text: each distinct pair is imported once per process. */
const imported = new Map<string, Promise<ImportedKeys>>();
/** The keys made for simulators given none: once per process. */
let generatedOnce: Promise<SnsKeys> | undefined;

function importKeys(keys: SnsKeys): Promise<ImportedKeys> {
  const cacheKey = `${keys.caPrivateKeyPem}\0${keys.signingPrivateKeyPem}`;
  let entry = imported.get(cacheKey);
  if (!entry) {
    entry = (async () => {
      const [ca, signing] = await Promise.all([
        importRsaKeyPair(keys.caPrivateKeyPem),
        importRsaKeyPair(keys.signingPrivateKeyPem),
      ]);
      const pkcs8 = await crypto.subtle.exportKey('pkcs8', signing.privateKey);
      const signingSha1 = await crypto.subtle.importKey(
        'pkcs8',
        pkcs8,
        { ...RSA_SHA256, hash: 'SHA-1' },
        false,
        ['sign'],
      );
      return { ca, signing, signingSha1 };
    })();
    // A key that fails to import is not cached: the next simulator gets the same clear error.
    entry.catch(() => imported.delete(cacheKey));
    imported.set(cacheKey, entry);
  }
  return entry;
}

/** The keys to use: the given ones, else this process's generated pair (made on first use). */
export function snsKeys(given: SnsKeys | undefined): Promise<SnsKeys> {
  if (given) return Promise.resolve(given);
  generatedOnce ??= generateSnsKeys();
  return generatedOnce;
}

/** A CA certificate and a signing certificate it issued, over the given keys, valid around `now`. */
export async function createSnsCertificates(
  keys: SnsKeys,
  now: Date = new Date(),
): Promise<SimulatedSnsCertificates> {
  const { ca: caKeys, signing: signingKeys, signingSha1 } = await importKeys(keys);
  const notBefore = new Date(now.getTime() - 24 * 3600_000);
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600_000);
  const caName = 'Amazon Pay Simulator SNS CA';
  const caCertificate = await issueCertificate({
    subject: caName,
    issuer: caName,
    subjectPublicKey: caKeys.publicKey,
    issuerPrivateKey: caKeys.privateKey,
    notBefore,
    notAfter,
    isCa: true,
  });
  const signingCertificate = await issueCertificate({
    subject: 'sns.simulator.local',
    issuer: caName,
    subjectPublicKey: signingKeys.publicKey,
    issuerPrivateKey: caKeys.privateKey,
    notBefore,
    notAfter,
    isCa: false,
  });
  return {
    ca: caCertificate,
    signing: { ...signingCertificate, privateKey: signingKeys.privateKey, privateKeySha1: signingSha1 },
  };
}
