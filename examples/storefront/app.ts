import { AmazonPayApiError, AmazonPayError, type WebStoreClient } from '@amazon-pay-ts/client';
import { Hono } from 'hono';
import { addressLine, applyCharge, syncOrder } from './order-sync.js';
import type { CurrencyCode, Order, OrderStore } from './orders.js';
import {
  accountPage,
  adminPage,
  amazonButton,
  layout,
  messagePage,
  orderPage,
  orderSummary,
  type Product,
  productPage,
  reviewPage,
} from './pages.js';

export interface StorefrontConfig {
  client: WebStoreClient;
  orders: OrderStore;
  /** Where the browser loads Amazon's checkout.js (or the simulator's stand-in) from. */
  checkoutJsUrl: string;
  merchantId: string;
  publicKeyId: string;
  storeId: string;
  ledgerCurrency: CurrencyCode;
  /** True for Amazon's sandbox (and the simulator); false for live payments. */
  sandbox: boolean;
  product: Product;
  /** The shop's public origin for Amazon's return URLs; default: the origin each request came to. */
  publicUrl?: string;
  /** Mounted at POST /ipn: Amazon's instant payment notifications (see main.ts). */
  ipnHandler?: (request: Request) => Promise<Response>;
}

const STORE_NAME = 'Sandbox Outfitters';

/**
 * The merchant's side of an Amazon Pay checkout as one Hono app: product page with the button
 * (payload signed here, on the server), review, result, order, admin and account pages.
 */
