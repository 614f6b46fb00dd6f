import { type CurrencyCode, type Order, refundable } from './orders.js';

/** Server-rendered pages: plain HTML, labelled controls, buttons as buttons, no framework. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for an inline <script>: `<` escaped so a value cannot close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;color:#1b1b1b}
header{display:flex;gap:1rem;align-items:baseline;border-bottom:1px solid #ddd;margin-bottom:1rem}
header strong{font-size:1.2rem}nav a{margin-right:.8rem}
.notice{background:#fff4e5;border-left:4px solid #e77600;padding:.6rem 1rem}
.ok{background:#eaf7ee;border-left:4px solid #2e7d32;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #eee;vertical-align:top}
button{padding:.4rem .9rem;font:inherit;margin:.2rem .3rem .2rem 0}button:focus-visible,a:focus-visible{outline:3px solid #0a7ea4}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:bold}dd{margin:0}`;

export function layout(title: string, body: string, checkoutJsUrl?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Sandbox Outfitters</title><style>${STYLE}</style>
${checkoutJsUrl ? `<script src="${escapeHtml(checkoutJsUrl)}"></script>` : ''}</head>
<body><header><strong>Sandbox Outfitters</strong><nav aria-label="Shop"><a href="/">Shop</a><a href="/admin">Admin</a></nav></header>
<main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

export interface Product {
  sku: string;
  name: string;
  description: string;
  price: string;
  currencyCode: CurrencyCode;
}

/** The container and the renderButton call for one Amazon Pay (or Sign-in) button. */
export function amazonButton(containerId: string, options: unknown): string {
  return `<div id="${escapeHtml(containerId)}"></div>
<script>amazon.Pay.renderButton('#${escapeHtml(containerId)}', ${scriptJson(options)});</script>`;
}

export function productPage(
  product: Product,
  payButton: string,
  signInButton: string,
  notice?: string,
): string {
  return `${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<section aria-labelledby="product-name">
<h2 id="product-name">${escapeHtml(product.name)}</h2>
<p>${escapeHtml(product.description)}</p>
<p>Price: <strong data-price>${escapeHtml(product.price)} ${escapeHtml(product.currencyCode)}</strong></p>
<h3>Check out</h3>
${payButton}
</section>
<section aria-labelledby="account-heading">
<h2 id="account-heading">Your account</h2>
<p>Sign in with your Amazon account to see your details here.</p>
${signInButton}
</section>`;
}

export interface ReviewView {
  checkoutSessionId: string;
  item: string;
  amount: string;
  currencyCode: string;
  shippingAddress: string | null;
  paymentDescriptor: string | null;
  buyerName: string | null;
  /** The order a declined payment is being retried for. */
  retryOrder: string | null;
  /** The buyer session's CSRF token, carried by the form. */
  csrf: string;
}

/** The hidden field every state-changing form carries (checked with the request's Origin). */
export const csrfField = (token: string) => `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;

export function reviewPage(view: ReviewView): string {
  const id = scriptJson(view.checkoutSessionId);
  return `<p>Please check your order, then place it.</p>
<dl>
<dt>Item</dt><dd>${escapeHtml(view.item)}</dd>
<dt>Total</dt><dd data-total>${escapeHtml(view.amount)} ${escapeHtml(view.currencyCode)}</dd>
<dt>Buyer</dt><dd>${escapeHtml(view.buyerName ?? '—')}</dd>
<dt>Ship to</dt><dd data-shipping-address>${escapeHtml(view.shippingAddress ?? 'no shipping address')} <button type="button" id="changeAddress">Change address</button></dd>
<dt>Pay with</dt><dd data-payment-descriptor>${escapeHtml(view.paymentDescriptor ?? '—')} <button type="button" id="changePayment">Change payment method</button></dd>
</dl>
<script>
amazon.Pay.bindChangeAction('#changeAddress', { amazonCheckoutSessionId: ${id}, changeAction: 'changeAddress' });
amazon.Pay.bindChangeAction('#changePayment', { amazonCheckoutSessionId: ${id}, changeAction: 'changePayment' });
</script>
<form method="post" action="/checkout/place-order">
<input type="hidden" name="checkoutSessionId" value="${escapeHtml(view.checkoutSessionId)}">
${csrfField(view.csrf)}
${view.retryOrder ? `<input type="hidden" name="order" value="${escapeHtml(view.retryOrder)}">` : ''}
<button type="submit">Place your order</button>
</form>`;
}

export function orderSummary(order: Order): string {
  return `<dl>
