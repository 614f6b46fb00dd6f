// TypeScript consumer of the client installed alone: its declarations and the types' root entry
// must type-check with skipLibCheck off and no zod anywhere.
import { type ClientConfig, WebStoreClient } from '@amazon-pay-ts/client';
import { type CheckoutSession, type OperationId, operationIds } from '@amazon-pay-ts/types';

const config: ClientConfig = {
  region: 'eu',
  publicKeyId: 'SANDBOX-AEXAMPLETESTKEY0001',
  privateKey: 'key.pem',
};
export const client = new WebStoreClient(config);
export const state = async (id: string): Promise<string | undefined> =>
  (await client.getCheckoutSession(id)).statusDetails?.state;
export const stored = (json: string): CheckoutSession => JSON.parse(json) as CheckoutSession;
export const first: OperationId | undefined = operationIds[0];
