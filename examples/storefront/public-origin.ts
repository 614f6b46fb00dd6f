const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The public origin: STOREFRONT_PUBLIC_URL, https. Only in local mode (the embedded simulator) may
 * it be left out (the address the shop listens on) or be plain http, and then only on loopback:
 * that is the one case where the cookies are not Secure.
 */
export function publicOrigin(configured: string | undefined, local: boolean, listening: string): string {
  if (!configured && !local) {
    throw new Error(
      'set STOREFRONT_PUBLIC_URL to the https origin buyers reach the shop at (e.g. https://shop.example)',
    );
  }
  let url: URL;
  try {
    url = new URL(configured ?? listening);
  } catch {
    throw new Error(`STOREFRONT_PUBLIC_URL is not a URL: ${configured}`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error('STOREFRONT_PUBLIC_URL must be an origin only (scheme, host, port)');
  }
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && local && LOOPBACK.test(url.hostname)) return url.origin;
  throw new Error(
    local
      ? `plain http is only for loopback addresses; set STOREFRONT_PUBLIC_URL to an https origin (got ${url.origin})`
      : `STOREFRONT_PUBLIC_URL must be https (got ${url.origin})`,
  );
}
