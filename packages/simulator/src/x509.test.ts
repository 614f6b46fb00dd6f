import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair, ipAddressBytes, issueCertificate, serialNumber } from './x509.js';

describe('serialNumber', () => {
  it.each([
    ['all zero', new Uint8Array(16)],
    ['0x00 then a small byte', Uint8Array.of(0x00, 0x10, ...new Uint8Array(14))],
    ['high bit set', new Uint8Array(16).fill(0xff)],
    ['0x80 first', Uint8Array.of(0x80, ...new Uint8Array(15))],
  ])('is a minimal positive DER INTEGER (%s)', (_, random) => {
    const der = serialNumber(random);
    expect(der[0]).toBe(0x02);
    expect(der[1]).toBe(16);
    expect(der[2]! >= 0x40 && der[2]! <= 0x7f).toBe(true);
  });
});

describe('issueCertificate', () => {
  it('makes a CA and a server certificate OpenSSL accepts, for DNS names and IP addresses', async () => {
    const caKeys = await generateRsaKeyPair();
    const serverKeys = await generateRsaKeyPair();
    const now = new Date();
    const ca = await issueCertificate({
      subject: 'Test CA',
      issuer: 'Test CA',
      subjectPublicKey: caKeys.publicKey,
      issuerPrivateKey: caKeys.privateKey,
      notBefore: now,
      notAfter: new Date(now.getTime() + 86_400_000),
      isCa: true,
    });
    const server = await issueCertificate({
      subject: 'simulator',
      issuer: 'Test CA',
      subjectPublicKey: serverKeys.publicKey,
      issuerPrivateKey: caKeys.privateKey,
      notBefore: now,
      notAfter: new Date(now.getTime() + 86_400_000),
      isCa: false,
      serverNames: ['simulator', '127.0.0.1', '::1'],
    });
    const caCertificate = new X509Certificate(ca.pem);
    const serverCertificate = new X509Certificate(server.pem);
    expect(caCertificate.ca).toBe(true);
    expect(serverCertificate.verify(caCertificate.publicKey)).toBe(true);
    expect(serverCertificate.checkHost('simulator')).toBe('simulator');
    expect(serverCertificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverCertificate.checkIP('::1')).toBe('::1');
    expect(serverCertificate.checkHost('other')).toBeUndefined();
  });

  it('reads IPv4 and IPv6 addresses, and nothing else, as addresses', () => {
    expect(ipAddressBytes('10.0.0.1')).toEqual(Uint8Array.of(10, 0, 0, 1));
    expect(ipAddressBytes('[::1]')).toEqual(Uint8Array.of(...new Array(15).fill(0), 1));
    expect(ipAddressBytes('fe80::1:2')?.length).toBe(16);
    expect(ipAddressBytes('simulator')).toBeUndefined();
    expect(ipAddressBytes('1:2:3')).toBeUndefined();
  });
});
