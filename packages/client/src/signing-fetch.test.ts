import { createSigner, generateKeyPairPem, verifyRequest } from '@amazon-pay-ts/signer';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSigningFetch } from './signing-fetch.js';

let signer: ReturnType<typeof createSigner>;
let publicKeyPem: string;

beforeAll(async () => {
  const pair = await generateKeyPairPem();
  publicKeyPem = pair.publicKeyPem;
  signer = createSigner({
    publicKeyId: 'SANDBOX-ASIGNINGFETCH',
    privateKey: pair.privateKeyPem,
    region: 'eu',
  });
});

/** A fetch that records what it was given and answers 200. */
function recordingFetch() {
  const sent: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Request(input, init));
    return new Response('{}', { status: 200 });
  };
  return { sent, fetch };
}

describe('createSigningFetch', () => {
  it('signs a URL and in-memory body with signHeaders, and the request sent verifies', async () => {
    let signHeadersCalls = 0;
    const counting = {
      sign: (request: Request) => signer.sign(request),
      signHeaders: (input: Parameters<typeof signer.signHeaders>[0]) => {
        signHeadersCalls++;
        return signer.signHeaders(input);
      },
    };
    const { sent, fetch } = recordingFetch();
    const body = new TextEncoder().encode('{"chargeAmount":{"amount":"1.00","currencyCode":"EUR"}}');
    await createSigningFetch(counting, fetch)('https://pay-api.amazon.eu/sandbox/v2/charges', {
      method: 'POST',
      headers: { 'x-amz-pay-idempotency-key': 'k1' },
      body: body.buffer,
    });
    expect(signHeadersCalls).toBe(1);
    const [request] = sent;
    expect(await verifyRequest(request!, publicKeyPem)).toMatchObject({ ok: true });
  });

  it('falls back to sign() for a URL the signer would rewrite, and sends the rewritten one', async () => {
    const { sent, fetch } = recordingFetch();
    await createSigningFetch(signer, fetch)('https://pay-api.amazon.eu/sandbox/v2/buyers/a%2fb', {
      method: 'GET',
    });
    const [request] = sent;
    expect(new URL(request!.url).pathname).toBe('/sandbox/v2/buyers/a%2Fb');
    expect(await verifyRequest(request!, publicKeyPem)).toMatchObject({ ok: true });
  });

  it('signs a Request through sign()', async () => {
    const { sent, fetch } = recordingFetch();
    await createSigningFetch(
      signer,
      fetch,
    )(new Request('https://pay-api.amazon.eu/sandbox/v2/charges/S02-1'));
    expect(await verifyRequest(sent[0]!, publicKeyPem)).toMatchObject({ ok: true });
  });
});
