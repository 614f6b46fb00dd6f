import { AmazonPayApiError, AmazonPayError, type WebStoreClient } from '@amazon-pay-ts/client';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ADMIN_ACTIONS, type AdminActionName, type AdminActions } from './admin-actions.js';
import { verifyPassword } from './admin-password.js';
import { addressLine, reconcileCheckout, recordCompletion, syncOrder } from './order-sync.js';
import type { CurrencyCode, Order, OrderStore } from './orders.js';
import {
  accountPage,
  adminLoginPage,
  adminPage,
  amazonButton,
  availableActions,
  escapeHtml,
  layout,
  messagePage,
  orderPage,
  orderSummary,
  type Product,
  productPage,
  reviewPage,
} from './pages.js';
import { type Session, type SessionStore, sameSecret, sha256 } from './sessions.js';

/** Where the shop reports failures; `console` fits. Without one it writes nothing. */
export interface StorefrontLogger {
  /** A request that failed (answered 500), with its error. */
  error(message: string, error: unknown): void;
  /** An IPN refused or failed (the notifications handler's warnings). */
  warn?(message: string, details: Record<string, unknown>): void;
}

export interface StorefrontConfig {
  client: WebStoreClient;
  orders: OrderStore;
  sessions: SessionStore;
  adminActions: AdminActions;
  /** `storefront:hash-password`'s scrypt hash of the admin password. */
  adminPasswordHash: string;
  /**
   * The shop's public origin (`https://shop.example`): Amazon's return URLs, the Origin every POST
   * must carry, and whether cookies are Secure. Configuration only: never taken from a request.
   */
  publicUrl: string;
  /** Where the browser loads Amazon's checkout.js (or the simulator's stand-in) from. */
  checkoutJsUrl: string;
  merchantId: string;
  publicKeyId: string;
  storeId: string;
  ledgerCurrency: CurrencyCode;
  /** True for Amazon's sandbox (and the simulator); false for live payments. */
  sandbox: boolean;
  product: Product;
  /** Told of failed requests; the shop is silent without one. */
  logger?: StorefrontLogger | undefined;
  /** Mounted at POST /ipn: Amazon's instant payment notifications (see server.ts). */
  ipnHandler?: (request: Request) => Promise<Response>;
}

const STORE_NAME = 'Sandbox Outfitters';
const VISITOR_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ADMIN_TTL_MS = 8 * 60 * 60 * 1000;
/** The shop's forms are a few hundred bytes; a larger body is refused before it is read further. */
const MAX_FORM_BYTES = 16 * 1024;
/** How long the admin page waits for unfinished actions it repeats before it renders. */
const ADMIN_RESUME_MS = 5_000;
const NOTICES: Record<string, string> = {
  done: 'Done.',
  'in-progress': 'That action is already being processed; this page shows it once Amazon Pay answered.',
  unconfirmed:
    'Amazon Pay did not confirm the action; it is repeated with the same idempotency key, so it cannot happen twice.',
};

/** Amazon's idempotency key for completing an order's checkout session: a reload replays, never repeats. */
const completionKey = (order: Order) =>
  sha256(`complete:${order.id}:${order.checkoutSessionId}`).slice(0, 32);

/**
 * The merchant's side of an Amazon Pay checkout as one Hono app: product page with the button
 * (payload signed here, on the server), review, result, order, admin and account pages.
 */
