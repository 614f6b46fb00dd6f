// Just enough X.509 for the simulator's own certificate authorities (the simulated SNS's signing
// certificate, the --tls server certificate): made with WebCrypto and the signer's DER writer, so no
// openssl command is needed and no key leaves the process unless the caller writes it out.
import {
  encodeElement,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from '@amazon-pay-ts/signer/der';
import { decodePem, encodePem } from '@amazon-pay-ts/signer/pem';

const TAG_BOOLEAN = 0x01;
const TAG_BIT_STRING = 0x03;
const TAG_UTF8_STRING = 0x0c;
const TAG_UTC_TIME = 0x17;
const TAG_SET = 0x31;
const TAG_CONTEXT_0 = 0xa0;
const TAG_CONTEXT_3 = 0xa3;
/** GeneralName choices (implicit tags): dNSName [2], iPAddress [7]. */
const TAG_DNS_NAME = 0x82;
const TAG_IP_ADDRESS = 0x87;

const oid = (...bytes: number[]) => Uint8Array.of(...bytes);
/** sha256WithRSAEncryption, 1.2.840.113549.1.1.11. */
const OID_SHA256_WITH_RSA = oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b);
/** commonName, 2.5.4.3. */
const OID_COMMON_NAME = oid(0x55, 0x04, 0x03);
/** basicConstraints, 2.5.29.19. */
const OID_BASIC_CONSTRAINTS = oid(0x55, 0x1d, 0x13);
/** keyUsage, 2.5.29.15. */
const OID_KEY_USAGE = oid(0x55, 0x1d, 0x0f);
/** subjectAltName, 2.5.29.17. */
const OID_SUBJECT_ALT_NAME = oid(0x55, 0x1d, 0x11);
/** extKeyUsage, 2.5.29.37, and serverAuth, 1.3.6.1.5.5.7.3.1. */
const OID_EXT_KEY_USAGE = oid(0x55, 0x1d, 0x25);
const OID_SERVER_AUTH = oid(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01);

/** RSA PKCS#1 v1.5 with SHA-256: what the certificates are signed with. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A fresh RSA-2048 key pair for signing certificates (and, for a server, its TLS key). */
export function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(
    { ...RSA_SHA256, modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1) },
    true,
    ['sign', 'verify'],
  ) as Promise<CryptoKeyPair>;
}

/** A private key as PKCS#8 PEM (what node:https and the state directory take). */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  return encodePem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

/**
 * A PKCS#8 PEM private key imported back as a key pair: the public half is rebuilt from the
 * private key's modulus and exponent (JWK), so a stored key needs no separate public key file.
 */
export async function importRsaKeyPair(pem: string): Promise<CryptoKeyPair> {
  const { der } = decodePem(pem);
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    der as Uint8Array<ArrayBuffer>,
    RSA_SHA256,
    true,
    ['sign'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
    RSA_SHA256,
    true,
    ['verify'],
  );
  return { privateKey, publicKey };
}

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

/**
 * A certificate serial number from 16 random bytes, as a DER INTEGER. DER wants the shortest form: a
 * positive number (first bit 0) whose first byte is not a redundant 0x00, so the first byte is forced
 * into 0x40–0x7f (a first byte 0x00 followed by one below 0x80 is "illegal padding" to OpenSSL, which
 * then refuses the whole certificate — about one start in 256 before).
 */
export function serialNumber(random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Uint8Array {
  const bytes = Uint8Array.from(random);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return encodeElement(TAG_INTEGER, bytes);
}

const algorithm = () =>
  encodeElement(TAG_SEQUENCE, encodeElement(TAG_OID, OID_SHA256_WITH_RSA), encodeElement(TAG_NULL));

function extension(id: Uint8Array, critical: boolean, value: Uint8Array): Uint8Array {
  return encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_OID, id),
    ...(critical ? [encodeElement(TAG_BOOLEAN, Uint8Array.of(0xff))] : []),
    encodeElement(TAG_OCTET_STRING, value),
  );
}

/** An IPv4 or IPv6 address as the 4 or 16 bytes of an iPAddress name; undefined for a DNS name. */
export function ipAddressBytes(host: string): Uint8Array | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) return Uint8Array.from(bare.split('.').map(Number));
  if (!bare.includes(':')) return undefined;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const gap = tail === undefined ? 0 : 8 - left.length - right.length;
  if (gap < 0) return undefined;
  const words = [...left, ...new Array(gap).fill(0), ...right];
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return undefined;
  return Uint8Array.from(words.flatMap((w) => [w >> 8, w & 0xff]));
}

function subjectAltNames(hosts: readonly string[]): Uint8Array {
  const names = hosts.map((host) => {
    const ip = ipAddressBytes(host);
    return ip ? encodeElement(TAG_IP_ADDRESS, ip) : encodeElement(TAG_DNS_NAME, utf8(host));
  });
  return encodeElement(TAG_SEQUENCE, ...names);
}

/** What a certificate says and who signs it. */
export interface CertificateRequest {
  subject: string;
  issuer: string;
  subjectPublicKey: CryptoKey;
  issuerPrivateKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  /** A certificate authority (basicConstraints CA, keyCertSign). */
  isCa: boolean;
  /** A TLS server certificate for these DNS names and IP addresses (subjectAltName, serverAuth). */
  serverNames?: readonly string[];
}

/** An X.509 v3 certificate, DER and PEM. */
export interface Certificate {
  pem: string;
  der: Uint8Array;
}

export async function issueCertificate(request: CertificateRequest): Promise<Certificate> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', request.subjectPublicKey));
  const extensions: Uint8Array[] = [];
  if (request.isCa) {
    extensions.push(
      extension(
        OID_BASIC_CONSTRAINTS,
        true,
        encodeElement(TAG_SEQUENCE, encodeElement(TAG_BOOLEAN, Uint8Array.of(0xff))),
      ),
      // keyCertSign and cRLSign: bits 5 and 6 of the KeyUsage bit string (one unused bit).
      extension(OID_KEY_USAGE, true, encodeElement(TAG_BIT_STRING, Uint8Array.of(0x01, 0x06))),
    );
  }
  if (request.serverNames && request.serverNames.length > 0) {
    extensions.push(
      extension(OID_SUBJECT_ALT_NAME, false, subjectAltNames(request.serverNames)),
      extension(
        OID_EXT_KEY_USAGE,
        false,
        encodeElement(TAG_SEQUENCE, encodeElement(TAG_OID, OID_SERVER_AUTH)),
      ),
    );
  }
  const tbs = encodeElement(
    TAG_SEQUENCE,
    encodeElement(TAG_CONTEXT_0, encodeElement(TAG_INTEGER, Uint8Array.of(2))), // v3
    serialNumber(),
    algorithm(),
    name(request.issuer),
    encodeElement(TAG_SEQUENCE, utcTime(request.notBefore), utcTime(request.notAfter)),
    name(request.subject),
    spki,
    ...(extensions.length > 0
      ? [encodeElement(TAG_CONTEXT_3, encodeElement(TAG_SEQUENCE, ...extensions))]
      : []),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign('RSASSA-PKCS1-v1_5', request.issuerPrivateKey, tbs as Uint8Array<ArrayBuffer>),
  );
  const der = encodeElement(
    TAG_SEQUENCE,
    tbs,
    algorithm(),
    encodeElement(TAG_BIT_STRING, Uint8Array.of(0), signature),
  );
  return { pem: encodePem('CERTIFICATE', der), der };
}
