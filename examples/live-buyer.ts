import { createInterface } from 'node:readline/promises';
import type { BuyerDriver } from './demo-flow.js';

/**
 * The buyer against Amazon's real sandbox: a person signs in with a sandbox buyer account and
 * confirms payment in a browser; the demo prints what to open and waits for Enter.
 */
export function liveBuyer(print: (text: string) => void): BuyerDriver {
  const ask = async (question: string) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return (await rl.question(question)).trim();
    } finally {
      rl.close();
    }
  };
  return {
    async signIn(checkoutSessionId) {
      print(
        `Checkout session ${checkoutSessionId} needs a buyer: render the Amazon Pay button with this session (createCheckoutSession config returning it), sign in with a sandbox buyer account and pick a payment method.`,
      );
      const typed = await ask(
        'Paste the amazonCheckoutSessionId from your checkoutReviewReturnUrl (Enter keeps the one above): ',
      );
      return typed || checkoutSessionId;
    },
    async confirm(_checkoutSessionId, amazonPayRedirectUrl) {
      print(
        `Open ${amazonPayRedirectUrl} in the browser where the sandbox buyer is signed in and confirm the payment.`,
      );
      await ask('Press Enter once the browser is back on checkoutResultReturnUrl: ');
    },
    async wait(ms, why) {
      print(`waiting ${ms / 1000}s for ${why}…`);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    async download(url) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`report download answered ${response.status}`);
      return response.text();
    },
  };
}