export function createStorefront(config: StorefrontConfig): Hono {
  const { client, orders, sessions, adminActions, product } = config;
  const base = new URL(config.publicUrl).origin;
  const secure = base.startsWith('https:');
  // `__Host-` cookies are Secure, host-only and path=/ by the browser's own rules.
  const cookie = {
    visitor: secure ? '__Host-sf_visitor' : 'sf_visitor',
    admin: secure ? '__Host-sf_admin' : 'sf_admin',
  };
  const app = new Hono();

  /**
   * A new session and its cookie. The buyer's is Lax: he comes back from Amazon's pages by a
   * top-level GET, which must carry it. The admin's is Strict: no other site's link or form ever
   * carries it.
   */
  async function startSession(c: Context, kind: 'visitor' | 'admin'): Promise<Session> {
    const ttlMs = kind === 'admin' ? ADMIN_TTL_MS : VISITOR_TTL_MS;
    const made = await sessions.create(kind, ttlMs);
    setCookie(c, cookie[kind], made.id, {
      httpOnly: true,
      secure,
      sameSite: kind === 'admin' ? 'Strict' : 'Lax',
      path: '/',
      maxAge: ttlMs / 1000,
    });
    return made;
  }

  /** The buyer's browser session; made (and its cookie set) when `create` and there is none. */
  async function visitor(c: Context, create: boolean): Promise<Session | undefined> {
    const found = await sessions.get(getCookie(c, cookie.visitor), 'visitor');
    return found || !create ? found : startSession(c, 'visitor');
  }
  const admin = async (c: Context) => sessions.get(getCookie(c, cookie.admin), 'admin');
  const csrfOk = (form: Record<string, unknown>, session: Session | undefined) =>
    session !== undefined && typeof form.csrf === 'string' && sameSecret(form.csrf, session.csrfToken);
  const forbidden = (c: Context) =>
    c.html(
      page(
        'Refused',
        messagePage('This request did not come from this shop’s own page; reload it and try again.'),
      ),
      403,
    );

  /** The Amazon Pay button; `retryOrder` sends the buyer back to the same order after a decline. */
  async function payButton(retryOrder?: string): Promise<string> {
    const review = new URL('/checkout/review', base);
    if (retryOrder) review.searchParams.set('order', retryOrder);
    const { payload, signature, algorithm } = await client.generateButtonSignature({
      webCheckoutDetails: {
        checkoutReviewReturnUrl: review.toString(),
        checkoutCancelUrl: new URL('/?canceled=1', base).toString(),
      },
      storeId: config.storeId,
      scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
    });
    return amazonButton('AmazonPayButton', {
      merchantId: config.merchantId,
      publicKeyId: config.publicKeyId,
      ledgerCurrency: config.ledgerCurrency,
      checkoutLanguage: 'en_US',
      productType: 'PayAndShip',
      placement: 'Product',
      buttonColor: 'Gold',
      sandbox: config.sandbox,
      estimatedOrderAmount: { amount: product.price, currencyCode: product.currencyCode },
      createCheckoutSessionConfig: { payloadJSON: payload, signature, algorithm },
    });
  }

  async function signInButton(): Promise<string> {
    const { payload, signature, algorithm } = await client.generateButtonSignature({
      signInReturnUrl: new URL('/account', base).toString(),
      storeId: config.storeId,
      signInScopes: ['name', 'email'],
    });
    return amazonButton('AmazonSignInButton', {
      merchantId: config.merchantId,
      publicKeyId: config.publicKeyId,
      ledgerCurrency: config.ledgerCurrency,
      checkoutLanguage: 'en_US',
      productType: 'SignIn',
      placement: 'Home',
      buttonColor: 'DarkGray',
      sandbox: config.sandbox,
      signInConfig: { payloadJSON: payload, signature, algorithm },
    });
  }

  const page = (title: string, body: string, withCheckoutJs = false) =>
    layout(title, body, withCheckoutJs ? config.checkoutJsUrl : undefined);

  const formBodyLimit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.html(page('Refused', messagePage('That form was too large.')), 413),
  });

  app.use('*', async (c, next) => {
    // Every state-changing request comes from this shop's own pages: the browser's Origin says so
    // (a form on another site cannot fake it). Each form's CSRF token is checked by its route.
    // /ipn is Amazon's, authenticated by the SNS signature instead.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/ipn') {
      if (c.req.header('origin') !== base) return forbidden(c);
      // Every form body is read whole (parseBody): bounded here. /ipn reads under its handler's cap.
      const refused = await formBodyLimit(c, next);
      if (refused instanceof Response) c.res = refused;
    } else await next();
    c.header('x-frame-options', 'DENY');
    c.header('content-security-policy', "frame-ancestors 'none'");
    // Same-origin only: checkout session ids in our URLs never leave in a Referer, and POSTs
    // still carry their Origin (no-referrer would turn it into "null").
    c.header('referrer-policy', 'same-origin');
    c.header('cache-control', 'no-store');
  });

  app.get('/', async (c) => {
    const canceled = c.req.query('canceled') !== undefined;
    const notice = canceled ? 'You left Amazon Pay checkout; your cart is still here.' : undefined;
    // Amazon appends the session to checkoutCancelUrl; an order placed for it ends here (its state
    // is read from Amazon, so a forged link changes nothing).
    const sessionId = canceled ? c.req.query('amazonCheckoutSessionId') : undefined;
    const order = sessionId ? await orders.findBy('checkoutSessionId', sessionId) : undefined;
    if (order && order.status === 'awaiting-payment') await reconcileCheckout(client, orders, order);
    const body = productPage(product, await payButton(), await signInButton(), notice);
    return c.html(page(product.name, body, true));
  });

  app.get('/checkout/review', async (c) => {
    const id = c.req.query('amazonCheckoutSessionId');
    if (!id) return c.html(page('Checkout', messagePage('No Amazon Pay checkout to review.')), 400);
    const session = await client.getCheckoutSession(id);
    const buyer = (await visitor(c, true))!;
    // The first browser to review a checkout session owns it: no one else sees it or orders with it.
    if (!(await orders.bindCheckout(id, buyer.idHash))) {
      return c.html(page('Checkout', messagePage('This checkout belongs to another browser.')), 403);
    }
    if (session.statusDetails?.state !== 'Open') {
      return c.html(
        page('Checkout', messagePage('This checkout has ended; start again from the shop.')),
        409,
      );
    }
    const retry = c.req.query('order');
    const retryOrder = retry ? await orders.get(retry) : undefined;
    const body = reviewPage({
      checkoutSessionId: id,
      item: product.name,
      amount: product.price,
      currencyCode: product.currencyCode,
      shippingAddress: addressLine(session.shippingAddress),
      paymentDescriptor: session.paymentPreferences?.[0]?.paymentDescriptor ?? null,
      buyerName: session.buyer?.name ?? null,
      retryOrder: retryOrder?.buyerSession === buyer.idHash ? retryOrder.id : null,
      csrf: buyer.csrfToken,
    });
    return c.html(page('Review your order', body, true));
  });

  app.post('/checkout/place-order', async (c) => {
    const form = await c.req.parseBody();
    const buyer = await visitor(c, false);
    if (!buyer || !csrfOk(form, buyer)) return forbidden(c);
    const id = String(form.checkoutSessionId ?? '');
    // A double submit finds the same order (one per checkout session); after a decline the buyer
    // retries his own order with a new checkout session; nobody else's.
    const order =
      typeof form.order === 'string' && form.order
        ? await orders.retry(form.order, buyer.idHash, id)
        : await orders.place({
            checkoutSessionId: id,
            buyerSession: buyer.idHash,
            item: product.name,
            amount: product.price,
            currencyCode: product.currencyCode,
          });
    if (!order) {
      return c.html(page('Checkout', messagePage('This checkout or order belongs to another browser.')), 409);
    }
    const session = await client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: new URL('/checkout/result', base).toString() },
      paymentDetails: {
        paymentIntent: 'Authorize',
        canHandlePendingAuthorization: true,
        chargeAmount: { amount: order.amount, currencyCode: order.currencyCode },
      },
      merchantMetadata: { merchantReferenceId: order.id, merchantStoreName: STORE_NAME },
    });
    const next = session.webCheckoutDetails?.amazonPayRedirectUrl;
    if (!next) {
      const missing = (session.constraints ?? []).map((x) => x.constraintId).join(', ');
      return c.html(
        page('Checkout', messagePage(`Amazon Pay cannot take the payment yet (${missing}).`)),
        409,
      );
    }
    await orders.update(order.id, 'buyer sent to Amazon Pay to confirm', (o) => {
      o.shippingAddress = addressLine(session.shippingAddress);
      o.paymentDescriptor = session.paymentPreferences?.[0]?.paymentDescriptor ?? null;
    });
    return c.redirect(next, 303);
  });

  /** Completes the order's checkout at Amazon (a reload replays it) and records the ids in one transaction. */
  async function completeOrder(order: Order): Promise<Order> {
    if (order.chargeId || order.status !== 'awaiting-payment') return order;
    const session = await client.completeCheckoutSession(
      order.checkoutSessionId,
      { chargeAmount: { amount: order.amount, currencyCode: order.currencyCode } },
      { idempotencyKey: completionKey(order) },
    );
    const charge = session.chargeId ? await client.getCharge(session.chargeId) : undefined;
    return recordCompletion(orders, order, session, charge, 'checkout completed');
  }

  app.get('/checkout/result', async (c) => {
    const id = c.req.query('amazonCheckoutSessionId') ?? '';
    const order = await orders.findBy('checkoutSessionId', id);
    if (!order) return c.html(page('Checkout', messagePage('We do not know this checkout.')), 404);
    const owner = (await visitor(c, false))?.idHash === order.buyerSession;
    try {
      const updated = await completeOrder(order);
      if (!owner) {
        return c.html(
          page('Thank you', messagePage('Thank you! Open your order in the browser you placed it from.')),
        );
      }
      return c.html(page('Thank you', resultMessage(updated) + orderSummary(updated)));
    } catch (error) {
      if (error instanceof AmazonPayApiError && error.reasonCode === 'CheckoutSessionCanceled') {
        const updated = await reconcileCheckout(client, orders, order);
        const declined = updated.status === 'declined';
        const message = declined
          ? 'Your payment was declined. Please choose another payment method to complete your order.'
          : 'You canceled the payment. You can try again with Amazon Pay.';
        const again = owner ? await payButton(updated.id) : undefined;
        return c.html(
          page(declined ? 'Payment declined' : 'Payment canceled', messagePage(message, again), true),
        );
      }
      if (error instanceof AmazonPayError && !error.mayHaveSucceeded) throw error;
      // Amazon may have taken the payment but we could not record it (or hear its answer): never
      // ask the buyer to pay again. The next load of this page, the order page or Amazon's IPN
      // reads the result from Amazon and records it.
      return c.html(page('Thank you', checkingMessage(owner ? order.id : undefined)));
    }
  });

  /** The buyer's own order, or undefined (for anyone else it does not exist). */
  async function ownOrder(c: Context, id: string): Promise<{ order: Order; buyer: Session } | undefined> {
    const [order, buyer] = await Promise.all([orders.get(id), visitor(c, false)]);
    return order && buyer && order.buyerSession === buyer.idHash ? { order, buyer } : undefined;
  }

  app.get('/orders/:id', async (c) => {
    const own = await ownOrder(c, c.req.param('id'));
    if (!own) return c.html(page('Order', messagePage('No such order.')), 404);
    const order = await reconcileCheckout(client, orders, own.order);
    return c.html(page(`Order ${order.id}`, orderPage(order, own.buyer.csrfToken)));
  });

  app.post('/orders/:id/refresh', async (c) => {
    const form = await c.req.parseBody();
    const own = await ownOrder(c, c.req.param('id'));
    if (!own) return c.html(page('Order', messagePage('No such order.')), 404);
    if (!csrfOk(form, own.buyer)) return forbidden(c);
    await syncOrder(client, orders, await reconcileCheckout(client, orders, own.order));
    return c.redirect(`/orders/${own.order.id}`, 303);
  });

  app.get('/admin/login', async (c) => {
    const buyer = (await visitor(c, true))!;
    return c.html(page('Admin sign-in', adminLoginPage(buyer.csrfToken)));
  });

  app.post('/admin/login', async (c) => {
    const form = await c.req.parseBody();
    const buyer = await visitor(c, false);
    if (!buyer || !csrfOk(form, buyer)) return forbidden(c);
    const password = typeof form.password === 'string' ? form.password : '';
    if (!(await verifyPassword(password, config.adminPasswordHash))) {
      return c.html(page('Admin sign-in', adminLoginPage(buyer.csrfToken, 'Wrong password.')), 401);
    }
    // A new session id at login, never one the browser had before.
    await startSession(c, 'admin');
    return c.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (c) => {
    const form = await c.req.parseBody();
    const session = await admin(c);
    if (session && csrfOk(form, session)) await sessions.destroy(getCookie(c, cookie.admin)!);
    deleteCookie(c, cookie.admin, { path: '/', secure });
    return c.redirect('/', 303);
  });

  async function renderAdmin(c: Context, session: Session, notice?: string, status: 400 | 409 | 200 = 200) {
    // Actions a crash left unfinished are repeated here, but the page waits for them only so long:
    // what is cut off stays started and is repeated, with its stored key, by the next page or submit.
    await adminActions.resume(undefined, { signal: AbortSignal.timeout(ADMIN_RESUME_MS) });
    const rows = await Promise.all(
      (await orders.list()).map(async (order) => ({
        order,
        tokens: await adminActions.issue(session.idHash, order.id, availableActions(order)),
      })),
    );
    return c.html(page('Admin', adminPage({ orders: rows, csrf: session.csrfToken, notice })), status);
  }

  app.get('/admin', async (c) => {
    const session = await admin(c);
    if (!session) return c.redirect('/admin/login', 303);
    return renderAdmin(c, session, NOTICES[c.req.query('notice') ?? '']);
  });

  app.post('/admin/orders/:id/:action', async (c) => {
    const form = await c.req.parseBody();
    const session = await admin(c);
    if (!session) {
      return c.html(
        page('Admin', messagePage('Sign in first.', '<p><a href="/admin/login">Sign in</a></p>')),
        401,
      );
    }
    if (!csrfOk(form, session)) return forbidden(c);
    const action = c.req.param('action');
    if (!ADMIN_ACTIONS.includes(action as AdminActionName)) return c.notFound();
    const outcome = await adminActions.submit({
      token: typeof form.action_token === 'string' ? form.action_token : '',
      sessionHash: session.idHash,
      orderId: c.req.param('id'),
      action,
      amount: typeof form.amount === 'string' ? form.amount : undefined,
    });
    if (outcome.kind === 'failed') return renderAdmin(c, session, outcome.message, 400);
    if (outcome.kind === 'invalid') return renderAdmin(c, session, outcome.message, 409);
    return c.redirect(`/admin?notice=${outcome.kind}`, 303);
  });

  app.get('/account', async (c) => {
    const token = c.req.query('buyerToken');
    if (!token) return c.html(page('Your account', messagePage('Sign in with Amazon first.')), 400);
    const buyer = await client.getBuyer(token);
    return c.html(page('Your account', accountPage(buyer), true));
  });

  if (config.ipnHandler) {
    const handler = config.ipnHandler;
    app.post('/ipn', (c) => handler(c.req.raw));
  }

  app.onError((error, c) => {
    // The SDK's messages carry no key material, so they are safe to log and to show.
    config.logger?.error('storefront request failed', error);
    const shown = error instanceof AmazonPayError ? error.message : 'Something went wrong on our side.';
    return c.html(page('Error', messagePage(shown)), 500);
  });

  return app;
}

function resultMessage(order: Order): string {
  if (order.status === 'pending-authorization') {
    return `<p class="ok" role="status">Thank you! Amazon Pay is still confirming your payment; we will email you when it is done. Your order is reserved.</p>`;
  }
  if (order.status === 'declined') {
    return `<p class="notice" role="alert">Your payment was declined. Please choose another payment method.</p>`;
  }
  return `<p class="ok" role="status">Thank you! Your order is placed and your payment is authorized.</p>`;
}

function checkingMessage(orderId: string | undefined): string {
  const link = orderId ? ` <a href="/orders/${escapeHtml(orderId)}">See your order</a>.` : '';
  return `<p class="ok" role="status">Thank you! We are checking your payment with Amazon Pay. Please do not pay again: reload this page in a moment.${link}</p>`;
}
