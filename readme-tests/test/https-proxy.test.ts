import { WebStoreClient } from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { opensslAvailable, selfSignedCertificate, startSimulator } from '@amazon-pay-ts/simulator';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { startConnectProxy } from '../src/connect-proxy.js';

describe('the fetch option behind an HTTPS proxy', () => {
  it.skipIf(!opensslAvailable())(
    'undici fetch + ProxyAgent reaches the simulator over https through a CONNECT proxy',
    async () => {
      const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
      const tls = selfSignedCertificate('127.0.0.1');
      const sim = await startSimulator({
        tls,
        keys: [{ publicKeyId: 'SANDBOX-APROXY', publicKey: publicKeyPem }],
      });
      const proxy = await startConnectProxy({ host: '127.0.0.1', port: Number(new URL(sim.url).port) });
      const agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: tls.cert } });
      try {
        const client = new WebStoreClient({
          region: 'eu',
          publicKeyId: 'SANDBOX-APROXY',
          privateKey: privateKeyPem,
          baseUrl: sim.url,
          // No cast: undici's fetch is a FetchLike, and so is a wrapper that adds the dispatcher.
          fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: agent }),
          maxRetries: 0,
          validateResponses: 'strict',
        });
        const session = await client.createCheckoutSession({
          storeId: 'amzn1.application-oa2-client.000000000000000000000000000000000',
          webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
        });
        const { data, metadata } = await client.withResponse.getCheckoutSession(session.checkoutSessionId);
        expect(data.statusDetails?.state).toBe('Open');
        expect(metadata.requestId).toBeTruthy();
        // Both calls went through the tunnel (one kept-alive connection or more), over TLS.
        expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
        expect(proxy.tunnels.every((tunnel) => tunnel === new URL(sim.url).host)).toBe(true);
        expect(sim.requests.map((request) => request.operationId)).toEqual([
          'createCheckoutSession',
          'getCheckoutSession',
        ]);
        // Plain undici fetch is accepted as is, too.
        const direct = new WebStoreClient({
          region: 'eu',
          publicKeyId: 'SANDBOX-APROXY',
          privateKey: privateKeyPem,
          baseUrl: sim.url.replace('https:', 'http:'),
          fetch: undiciFetch,
        });
        expect(direct.baseUrl).toContain('http:');
      } finally {
        await agent.close();
        await proxy.close();
        await sim.close();
      }
    },
  );
});
