import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { opensslAvailable, selfSignedCertificate } from './self-signed-certificate.js';

describe.skipIf(!opensslAvailable())('selfSignedCertificate (needs the openssl command)', () => {
  it('certifies the loopback address it is asked for', () => {
    const { key, cert } = selfSignedCertificate('127.0.0.1');
    const certificate = new X509Certificate(cert);
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('example.com')).toBeUndefined();
    expect(key).toContain('PRIVATE KEY');
  });

  it('uses a DNS name for host names', () => {
    const certificate = new X509Certificate(selfSignedCertificate('localhost').cert);
    expect(certificate.checkHost('localhost')).toBe('localhost');
  });
});
