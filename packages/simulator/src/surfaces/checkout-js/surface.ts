import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Engine } from '../../engine.js';
import { issueBuyerToken } from '../../resources/buyer.js';
import type { KeyRing } from '../../signature.js';
import { escapeHtml, sendPage } from '../html-page.js';
import type { PageHandler } from '../pages.js';
import { type PendingSignIn, startFromButton } from './button-flow.js';
import { redirect, sendErrorPage } from './html.js';
import { ButtonError } from './options.js';
import { checkoutScript } from './script.js';
import { signedInCookie, signedOutCookie } from './session-cookie.js';

/** Sign-in requests waiting for the buyer's consent, bounded so a flood cannot grow memory. */
const MAX_PENDING_SIGN_INS = 1000;

function scopeList(scopes: string[] | null): string {
  const shown = scopes ?? ['name', 'email', 'postalCode', 'shippingAddress', 'phoneNumber', 'billingAddress'];
  return `<ul>${shown.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`;
}

/** Sign-in requests waiting for the buyer's answer, per simulator. */
const pendingByEngine = new WeakMap<Engine, Map<string, PendingSignIn>>();

function pendingSignIns(engine: Engine): Map<string, PendingSignIn> {
  const known = pendingByEngine.get(engine);
  if (known) return known;
  const pending = new Map<string, PendingSignIn>();
  pendingByEngine.set(engine, pending);
  return pending;
}

function remember(engine: Engine, request: PendingSignIn): string {
  const pending = pendingSignIns(engine);
  const id = randomUUID();
  pending.set(id, request);
  if (pending.size > MAX_PENDING_SIGN_INS) pending.delete(pending.keys().next().value as string);
  return id;
}

async function start(engine: Engine, keys: KeyRing, res: ServerResponse, body: string): Promise<void> {
  try {
    const outcome = await startFromButton(engine, keys, new URLSearchParams(body));
    if (outcome.kind === 'checkout') {
      redirect(res, outcome.location);
      return;
    }
    const id = remember(engine, outcome.request);
    sendPage(
      res,
      200,
      'Sign in with Amazon (simulated)',
      `<p>The shop asks to see this information from your Amazon account:</p>${scopeList(outcome.request.scopes)}
<form method="post" action="/checkout/signin-consent?request=${escapeHtml(id)}">
<button type="submit" name="action" value="allow">Allow and sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
    );
  } catch (error) {
    if (!(error instanceof ButtonError)) throw error;
    sendErrorPage(res, 400, error.reasonCode, error.message);
  }
}

function consent(engine: Engine, res: ServerResponse, url: URL, body: string): void {
  const pending = pendingSignIns(engine);
  const id = url.searchParams.get('request') ?? '';
  const request = pending.get(id);
  if (!request) {
    sendErrorPage(res, 400, 'InvalidRequest', 'This sign-in request is unknown or was already used.');
    return;
  }
  pending.delete(id);
  if (new URLSearchParams(body).get('action') === 'cancel') {
    if (request.cancelUrl) {
      redirect(res, request.cancelUrl);
      return;
    }
    // Without signInCancelUrl the buyer gets a link back to the shop's site.
    const shop = new URL(request.returnUrl).origin;
    sendPage(
      res,
      200,
      'Sign-in canceled',
      `<p>You did not sign in. <a href="${escapeHtml(shop)}/">Back to the shop</a></p>`,
    );
    return;
  }
  const token = issueBuyerToken(engine, request.merchantId, {
    region: request.region,
    ...(request.scopes ? { scopes: request.scopes } : {}),
  });
  const target = new URL(request.returnUrl);
  target.searchParams.set('buyerToken', token);
  redirect(res, target.toString(), { 'set-cookie': signedInCookie() });
}

function serveScript(engine: Engine, res: ServerResponse, head: boolean): void {
  const script = checkoutScript(engine.baseUrl);
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'content-length': Buffer.byteLength(script),
    'cache-control': 'no-cache',
  });
  res.end(head ? undefined : script);
}

const POST_PATHS = new Set(['/checkout/start', '/checkout/signin-consent', '/checkout/signout']);

/**
 * The checkout.js stand-in: the script itself, the button's landing (`/checkout/start`), the
 * sign-in consent page and sign-out. The hosted sign-in and payment pages are `hosted-pages`.
 */
export const checkoutJs: PageHandler = {
  name: 'checkout-js',
  match: ({ method, url }) =>
    ((method === 'GET' || method === 'HEAD') && url.pathname === '/checkout.js') ||
    (method === 'POST' && POST_PATHS.has(url.pathname)),
  async handle({ method, url, res, engine, keys, body }) {
    if (url.pathname === '/checkout.js') return serveScript(engine, res, method === 'HEAD');
    const text = (await body()).toString('utf8');
    if (url.pathname === '/checkout/start') return start(engine, keys, res, text);
    if (url.pathname === '/checkout/signin-consent') return consent(engine, res, url, text);
    res.writeHead(204, { 'set-cookie': signedOutCookie() });
    res.end();
  },
};
