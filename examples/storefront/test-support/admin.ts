import { hashPassword } from '../admin-password.js';
import { type Agent, type Form, formOf, type Page } from './agent.js';

/** The admin password of the test shops, made at test time (never a constant in the repo). */
export const ADMIN_PASSWORD = `pw-${crypto.randomUUID()}`;

/** The STOREFRONT_ADMIN_PASSWORD_HASH of a password. */
export const adminPasswordHash = hashPassword;

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
