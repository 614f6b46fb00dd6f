/** Hosts where the control plane may go without a token: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Addresses that mean "every interface": a server listens there, but no client can connect to them. */
export function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::' || bare === '::0' || bare === '0:0:0:0:0:0:0:0';
}

/**
 * The host a client on this machine reaches a server listening on `host` at: the loopback address of
 * the same family for a wildcard (127.0.0.1, or [::1] for `::`), else `host` itself; IPv6 bracketed.
 */
export function reachableHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  const reachable = isWildcardHost(bare) ? (bare.includes(':') ? '::1' : '127.0.0.1') : bare;
  return reachable.includes(':') ? `[${reachable}]` : reachable;
}
