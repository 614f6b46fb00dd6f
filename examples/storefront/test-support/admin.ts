import { scrypt } from 'node:crypto';
import { type Agent, type Form, formOf, type Page } from './agent.js';

/** The admin password of the test shops, made at test time (never a constant in the repo). */
export const ADMIN_PASSWORD = `pw-${crypto.randomUUID()}`;

/** `scrypt:<log2 N>:<r>:<p>:<salt>:<key>` (base64url), the format STOREFRONT_ADMIN_PASSWORD_HASH takes. */
export function adminPasswordHash(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error
        ? reject(error)
        : resolve(`scrypt:15:8:1:${Buffer.from(salt).toString('base64url')}:${key.toString('base64url')}`),
    ),
  );
}

/** Signs `agent` in on the shop's admin login page (when the page asks for a password). */
export async function loginAdmin(agent: Agent, shopUrl: string, password = ADMIN_PASSWORD): Promise<Page> {
  const page = await agent.get(`${shopUrl}/admin`);
  if (!/type="password"/.test(page.html)) return page;
  return agent.submit(page, formOf(page, /\/admin\/login$/), { password });
}

/** The admin page's form for `action` on `orderId`. */
export async function adminForm(
  agent: Agent,
  shopUrl: string,
  orderId: string,
  action: string,
): Promise<{ page: Page; form: Form }> {
  const page = await agent.get(`${shopUrl}/admin`);
  return { page, form: formOf(page, new RegExp(`/admin/orders/${orderId}/${action}$`)) };
}
