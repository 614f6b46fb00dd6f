import { VERSION } from './version.js';

/** `amazon-pay-ts/0.1.0 (node/20.20.2; linux)`, plus a space and the caller's suffix when given. */
export function userAgent(suffix?: string): string {
  const base = `amazon-pay-ts/${VERSION} (${runtime()}; ${platform()})`;
  return suffix ? `${base} ${suffix}` : base;
}

function runtime(): string {
  const g = globalThis as { Deno?: { version?: { deno?: string } }; Bun?: { version?: string } };
  if (g.Bun?.version) return `bun/${g.Bun.version}`;
  if (g.Deno?.version?.deno) return `deno/${g.Deno.version.deno}`;
  if (typeof process !== 'undefined' && process.versions?.node) return `node/${process.versions.node}`;
  return 'js/unknown';
}

function platform(): string {
  if (typeof process !== 'undefined' && typeof process.platform === 'string') return process.platform;
  return typeof navigator !== 'undefined' && navigator.userAgent ? 'browser' : 'unknown';
}

/** openapi-fetch middleware that sets the user-agent header. */
export function userAgentMiddleware(suffix?: string) {
  const value = userAgent(suffix);
  return {
    /** Sets the user-agent header. */
    onRequest({ request }: { request: Request }): Request {
      request.headers.set('user-agent', value);
      return request;
    },
  };
}
