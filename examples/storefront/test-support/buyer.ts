import { type Agent, formOf, type Page } from './agent.js';

/**
 * A buyer's trip through the storefront and the simulator's hosted pages, as the browser makes it
 * (checkout.js's button post, Amazon's sign-in and payment pages), over an {@link Agent}.
 */
export interface Shop {
  url: string;
  simUrl: string;
}

/** What checkout.js posts for the Amazon Pay button on the product page. */
export async function clickPayButton(agent: Agent, shop: Shop, from?: Page): Promise<Page> {
  const page = from ?? (await agent.get(shop.url));
  const call = /renderButton\('#AmazonPayButton', (\{.*\})\);/.exec(page.html)?.[1];
  if (!call) throw new Error(`no Amazon Pay button on ${page.url}`);
  const options = JSON.parse(call);
  const config = options.createCheckoutSessionConfig;
  return agent.request(`${shop.simUrl}/checkout/start`, {
    form: {
      merchantId: options.merchantId,
      publicKeyId: options.publicKeyId,
      ledgerCurrency: options.ledgerCurrency,
      placement: options.placement,
      productType: options.productType,
      sandbox: String(options.sandbox),
      payloadJSON: config.payloadJSON,
      signature: config.signature,
      algorithm: config.algorithm,
    },
  });
}

/** The button's signed payload, parsed (to check the URLs the shop asked Amazon to return to). */
export function buttonPayload(page: Page): { webCheckoutDetails: Record<string, string> } {
  const call = /renderButton\('#AmazonPayButton', (\{.*\})\);/.exec(page.html)?.[1];
  if (!call) throw new Error(`no Amazon Pay button on ${page.url}`);
  return JSON.parse(JSON.parse(call).createCheckoutSessionConfig.payloadJSON);
}

/** From the button to the shop's review page, choosing a simulated card (e.g. '1111'). */
export async function toReview(agent: Agent, shop: Shop, card: string, from?: Page): Promise<Page> {
  const signIn = await clickPayButton(agent, shop, from);
  if (!signIn.url.includes('/checkout/signin')) throw new Error(`sign-in page expected, got ${signIn.url}`);
  const review = await agent.request(signIn.url, {
    form: { action: 'continue', paymentMethod: card, shippingAddress: '0' },
  });
  if (!review.url.includes('/checkout/review')) throw new Error(`review page expected, got ${review.url}`);
  return review;
}

export const checkoutSessionOf = (review: Page): string =>
  formOf(review, /place-order/).fields.checkoutSessionId ?? '';

/** Places the order on the review page and pays on Amazon's payment page; returns the result page. */
export async function placeAndPay(agent: Agent, review: Page): Promise<Page> {
  const confirm = await agent.submit(review, formOf(review, /place-order/));
  if (!confirm.url.includes('/checkout/processing')) {
    throw new Error(
      `payment page expected, got ${confirm.url} (${confirm.status}): ${confirm.html.slice(0, 300)}`,
    );
  }
  return agent.request(confirm.url, { form: { action: 'pay' } });
}

/** A whole checkout with `card`; returns the result page. */
export async function checkout(agent: Agent, shop: Shop, card: string): Promise<Page> {
  return placeAndPay(agent, await toReview(agent, shop, card));
}

/** The order id a result or order page shows (or a declined page's button retries). */
export function orderIdOf(page: Page): string {
  const id =
    /data-order-id>([^<]+)</.exec(page.html)?.[1] ??
    /\/checkout\/review\?order=([A-Za-z0-9-]+)/.exec(page.html)?.[1];
  if (!id) throw new Error(`no order on ${page.url} (${page.status}): ${page.html.slice(0, 400)}`);
  return id;
}
