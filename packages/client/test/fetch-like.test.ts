import { fetch as undiciFetch } from 'undici';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ClientConfig } from '../src/index.js';
import { testClient } from './support/client.js';
import { startTestServer } from './support/server.js';

type FetchOption = NonNullable<ClientConfig['fetch']>;

describe('the fetch option', () => {
  it('takes the global fetch, undici’s fetch and wrappers around it without a cast', () => {
    expectTypeOf(fetch).toExtend<FetchOption>();
    expectTypeOf(undiciFetch).toExtend<FetchOption>();
    const wrapper: FetchOption = (url, init) => undiciFetch(url, { ...init, keepalive: false });
    expect(wrapper).toBeTypeOf('function');
  });

  it('sends through undici’s fetch (its own Request/Response classes) end to end', async () => {
    const server = await startTestServer();
    try {
      server.fallback = () => ({
        status: 200,
        body: { chargeId: 'S01-1', statusDetails: { state: 'Authorized' } },
      });
      const client = await testClient(server.url, { fetch: undiciFetch, validateResponses: 'strict' });
      const { data, metadata } = await client.withResponse.getCharge('S01-1');
      expect(data.statusDetails?.state).toBe('Authorized');
      expect(metadata.status).toBe(200);
      server.fallback = () => ({ status: 404, body: { reasonCode: 'ResourceNotFound', message: 'no' } });
      await expect(client.getCharge('S01-2')).rejects.toMatchObject({
        status: 404,
        reasonCode: 'ResourceNotFound',
      });
      expect(server.requests.map((request) => request.path)).toEqual([
        '/sandbox/v2/charges/S01-1',
        '/sandbox/v2/charges/S01-2',
      ]);
    } finally {
      await server.close();
    }
  });
});