export function createStorefront(config: StorefrontConfig): Hono {
  const { client, orders, product } = config;
  const app = new Hono();
  const origin = (url: string) => config.publicUrl ?? new URL(url).origin;

  /** The Amazon Pay button; `retryOrder` sends the buyer back to the same order after a decline. */
  async function payButton(base: string, retryOrder?: string): Promise<string> {
    const review = new URL('/checkout/review', base);
    if (retryOrder) review.searchParams.set('order', retryOrder);
    const { payload, signature } = await client.generateButtonSignature({
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
      createCheckoutSessionConfig: { payloadJSON: payload, signature, algorithm: 'AMZN-PAY-RSASSA-PSS-V2' },
    });
  }

  async function signInButton(base: string): Promise<string> {
    const { payload, signature } = await client.generateButtonSignature({
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
      signInConfig: { payloadJSON: payload, signature, algorithm: 'AMZN-PAY-RSASSA-PSS-V2' },
    });
  }

  const page = (title: string, body: string, withCheckoutJs = false) =>
    layout(title, body, withCheckoutJs ? config.checkoutJsUrl : undefined);

  app.get('/', async (c) => {
    const base = origin(c.req.url);
    const canceled = c.req.query('canceled') !== undefined;
    const notice = canceled ? 'You left Amazon Pay checkout; your cart is still here.' : undefined;
    // Amazon appends the session to checkoutCancelUrl; an order placed for it ends here.
    const sessionId = canceled ? c.req.query('amazonCheckoutSessionId') : undefined;
    const order = sessionId ? await orders.findBy('checkoutSessionId', sessionId) : undefined;
    if (order && order.status === 'awaiting-payment') {
      const session = await client.getCheckoutSession(order.checkoutSessionId);
      if (session.statusDetails?.state === 'Canceled') {
        await orders.update(order.id, 'buyer canceled on the Amazon Pay page', (o) => {
          o.status = 'canceled';
          o.reasonCode = session.statusDetails?.reasonCode ?? null;
        });
      }
    }
    const body = productPage(product, await payButton(base), await signInButton(base), notice);
    return c.html(page(product.name, body, true));
  });

  app.get('/checkout/review', async (c) => {
    const id = c.req.query('amazonCheckoutSessionId');
    if (!id) return c.html(page('Checkout', messagePage('No Amazon Pay checkout to review.')), 400);
    const session = await client.getCheckoutSession(id);
    if (session.statusDetails?.state !== 'Open') {
      return c.html(
        page('Checkout', messagePage('This checkout has ended; start again from the shop.')),
        409,
      );
    }
    const body = reviewPage({
      checkoutSessionId: id,
      item: product.name,
      amount: product.price,
      currencyCode: product.currencyCode,
      shippingAddress: addressLine(session.shippingAddress),
      paymentDescriptor: session.paymentPreferences?.[0]?.paymentDescriptor ?? null,
      buyerName: session.buyer?.name ?? null,
      retryOrder: c.req.query('order') ?? null,
    });
    return c.html(page('Review your order', body, true));
  });

  app.post('/checkout/place-order', async (c) => {
    const form = await c.req.parseBody();
    const id = String(form.checkoutSessionId ?? '');
    const base = origin(c.req.url);
    // After a declined payment the buyer retries the same order with a new checkout session.
    const previous = typeof form.order === 'string' ? await orders.get(form.order) : undefined;
    const retryable = previous && (previous.status === 'declined' || previous.status === 'canceled');
    const order = retryable
      ? await orders.update(previous.id, `buyer retries with checkout session ${id}`, (o) => {
          o.checkoutSessionId = id;
          o.status = 'awaiting-payment';
          o.reasonCode = null;
        })
      : await orders.create({
          checkoutSessionId: id,
          item: product.name,
          amount: product.price,
          currencyCode: product.currencyCode,
        });
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

  app.get('/checkout/result', async (c) => {
    const id = c.req.query('amazonCheckoutSessionId') ?? '';
    const order = await orders.findBy('checkoutSessionId', id);
    if (!order) return c.html(page('Checkout', messagePage('We do not know this checkout.')), 404);
    const base = origin(c.req.url);
    try {
      const session = await client.completeCheckoutSession(id, {
        chargeAmount: { amount: order.amount, currencyCode: order.currencyCode },
      });
      let updated = await orders.update(order.id, 'checkout completed', (o) => {
        o.chargeId = session.chargeId ?? null;
        o.chargePermissionId = session.chargePermissionId ?? null;
      });
      if (updated.chargeId)
        updated = await applyCharge(orders, updated, await client.getCharge(updated.chargeId));
      return c.html(page('Thank you', resultMessage(updated) + orderSummary(updated)));
    } catch (error) {
      if (!(error instanceof AmazonPayApiError) || error.reasonCode !== 'CheckoutSessionCanceled')
        throw error;
      // Amazon's guidance: a Declined session means the buyer picks another payment method.
      const session = await client.getCheckoutSession(id);
      const reason = session.statusDetails?.reasonCode ?? 'Canceled';
      const declined = reason === 'Declined';
      const updated = await orders.update(order.id, `checkout canceled by Amazon Pay (${reason})`, (o) => {
        o.status = declined ? 'declined' : 'canceled';
        o.reasonCode = reason;
      });
      const message = declined
        ? 'Your payment was declined. Please choose another payment method to complete your order.'
        : 'You canceled the payment. You can try again with Amazon Pay.';
      return c.html(
        page(
          declined ? 'Payment declined' : 'Payment canceled',
          messagePage(message, await payButton(base, updated.id)),
          true,
        ),
      );
    }
  });

  app.get('/orders/:id', async (c) => {
    const order = await orders.get(c.req.param('id'));
    if (!order) return c.html(page('Order', messagePage('No such order.')), 404);
    return c.html(page(`Order ${order.id}`, orderPage(order)));
  });

  app.post('/orders/:id/refresh', async (c) => {
    const order = await orders.get(c.req.param('id'));
    if (!order) return c.html(page('Order', messagePage('No such order.')), 404);
    await syncOrder(client, orders, order);
    return c.redirect(`/orders/${order.id}`, 303);
  });

  app.get('/admin', async (c) => c.html(page('Admin', adminPage(await orders.list()))));

  app.post('/admin/orders/:id/:action', async (c) => {
    const order = await orders.get(c.req.param('id'));
    if (!order) return c.html(page('Admin', messagePage('No such order.')), 404);
    const form = await c.req.parseBody();
    try {
      await adminAction(c.req.param('action'), order, String(form.amount ?? order.amount));
    } catch (error) {
      if (!(error instanceof AmazonPayError)) throw error;
      return c.html(page('Admin', adminPage(await orders.list(), error.message)), 400);
    }
    return c.redirect('/admin', 303);
  });

  async function adminAction(action: string, order: Order, amount: string): Promise<void> {
    const money = { currencyCode: order.currencyCode };
    if (action === 'capture' && order.chargeId) {
      const charge = await client.captureCharge(order.chargeId, {
        captureAmount: { amount: order.amount, ...money },
        softDescriptor: 'SANDBOX OUTFIT', // at most 16 characters
      });
      await applyCharge(orders, order, charge);
    } else if (action === 'refund' && order.chargeId) {
      const refund = await client.createRefund({
        chargeId: order.chargeId,
        refundAmount: { amount, ...money },
      });
      await orders.update(order.id, `refund ${refund.refundId} of ${amount} requested`, (o) => {
        o.refunds.push({
          refundId: refund.refundId,
          amount,
          state: refund.statusDetails?.state ?? 'RefundInitiated',
        });
      });
    } else if (action === 'close' && order.chargePermissionId) {
      await client.closeChargePermission(order.chargePermissionId, {
        closureReason: 'Order fulfilled',
        cancelPendingCharges: false,
      });
      await orders.update(order.id, 'charge permission closed', (o) => {
        o.closed = true;
      });
    }
  }

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
    // An example app may log; the SDK's messages carry no key material, so they are safe to show.
    console.error(error);
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
