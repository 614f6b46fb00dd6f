// TypeScript, bundler resolution (esbuild, Vite, webpack).

import { type ClientConfig, WebStoreClient } from '@amazon-pay-ts/client';
import { openTelemetryHooks } from '@amazon-pay-ts/client/opentelemetry';
import { createSigner } from '@amazon-pay-ts/signer';
import { startSimulator } from '@amazon-pay-ts/simulator';
import type { CheckoutSession } from '@amazon-pay-ts/types';
import { CheckoutSessionSchema } from '@amazon-pay-ts/types/zod';

const config: ClientConfig = {
  region: 'eu',
  publicKeyId: 'SANDBOX-AEXAMPLETESTKEY0001',
  privateKey: 'key.pem',
  hooks: [
    openTelemetryHooks(),
    { onError: ({ operationId, idempotencyKey }) => [operationId, idempotencyKey] },
  ],
};
export const client = new WebStoreClient(config);
export const state = async (id: string): Promise<string | undefined> =>
  (await client.getCheckoutSession(id)).statusDetails?.state;
export const parsed = (body: unknown): CheckoutSession | undefined =>
  CheckoutSessionSchema.safeParse(body).success ? (body as CheckoutSession) : undefined;
export const pieces = [createSigner, startSimulator];
