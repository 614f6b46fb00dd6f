// `checkoutSessionId`: an Additional Payment Button session (checkoutMode ProcessOrder, 10.00 USD)
// the buyer has paid on Amazon's page, waiting for finalizeCheckoutSession with the address it shares.
import { STORE_ID as readmeStoreId, world as readmeWorld } from '../src/world.js';

const checkoutSessionId = await (async () => {
  const { client, sim } = readmeWorld();
  const session = await client.createCheckoutSession({
    storeId: readmeStoreId,
    webCheckoutDetails: {
      checkoutResultReturnUrl: 'https://shop.example/result',
      checkoutMode: 'ProcessOrder',
    },
    paymentDetails: {
      paymentIntent: 'Confirm',
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
      presentmentCurrency: 'USD',
    },
    addressDetails: {
      name: 'Susie Smith',
      addressLine1: '10 Ditka Ave',
      addressLine2: 'Suite 2500',
      city: 'Chicago',
      stateOrRegion: 'IL',
      postalCode: '60602',
      countryCode: 'US',
      phoneNumber: '800-000-0000',
    },
  });
  sim.approve(session.checkoutSessionId);
  return session.checkoutSessionId;
})();
