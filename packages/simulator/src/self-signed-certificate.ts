import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the `openssl` command that {@link selfSignedCertificate} needs is installed. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A throwaway self-signed certificate for serving the simulator over https on a loopback address
 * (`startSimulator({ tls })`), which clients that insist on https — Amazon's official SDKs — need.
 * Made with the `openssl` command for this process only; throws if openssl is not installed.
 */
export function selfSignedCertificate(host = '127.0.0.1'): { key: string; cert: string } {
  const subjectAltName = /^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`;
  const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-simulator-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=${subjectAltName}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
