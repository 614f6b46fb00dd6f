import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePem } from '@amazon-pay-ts/signer/pem';
import { describe, expect, it } from 'vitest';
import { opensslCertificate } from '../test/helpers/sns.js';
import { NotificationError } from './errors.js';
import { spkiFromCertificate } from './x509.js';

/** The base64 of the SubjectPublicKeyInfo, as `openssl x509 -pubkey` prints it. */
function opensslPublicKeyBase64(certificatePem: string): string {
  const pem = execFileSync('openssl', ['x509', '-pubkey', '-noout'], { input: certificatePem }).toString();
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationError);
    return (error as NotificationError).reason;
  }
  return 'accepted';
};

describe('spkiFromCertificate', () => {
  const { certificatePem } = opensslCertificate();
  const der = decodePem(certificatePem).der;

  it('returns the same SubjectPublicKeyInfo as `openssl x509 -pubkey`', () => {
    expect(Buffer.from(spkiFromCertificate(der)).toString('base64')).toBe(
      opensslPublicKeyBase64(certificatePem),
    );
  });

  it('refuses truncated, padded and garbage DER with INVALID_CERTIFICATE', () => {
    expect(reasonOf(() => spkiFromCertificate(der.slice(0, der.length - 1)))).toBe('INVALID_CERTIFICATE');
    expect(reasonOf(() => spkiFromCertificate(Uint8Array.of(...der, 0)))).toBe('INVALID_CERTIFICATE');
    expect(reasonOf(() => spkiFromCertificate(new Uint8Array(0)))).toBe('INVALID_CERTIFICATE');
    expect(reasonOf(() => spkiFromCertificate(Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff)))).toBe(
      'INVALID_CERTIFICATE',
    );
    for (let cut = 1; cut < der.length; cut += 97) {
      const broken = der.slice();
      broken[cut] = broken[cut]! ^ 0xff;
      const reason = reasonOf(() => spkiFromCertificate(broken));
      expect(['INVALID_CERTIFICATE', 'accepted']).toContain(reason);
    }
  });

  it('refuses a certificate whose key is not RSA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-notifications-ec-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=ec',
          '-keyout',
          join(dir, 'k'),
          '-out',
          join(dir, 'c'),
        ],
        { stdio: 'pipe' },
      );
      const ec = decodePem(readFileSync(join(dir, 'c'), 'utf8')).der;
      expect(reasonOf(() => spkiFromCertificate(ec))).toBe('INVALID_CERTIFICATE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
