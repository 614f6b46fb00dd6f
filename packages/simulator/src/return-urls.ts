import { ApiError } from './errors.js';
import type { Environment } from './ids.js';

/**
 * Where Amazon sends the buyer back (checkout review/result/cancel URLs, a sign-in button's
 * signInReturnUrl): https only. Plain http is for developing on localhost in Sandbox, and Live takes
 * no localhost URL at all: "You can develop on your localhost in Sandbox but not in the Live
 * environment" (Amazon's Differences between environments); "when you are testing in the Sandbox
 * environment on localhost, you don't need an SSL certificate and can use the http protocol
 * (http://localhost)" (Amazon's allowed return URLs guide). Loopback addresses count as localhost.
 */
export function returnUrlProblem(value: unknown, env: Environment): string | null {
  if (typeof value !== 'string' || !URL.canParse(value)) return 'it must be an absolute https URL';
  const url = new URL(value);
  const local = isLocalHost(url.hostname);
  if (url.protocol === 'https:') {
    return local && env === 'Live'
      ? 'Live accepts no localhost return URL; Amazon lets you develop on localhost only in Sandbox'
      : null;
  }
  if (url.protocol === 'http:') {
    if (!local) return 'Amazon returns buyers only to https URLs (plain http only to localhost, in Sandbox)';
    return env === 'Live'
      ? 'Live accepts only https return URLs on your own domain; http://localhost is for Sandbox'
      : null;
  }
  return `Amazon returns buyers only to https URLs, not to '${url.protocol}' ones`;
}

function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

const RETURN_URL_FIELDS = ['checkoutReviewReturnUrl', 'checkoutResultReturnUrl', 'checkoutCancelUrl'];

/**
 * Checks the return URLs a request's `webCheckoutDetails` sets (a checkout session's, a charge's):
 * `400 InvalidParameterValue` naming the first one Amazon would not send a buyer to.
 */
export function checkReturnUrls(webCheckoutDetails: unknown, env: Environment): void {
  if (typeof webCheckoutDetails !== 'object' || webCheckoutDetails === null) return;
  const urls = webCheckoutDetails as Record<string, unknown>;
  for (const name of RETURN_URL_FIELDS) {
    const value = urls[name];
    if (value === undefined || value === null) continue;
    const problem = returnUrlProblem(value, env);
    if (problem) throw ApiError.invalidParameter(`webCheckoutDetails.${name}`, value, problem);
  }
}