<dt>Order</dt><dd><a href="/orders/${escapeHtml(order.id)}" data-order-id>${escapeHtml(order.id)}</a></dd>
<dt>Status</dt><dd data-order-status>${escapeHtml(order.status)}${order.reasonCode ? ` (${escapeHtml(order.reasonCode)})` : ''}${order.closed ? ', closed' : ''}</dd>
<dt>Item</dt><dd>${escapeHtml(order.item)}</dd>
<dt>Total</dt><dd>${escapeHtml(order.amount)} ${escapeHtml(order.currencyCode)}</dd>
<dt>Ship to</dt><dd>${escapeHtml(order.shippingAddress ?? '—')}</dd>
<dt>Paid with</dt><dd>${escapeHtml(order.paymentDescriptor ?? '—')}</dd>
<dt>Refunds</dt><dd>${order.refunds.length ? order.refunds.map((r) => `${escapeHtml(r.amount)} ${escapeHtml(order.currencyCode)} (${escapeHtml(r.state)})`).join(', ') : 'none'}</dd>
</dl>`;
}

export function orderPage(order: Order, csrf: string): string {
  return `${orderSummary(order)}
<form method="post" action="/orders/${escapeHtml(order.id)}/refresh">${csrfField(csrf)}<button type="submit">Check payment status</button></form>
<h2>History</h2>
<ol>${order.history.map((h) => `<li><time datetime="${escapeHtml(h.at)}">${escapeHtml(h.at.slice(11, 19))}</time> ${escapeHtml(h.event)}</li>`).join('')}</ol>`;
}

/** The actions the admin page offers for an order's state. */
export function availableActions(order: Order): ('capture' | 'refund' | 'close')[] {
  const actions: ('capture' | 'refund' | 'close')[] = [];
  if (order.status === 'authorized') actions.push('capture');
  if (order.status === 'captured' && Number(refundable(order)) > 0) actions.push('refund');
  if (order.chargePermissionId && !order.closed) actions.push('close');
  return actions;
}

/** Each form carries the session's CSRF token and its own one-time action token. */
function adminActions(order: Order, tokens: Record<string, string>, csrf: string): string {
  const form = (action: string, label: string, extra = '') =>
    `<form method="post" action="/admin/orders/${escapeHtml(order.id)}/${action}" style="display:inline">${csrfField(csrf)}<input type="hidden" name="action_token" value="${escapeHtml(tokens[action])}">${extra}<button type="submit">${label}</button></form>`;
  const labels = { capture: 'Capture', refund: 'Refund', close: 'Close' };
  const parts = availableActions(order).map((action) =>
    form(
      action,
      labels[action],
      action === 'refund'
        ? `<label>Amount <input name="amount" value="${escapeHtml(refundable(order))}" inputmode="decimal" size="7"></label> `
        : '',
    ),
  );
  return parts.join(' ') || '—';
}

export interface AdminView {
  orders: { order: Order; tokens: Record<string, string> }[];
  csrf: string;
  notice?: string | undefined;
}

export function adminPage(view: AdminView): string {
  const rows = view.orders
    .map(
      ({ order: o, tokens }) => `<tr data-order="${escapeHtml(o.id)}"><td>${escapeHtml(o.id)}</td>
<td data-order-status>${escapeHtml(o.status)}${o.closed ? ', closed' : ''}</td><td>${escapeHtml(o.amount)} ${escapeHtml(o.currencyCode)}</td><td data-refunds>${o.refunds.map((r) => `${escapeHtml(r.amount)} (${escapeHtml(r.state)})`).join(', ') || '—'}</td><td>${adminActions(o, tokens, view.csrf)}</td></tr>`,
    )
    .join('\n');
  return `${view.notice ? `<p class="notice" role="status">${escapeHtml(view.notice)}</p>` : ''}
<form method="post" action="/admin/logout">${csrfField(view.csrf)}<button type="submit">Sign out</button></form>
<table><caption>Orders, newest first</caption><thead><tr><th scope="col">Order</th><th scope="col">Status</th><th scope="col">Total</th><th scope="col">Refunds</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">No orders yet.</td></tr>'}</tbody></table>`;
}

export function adminLoginPage(csrf: string, notice?: string): string {
  return `${notice ? `<p class="notice" role="alert">${escapeHtml(notice)}</p>` : ''}
<form method="post" action="/admin/login">${csrfField(csrf)}
<p><label>Admin password <input type="password" name="password" autocomplete="current-password" required></label></p>
<button type="submit">Sign in</button>
</form>`;
}

export function accountPage(buyer: { name?: string | null; email?: string | null; buyerId: string }): string {
  return `<p class="ok">Signed in with Amazon.</p>
<dl><dt>Name</dt><dd data-buyer-name>${escapeHtml(buyer.name ?? '—')}</dd><dt>Email</dt><dd>${escapeHtml(buyer.email ?? '—')}</dd><dt>Amazon buyer id</dt><dd><code>${escapeHtml(buyer.buyerId)}</code></dd></dl>
<button type="button" id="signOut">Sign out</button>
<script>document.getElementById('signOut').addEventListener('click', function () {
  amazon.Pay.signout().then(function () { window.location.assign('/'); });
});</script>`;
}

export function messagePage(message: string, action?: string): string {
  return `<p class="notice" role="alert">${escapeHtml(message)}</p>${action ?? '<p><a href="/">Back to the shop</a></p>'}`;
}
