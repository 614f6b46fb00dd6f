import { createInterface } from 'node:readline/promises';
import { hashPassword } from './admin-password.js';

// `pnpm --filter @amazon-pay-ts/examples storefront:hash-password`: reads a password from stdin
// (typed, or piped) and prints its scrypt hash for STOREFRONT_ADMIN_PASSWORD_HASH. Only the hash
// is printed; keep it in your secret store like any credential.
const input = createInterface({ input: process.stdin, terminal: false });
process.stderr.write('Admin password (at least 12 characters), then Enter: ');
const password = (await input[Symbol.asyncIterator]().next()).value ?? '';
input.close();
console.log(await hashPassword(String(password).replace(/\r?\n$/, '')));
