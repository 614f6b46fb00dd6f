import {
  bytesEqual,
  DerError,
  expectElement,
  OID_RSA_ENCRYPTION,
  readElement,
  TAG_OID,
  TAG_SEQUENCE,
} from '@amazon-pay-ts/signer/der';
import { NotificationError } from './errors.js';

const TAG_INTEGER = 0x02;
/** `[0] EXPLICIT Version` in front of the serial number (absent for v1 certificates). */
const TAG_VERSION = 0xa0;

/**
 * The DER `SubjectPublicKeyInfo` of an X.509 certificate, the form WebCrypto imports ('spki').
 * Walks `Certificate → tbsCertificate → [version] serialNumber signature issuer validity subject
 * subjectPublicKeyInfo` with the signer's DER reader (the same bounds-checked reader that unwraps
 * merchants' private keys), and requires an rsaEncryption key. Nothing else of the certificate is
 * interpreted: SNS's trust rests on fetching it over https from an SNS host.
 */
export function spkiFromCertificate(der: Uint8Array): Uint8Array {
  try {
    const certificate = expectElement(der, 0, TAG_SEQUENCE);
    if (certificate.end !== der.length) throw new DerError('trailing bytes after the certificate');
    const tbs = expectElement(der, certificate.start, TAG_SEQUENCE, certificate.end);
    let offset = tbs.start;
    const first = readElement(der, offset, tbs.end);
    if (first.tag === TAG_VERSION) offset = first.end;
    offset = expectElement(der, offset, TAG_INTEGER, tbs.end).end; // serialNumber
    offset = expectElement(der, offset, TAG_SEQUENCE, tbs.end).end; // signature algorithm
    offset = expectElement(der, offset, TAG_SEQUENCE, tbs.end).end; // issuer
    offset = expectElement(der, offset, TAG_SEQUENCE, tbs.end).end; // validity
    offset = expectElement(der, offset, TAG_SEQUENCE, tbs.end).end; // subject
    const spki = expectElement(der, offset, TAG_SEQUENCE, tbs.end);
    const algorithm = expectElement(der, spki.start, TAG_SEQUENCE, spki.end);
    const oid = expectElement(der, algorithm.start, TAG_OID, algorithm.end);
    if (!bytesEqual(der, oid, OID_RSA_ENCRYPTION)) {
      throw new NotificationError('INVALID_CERTIFICATE', 'the certificate does not hold an RSA public key');
    }
    return der.slice(offset, spki.end);
  } catch (error) {
    if (error instanceof NotificationError) throw error;
    if (error instanceof DerError) {
      throw new NotificationError('INVALID_CERTIFICATE', `not an X.509 certificate: ${error.message}`);
    }
    throw error;
  }
}
