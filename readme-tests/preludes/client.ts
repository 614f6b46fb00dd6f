// `client`: a WebStoreClient configured from the environment, as a merchant's server would.
import * as amazonPay from '@amazon-pay-ts/client';

const client = new amazonPay.WebStoreClient({
  region: 'eu',
  publicKeyId: process.env.AMAZON_PAY_PUBLIC_KEY_ID!,
  privateKey: process.env.AMAZON_PAY_PRIVATE_KEY!,
});
