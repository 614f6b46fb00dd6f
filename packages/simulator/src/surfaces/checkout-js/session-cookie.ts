/**
 * The simulated buyer's Amazon session: a cookie on the simulator's host, set when the buyer signs
 * in on a hosted page and cleared by `amazon.Pay.signout()`. It only changes what the sign-in page
 * says (signed in already, or signing in now); the sandbox buyer is the same either way.
 */
export const SIGNED_IN_COOKIE = 'amazon-pay-simulator-buyer';

export function signedInCookie(): string {
  return `${SIGNED_IN_COOKIE}=signed-in; Path=/; HttpOnly; SameSite=Lax`;
}

export function signedOutCookie(): string {
  return `${SIGNED_IN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function isSignedIn(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '').split(/;\s*/).some((c) => c === `${SIGNED_IN_COOKIE}=signed-in`);
}
