import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './admin-password.js';

describe('admin password hashes', () => {
  it('verifies the password it hashed and nothing else; each hash has its own salt', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt:15:8:1:[\w-]{22}:[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('refuses short passwords and malformed or weak hashes with a message naming the variable', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/at least 12/);
    for (const bad of [
      '',
      'secret',
      'scrypt:10:8:1:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'bcrypt:15:8:1:a:b',
    ]) {
      expect(() => parsePasswordHash(bad)).toThrow(/STOREFRONT_ADMIN_PASSWORD_HASH/);
    }
  });

  it('`storefront:hash-password` reads the password from stdin and prints only its hash', async () => {
    const script = fileURLToPath(new URL('./hash-password.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        ['--conditions=@amazon-pay-ts/source', '--import', 'tsx', script],
        { cwd: root },
        (error, out) => (error ? reject(error) : resolve(out)),
      );
      child.stdin!.end('a long admin password\n');
    });
    const hash = stdout.trim();
    expect(stdout).not.toContain('a long admin password');
    expect(await verifyPassword('a long admin password', hash)).toBe(true);
  }, 30_000);
});
