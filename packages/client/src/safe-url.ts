/**
 * A URL as it may appear in an error or in metadata: without user info, and with the delegated
 * `mwsAuthToken` path segment of `getAuthorizationToken` replaced, since both are credentials.
 */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(unparseable URL)';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.pathname = parsed.pathname.replace(/(\/authorizationTokens\/)[^/]+/, '$1[redacted]');
  return parsed.href;
}
