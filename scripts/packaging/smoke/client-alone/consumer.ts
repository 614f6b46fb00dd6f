// TypeScript consumer of the client installed alone: its declarations and the types' root entry
// must type-check with skipLibCheck off and no zod anywhere.
import type { ClientHooks, WebStoreClient } from '@amazon-pay-ts/client';
import { type CheckoutSession, type OperationId, operationIds } from '@amazon-pay-ts/types';

export const read = (client: WebStoreClient, id: string) => client.getCheckoutSession(id);
export const stored = (json: string): CheckoutSession => JSON.parse(json) as CheckoutSession;
export const first: OperationId | undefined = operationIds[0];
export const hooks: ClientHooks = { onSuccess: ({ operationId, requestId }) => [operationId, requestId] };
