import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BuyerActionError,
  cancelCheckout,
  isAwaitingPayment,
  processPayment,
  signIn,
} from '../buyer-actions.js';
import type { Engine } from '../engine.js';
import { findPaymentMethod, PAYMENT_METHODS } from '../payment-methods.js';
import { repeatedParameter } from '../query.js';
import { constraints, getSession } from '../resources/checkout-session.js';
import { sandboxAddressBook } from '../sandbox-data.js';
import type { AddressRecord, CheckoutSessionRecord, Json } from '../store.js';
import { isSignedIn, signedInCookie } from './checkout-js/session-cookie.js';
import { escapeHtml, sendPage } from './html-page.js';
import type { PageHandler } from './pages.js';

/**
 * The pages Amazon hosts for the buyer, reduced to what a test needs: sign in and pick a payment
 * method (then back to checkoutReviewReturnUrl), and confirm or cancel at amazonPayRedirectUrl
 * (then back to checkoutResultReturnUrl), each with `amazonCheckoutSessionId` appended. The pages
 * change nothing themselves: every choice goes through the buyer's actions (buyer-actions.ts),
 * which change state through transitions.ts.
 */
function withSessionId(target: string, id: string): string {
  try {
    const url = new URL(target);
    url.searchParams.set('amazonCheckoutSessionId', id);
    return url.toString();
  } catch {
    return `${target}${target.includes('?') ? '&' : '?'}amazonCheckoutSessionId=${encodeURIComponent(id)}`;
  }
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): true {
  res.writeHead(302, { location, 'content-length': 0, ...headers });
  res.end();
  return true;
}

function methodChoices(record: CheckoutSessionRecord): string {
  const current = record.paymentMethod?.lastDigits ?? PAYMENT_METHODS[0]!.lastDigits;
  const choices = PAYMENT_METHODS.map(
    (m) =>
      `<label><input type="radio" name="paymentMethod" value="${m.lastDigits}"${m.lastDigits === current ? ' checked' : ''}> ${escapeHtml(m.descriptor)} <small>${escapeHtml(m.explanation)}</small></label>`,
  ).join('\n');
  return `<fieldset><legend>Payment method</legend>\n${choices}\n</fieldset>`;
}

function oneLine(a: AddressRecord): string {
  return [a.name, a.addressLine1, a.addressLine2, a.city, a.stateOrRegion, a.postalCode, a.countryCode]
    .filter(Boolean)
    .join(', ');
}

function addressChoices(record: CheckoutSessionRecord): string {
  const book = sandboxAddressBook(record.region);
  const current = Math.max(
    0,
    book.findIndex((a) => a.addressLine1 === record.shippingAddress?.addressLine1),
  );
  const choices = book
    .map(
      (a, i) =>
        `<label><input type="radio" name="shippingAddress" value="${i}"${i === current ? ' checked' : ''}> ${escapeHtml(oneLine(a))}</label>`,
    )
    .join('\n');
  return `<fieldset><legend>Shipping address</legend>\n${choices}\n</fieldset>`;
}

function needsAddress(record: CheckoutSessionRecord): boolean {
  return record.fields.productType !== 'PayOnly' && !record.fields.addressDetails;
}

function amountLine(record: CheckoutSessionRecord): string {
  const p = (record.fields.paymentDetails ?? {}) as Json;
  const amount = p.chargeAmount as { amount: string; currencyCode: string } | undefined;
  return amount
    ? `<p>Amount: <strong>${escapeHtml(amount.amount)} ${escapeHtml(amount.currencyCode)}</strong></p>`
    : '';
}

function web(record: CheckoutSessionRecord): Json {
  return (record.fields.webCheckoutDetails ?? {}) as Json;
}

