// The simulated SNS's own certificate authority: a CA and a signing certificate issued by it, made
// with WebCrypto and the signer's DER writer at start-up (no key ever leaves the process or the
// repository). A verifier trusts them only when told to (trustedCertificateOrigins).
import {
  encodeElement,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from '@amazon-pay-ts/signer/der';
import { encodePem } from '@amazon-pay-ts/signer/pem';

const TAG_BIT_STRING = 0x03;
const TAG_UTF8_STRING = 0x0c;
const TAG_UTC_TIME = 0x17;
const TAG_SET = 0x31;
const TAG_BOOLEAN = 0x01;
const TAG_CONTEXT_0 = 0xa0;
const TAG_CONTEXT_3 = 0xa3;

/** sha256WithRSAEncryption, 1.2.840.113549.1.1.11. */
const OID_SHA256_WITH_RSA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b);
/** commonName, 2.5.4.3. */
const OID_COMMON_NAME = Uint8Array.of(0x55, 0x04, 0x03);
/** basicConstraints, 2.5.29.19. */
const OID_BASIC_CONSTRAINTS = Uint8Array.of(0x55, 0x1d, 0x13);

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface IssuedCertificate {
  /** PEM `CERTIFICATE`. */
  pem: string;
  der: Uint8Array;
  /** Signs with SHA-256 (SignatureVersion 2). */
  privateKey: CryptoKey;
  /** The same key imported for SHA-1 (SignatureVersion 1). */
  privateKeySha1: CryptoKey;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function name(commonName: string): Uint8Array {
  const attribute = encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_OID, OID_COMMON_NAME),
    encodeElement(TAG_UTF8_STRING, utf8(commonName)),
  );
  return encodeElement(TAG_SEQUENCE, encodeElement(TAG_SET, attribute));
}

/** `YYMMDDHHMMSSZ` (UTCTime covers 1950–2049, enough for a simulator). */
function utcTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  return encodeElement(
    TAG_UTC_TIME,
    utf8(
      `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`,
    ),
  );
}

function serialNumber(): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f; // positive
  return encodeElement(TAG_INTEGER, bytes);
}

const algorithm = () =>
  encodeElement(TAG_SEQUENCE, encodeElement(TAG_OID, OID_SHA256_WITH_RSA), encodeElement(TAG_NULL));

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(
    { ...RSA_SHA256, modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1) },
    true,
    ['sign', 'verify'],
  );
}

async function sign(issuerKey: CryptoKey, tbs: Uint8Array): Promise<Uint8Array> {
  const signature = new Uint8Array(
    await crypto.subtle.sign('RSASSA-PKCS1-v1_5', issuerKey, tbs as Uint8Array<ArrayBuffer>),
  );
  return encodeElement(
    TAG_SEQUENCE,
    tbs,
    algorithm(),
    encodeElement(TAG_BIT_STRING, Uint8Array.of(0), signature),
  );
}

async function issue(options: {
  subject: string;
  issuer: string;
  subjectKeys: CryptoKeyPair;
  issuerKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}): Promise<IssuedCertificate> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', options.subjectKeys.publicKey));
  const extensions = options.isCa
    ? [
        encodeElement(
          TAG_CONTEXT_3,
          encodeElement(
            TAG_SEQUENCE,
            encodeElement(
              TAG_SEQUENCE,
              encodeElement(TAG_OID, OID_BASIC_CONSTRAINTS),
              encodeElement(TAG_BOOLEAN, Uint8Array.of(0xff)),
              encodeElement(
                TAG_OCTET_STRING,
                encodeElement(TAG_SEQUENCE, encodeElement(TAG_BOOLEAN, Uint8Array.of(0xff))),
              ),
            ),
          ),
        ),
      ]
    : [];
  const tbs = encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_CONTEXT_0, encodeElement(TAG_INTEGER, Uint8Array.of(2))), // v3
    serialNumber(),
    algorithm(),
    name(options.issuer),
    encodeElement(TAG_SEQUENCE, utcTime(options.notBefore), utcTime(options.notAfter)),
    name(options.subject),
    spki,
    ...extensions,
  );
  const der = await sign(options.issuerKey, tbs);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', options.subjectKeys.privateKey);
  const privateKeySha1 = await crypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  return {
    pem: encodePem('CERTIFICATE', der),
    der,
    privateKey: options.subjectKeys.privateKey,
    privateKeySha1,
  };
}

export interface SimulatedSnsCertificates {
  ca: IssuedCertificate;
  signing: IssuedCertificate;
}

/** A fresh CA ("Amazon Pay Simulator SNS CA") and a signing certificate it issued. */
export async function createSnsCertificates(now: Date = new Date()): Promise<SimulatedSnsCertificates> {
  const notBefore = new Date(now.getTime() - 24 * 3600_000);
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600_000);
  const caKeys = await generateKeyPair();
  const caName = 'Amazon Pay Simulator SNS CA';
  const ca = await issue({
    subject: caName,
    issuer: caName,
    subjectKeys: caKeys,
    issuerKey: caKeys.privateKey,
    notBefore,
    notAfter,
    isCa: true,
  });
  const signing = await issue({
    subject: 'sns.simulator.local',
    issuer: caName,
    subjectKeys: await generateKeyPair(),
    issuerKey: caKeys.privateKey,
    notBefore,
    notAfter,
    isCa: false,
  });
  return { ca, signing };
}
