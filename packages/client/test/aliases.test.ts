import { describe, expect, it } from 'vitest';
import { METHOD_ALIASES, OPERATION_ROUTES } from '../src/fetch.js';
import { AmazonPayClient, type ClientConfig, InStoreClient, WebStoreClient } from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { testKeys } from './support/client.js';
import { useTestServer } from './support/server.js';

const server = useTestServer();

async function config(): Promise<ClientConfig> {
  const { privateKeyPem } = await testKeys();
  return {
    region: 'us',
    environment: 'sandbox',
    publicKeyId: 'AGPTYXGL5VH6PSYLJUSHTKW6',
    privateKey: privateKeyPem,
    baseUrl: server.url,
    validateResponses: 'off',
    maxRetries: 0,
  };
}

type Callable = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('official SDK method names', () => {
  it('each alias sends exactly the request of its operation, on every client of that operation’s channel', async () => {
    const classes = { webStore: [WebStoreClient, AmazonPayClient], inStore: [InStoreClient] } as const;
    let checked = 0;
    for (const [alias, { operationId }] of Object.entries(METHOD_ALIASES)) {
      const route = OPERATION_ROUTES[operationId];
      const owners =
        route.channel === 'common'
          ? [WebStoreClient, AmazonPayClient, InStoreClient]
          : classes[route.channel];
      for (const Client of owners) {
        const client = new Client(await config()) as unknown as Callable;
        expect(client[alias], `${Client.name}.${alias}`).toBeTypeOf('function');
        const args = [
          ...route.pathParams.map((name) => `${name}-1`),
          validBodies[operationId as keyof typeof validBodies],
          { idempotencyKey: 'same-key' },
        ];
        server.requests.length = 0;
        await client[operationId]!(...args);
        await client[alias]!(...args);
        const { data, metadata } = (await (client.withResponse as unknown as Callable)[alias]!(...args)) as {
          data: unknown;
          metadata: { operationId: string };
        };
        expect(metadata.operationId).toBe(operationId);
        expect(data).toEqual({});
        const [viaOperation, viaAlias, viaWithResponse] = server.requests.map(({ method, path, body }) => ({
          method,
          path,
          body,
        }));
        expect(viaAlias, `${Client.name}.${alias}`).toEqual(viaOperation);
        expect(viaWithResponse).toEqual(viaOperation);
        expect(viaOperation?.method).toBe(route.method);
        checked++;
      }
    }
    // sendDeliveryTrackingInformation and deliveryTracker ×3 clients, 3 onboarding aliases ×2, 3 in-store.
    expect(checked).toBe(15);
  });

  it('the in-store names stay off the web store clients, where charge/refund would be ambiguous', async () => {
    const client = new AmazonPayClient(await config()) as unknown as Callable;
    expect(client.charge).toBeUndefined();
    expect(client.merchantScan).toBeUndefined();
    expect((new InStoreClient(await config()) as unknown as Callable).createMerchantAccount).toBeUndefined();
  });
});