export function handleHostedPage(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
): true {
  engine.runDue();
  const step =
    url.pathname === '/checkout/signin'
      ? 'signin'
      : url.pathname === '/checkout/processing'
        ? 'processing'
        : null;
  const id = url.searchParams.get('amazonCheckoutSessionId') ?? '';
  const repeated =
    repeatedParameter(url.searchParams) ??
    (req.method === 'POST' ? repeatedParameter(new URLSearchParams(body)) : undefined);
  if (repeated !== undefined)
    return sendPage(
      res,
      400,
      'Repeated parameter',
      `<p>${escapeHtml(repeated.slice(0, 100))} is given more than once.</p>`,
    );
  if (!step) return sendPage(res, 404, 'Not found', `<p>No page at ${escapeHtml(url.pathname)}.</p>`);
  let record: CheckoutSessionRecord;
  try {
    record = getSession(engine, id, null);
  } catch {
    return sendPage(
      res,
      404,
      'Unknown checkout session',
      `<p>Checkout session ${escapeHtml(id)} does not exist.</p>`,
    );
  }
  const action = `${url.pathname}?amazonCheckoutSessionId=${encodeURIComponent(id)}`;

  if (req.method === 'GET') {
    if (step === 'signin') {
      const change = url.searchParams.get('changeAction');
      const sections = [
        change !== 'changePayment' && needsAddress(record) ? addressChoices(record) : '',
        change !== 'changeAddress' ? methodChoices(record) : '',
      ].join('\n');
      const signedIn = isSignedIn(req.headers.cookie);
      return sendPage(
        res,
        200,
        change === 'changeAddress'
          ? 'Change your shipping address (simulated)'
          : change === 'changePayment'
            ? 'Change your payment method (simulated)'
            : signedIn
              ? 'Choose how to pay (simulated)'
              : 'Sign in with Amazon Pay (simulated)',
        `<p>Checkout session <code>${escapeHtml(id)}</code>, ${signedIn ? 'signed in as' : 'continuing signs you in as'} the sandbox buyer.</p>${amountLine(record)}
<form method="post" action="${escapeHtml(change ? `${action}&changeAction=${encodeURIComponent(change)}` : action)}">
${sections}
<button type="submit" name="action" value="continue">Continue</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      );
    }
    const missing = constraints(record)
      .map((c) => c.constraintId)
      .filter((c) => c !== 'BuyerNotAssociated');
    if (record.status.state !== 'Open' || missing.length > 0) {
      return sendPage(
        res,
        409,
        'This checkout cannot be paid',
        `<p>Checkout session ${escapeHtml(id)} is ${escapeHtml(record.status.state)}${missing.length ? `; still missing: ${escapeHtml(missing.join(', '))}` : ''}.</p>`,
      );
    }
    return sendPage(
      res,
      200,
      'Confirm your payment (simulated)',
      `<p>Checkout session <code>${escapeHtml(id)}</code>.</p>${amountLine(record)}
<form method="post" action="${escapeHtml(action)}">
${methodChoices(record)}
<button type="submit" name="action" value="pay">Pay now</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
    );
  }

  if (req.method !== 'POST') return sendPage(res, 405, 'Method not allowed', '<p>Use GET or POST.</p>');
  const form = new URLSearchParams(body);
  const choice = form.get('paymentMethod');
  const method = choice ? findPaymentMethod(choice) : undefined;
  if (choice && !method)
    return sendPage(res, 400, 'Unknown payment method', `<p>${escapeHtml(choice)} is not offered.</p>`);
  const w = web(record);
  const addressIndex = form.get('shippingAddress');
  const chosenAddress =
    addressIndex === null ? undefined : sandboxAddressBook(record.region)[Number(addressIndex)];
  if (addressIndex !== null && !chosenAddress)
    return sendPage(
      res,
      400,
      'Unknown address',
      `<p>Address ${escapeHtml(addressIndex)} is not in the address book.</p>`,
    );
  const keep = {
    ...(method ? { paymentMethod: method } : {}),
    ...(chosenAddress
      ? { shippingAddress: chosenAddress, billingAddress: record.billingAddress ?? chosenAddress }
      : record.shippingAddress
        ? { shippingAddress: record.shippingAddress, billingAddress: record.billingAddress ?? undefined }
        : {}),
  };
  const session = { 'set-cookie': signedInCookie() };
  try {
    if (form.get('action') === 'cancel') {
      cancelCheckout(engine, record, step === 'processing' ? 'payment' : 'sign-in');
      const back = (w.checkoutCancelUrl ?? (step === 'processing' ? w.checkoutResultReturnUrl : undefined)) as
        | string
        | undefined;
      return back
        ? redirect(res, withSessionId(back, id))
        : sendPage(res, 200, 'Checkout canceled', '<p>You canceled; go back to the shop to try again.</p>');
    }
    if (step === 'signin') {
      signIn(engine, record, keep);
      if (isAwaitingPayment(engine, record) && w.checkoutMode === 'ProcessOrder') {
        processPayment(engine, record);
        return redirect(res, withSessionId(String(w.checkoutResultReturnUrl), id), session);
      }
      const review = w.checkoutReviewReturnUrl as string | undefined;
      return review
        ? redirect(res, withSessionId(review, id), session)
        : sendPage(res, 200, 'Signed in', '<p>No checkoutReviewReturnUrl to return to.</p>', session);
    }
    if (!record.buyer) signIn(engine, record, method ? { paymentMethod: method } : {});
    processPayment(engine, record, method);
    return redirect(res, withSessionId(String(w.checkoutResultReturnUrl), id));
  } catch (error) {
    if (error instanceof BuyerActionError)
      return sendPage(res, 400, 'Cannot continue', `<p>${escapeHtml(error.message)}</p>`);
    throw error;
  }
}

/** The sign-in and payment pages under /checkout/ (the button endpoint is matched before them). */
export const hostedPages: PageHandler = {
  name: 'hosted-pages',
  match: ({ url }) => url.pathname.startsWith('/checkout/'),
  async handle(ctx) {
    const body = (await ctx.body()).toString('utf8');
    handleHostedPage(ctx.engine, ctx.req, ctx.res, ctx.url, body);
  },
};
