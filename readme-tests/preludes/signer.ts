// `signer`: a Signer for the EU region, key id and PEM from the environment.
import * as amazonPaySigner from '@amazon-pay-ts/signer';

const signer = amazonPaySigner.createSigner({
  publicKeyId: process.env.AMAZON_PAY_PUBLIC_KEY_ID!,
  privateKey: process.env.AMAZON_PAY_PRIVATE_KEY!,
  region: 'eu',
});
