import type { Simulator } from '@amazon-pay-ts/simulator';
import type { BuyerDriver } from './demo-flow.js';

/**
 * Plays the buyer against the simulator's hosted pages over HTTP, as a browser would: load the
 * page, submit its form, and follow the 302 back to the merchant's return URL.
 */
export function simulatorBuyer(
  sim: Simulator,
  publicKeyId: string,
  onNote: (text: string) => void = () => {},
): BuyerDriver {
  async function submit(pageUrl: string, fields: Record<string, string>): Promise<URL> {
    const page = await fetch(pageUrl);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`hosted page ${pageUrl} answered ${page.status}: ${html}`);
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    if (!action) throw new Error(`no form on ${pageUrl}`);
    const response = await fetch(new URL(action, pageUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) {
      throw new Error(
        `hosted page form answered ${response.status} without a redirect: ${await response.text()}`,
      );
    }
    return new URL(location);
  }

  return {
    async signIn(checkoutSessionId) {
      const back = await submit(sim.hostedPageUrl(checkoutSessionId), {
        paymentMethod: '1111',
        action: 'continue',
      });
      onNote(`buyer signed in on the hosted page, redirected to ${back.origin}${back.pathname}`);
      const id = back.searchParams.get('amazonCheckoutSessionId');
      if (id !== checkoutSessionId)
        throw new Error(`redirect carried amazonCheckoutSessionId ${id}, expected ${checkoutSessionId}`);
      return id;
    },
    async confirm(checkoutSessionId, amazonPayRedirectUrl, paymentMethod = '1111') {
      const back = await submit(amazonPayRedirectUrl, { paymentMethod, action: 'pay' });
      onNote(
        `buyer confirmed payment (method ${paymentMethod}) at amazonPayRedirectUrl, redirected to ${back.origin}${back.pathname}`,
      );
      if (back.searchParams.get('amazonCheckoutSessionId') !== checkoutSessionId) {
        throw new Error(`result redirect lost the checkout session id: ${back}`);
      }
    },
    async wait(ms, why) {
      sim.clock.advance(ms);
      onNote(`simulator clock +${ms / 1000}s (${why})`);
    },
    async download(url) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`report download answered ${response.status}`);
      return response.text();
    },
    async verifyButton(payload, signature) {
      const response = await fetch(`${sim.url}/checkout/button`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The client signs with AMZN-PAY-RSASSA-PSS-V2, which the button config must name.
        body: JSON.stringify({
          payloadJSON: payload,
          signature,
          publicKeyId,
          algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
        }),
      });
      return response.ok;
    },
  };
}
