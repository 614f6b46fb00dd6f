import { describe, expect, it } from 'vitest';
import { createSigner, generateKeyPairPem, verifyRequest } from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';

const { privateKeyPem, publicKeyPem } = sharedKeys();
const now = new Date('2026-11-27T22:24:51Z');
const signer = createSigner({
  publicKeyId: 'LIVE-K1',
  privateKey: privateKeyPem,
  region: 'na',
  clock: () => now,
});

async function signedParts(init: RequestInit = { method: 'POST', body: '{"amount":"1.00"}' }) {
  const signed = await signer.sign(
    new Request('https://pay-api.amazon.com/v2/charges?x=1', {
      ...init,
      headers: { 'x-amz-pay-idempotency-key': 'k-1' },
    }),
  );
  return {
    method: signed.method,
    url: signed.url,
    headers: Object.fromEntries(signed.headers),
    body: signed.body === null ? undefined : await signed.text(),
  };
}

describe('verifyRequest', () => {
  it('accepts a signed Request and leaves its body readable', async () => {
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.com/v2/x', { method: 'POST', body: 'b' }),
    );
    expect(await verifyRequest(signed, publicKeyPem, { now })).toEqual({
      ok: true,
      publicKeyId: 'LIVE-K1',
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      form: 'canonical',
    });
    expect(await signed.text()).toBe('b');
  });

  it('accepts the plain-object form, with an origin-form url', async () => {
    const parts = await signedParts();
    expect((await verifyRequest(parts, publicKeyPem, { now })).ok).toBe(true);
    expect((await verifyRequest({ ...parts, url: '/v2/charges?x=1' }, publicKeyPem, { now })).ok).toBe(true);
    expect(
      (await verifyRequest({ ...parts, body: new TextEncoder().encode(parts.body) }, publicKeyPem, { now }))
        .ok,
    ).toBe(true);
  });

  it('names each failure', async () => {
    const parts = await signedParts();
    const check = (
      changes: Partial<typeof parts> & { headers?: Record<string, string> },
      options = { now },
    ) => verifyRequest({ ...parts, ...changes }, publicKeyPem, options);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(parts.headers).filter(([key]) => key !== name));
    const auth = parts.headers.authorization!;

    expect(await check({ headers: without('authorization') })).toMatchObject({
      reason: 'missing-authorization',
    });
    expect(await check({ headers: { ...parts.headers, authorization: 'Bearer abc' } })).toMatchObject({
      reason: 'malformed-authorization',
    });
    expect(
      await check({
        headers: {
          ...parts.headers,
          authorization: auth.replace('AMZN-PAY-RSASSA-PSS-V2', 'AMZN-PAY-RSASSA-PSS-V3'),
        },
      }),
    ).toMatchObject({ reason: 'unknown-algorithm' });
    expect(await check({ headers: without('x-amz-pay-date') })).toMatchObject({ reason: 'missing-date' });
    expect(await check({ headers: { ...parts.headers, 'x-amz-pay-date': 'yesterday' } })).toMatchObject({
      reason: 'missing-date',
    });
    expect(await check({ headers: without('x-amz-pay-idempotency-key') })).toMatchObject({
      reason: 'missing-signed-header',
    });
    expect(await check({ headers: { ...parts.headers, 'x-amz-pay-custom': 'injected' } })).toMatchObject({
      reason: 'header-not-signed',
    });
    expect(
      await check({ headers: { ...parts.headers, authorization: auth.replace('x-amz-pay-date;', '') } }),
    ).toMatchObject({ reason: 'header-not-signed' });
    expect(await check({}, { now: new Date(now.getTime() + 16 * 60_000) } as never)).toMatchObject({
      reason: 'date-skew',
    });
    expect(await check({ body: '{"amount":"9.00"}' })).toMatchObject({ reason: 'bad-signature' });
  });

  // Amazon's PHP SDK (every release since 2.6.2) signs accept, content-type and x-amz-pay-date, -host,
  // -idempotency-key and -region, then adds these headers unsigned; Amazon accepts its requests.
  it.each([
    ['x-amz-pay-sdk-type', 'PHP'],
    ['x-amz-pay-sdk-version', '2.7.2'],
    ['x-amz-pay-language-version', '8.2.36'],
    ['x-amz-pay-integrator-id', 'AXXXXXXXXXXXXX'],
    ['x-amz-pay-integrator-version', '1.2.3'],
    ['x-amz-pay-platform-version', '0.0.4'],
    ['x-amz-pay-simulation-code', 'HardDeclined'],
    ['x-amz-pay-authtoken', 'Atza|delegated'],
  ])('accepts %s outside the signature, as Amazon does for its PHP SDK', async (name, value) => {
    const parts = await signedParts();
    const result = await verifyRequest(
      { ...parts, headers: { ...parts.headers, [name]: value } },
      publicKeyPem,
      {
        now,
      },
    );
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses an unsigned idempotency key, or an unknown x-amz-pay header, outside the signature', async () => {
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.com/v2/charges?x=1', { method: 'POST', body: '{"amount":"1.00"}' }),
    );
    const parts = {
      method: 'POST',
      url: signed.url,
      headers: Object.fromEntries(signed.headers),
      body: '{"amount":"1.00"}',
    };
    expect((await verifyRequest(parts, publicKeyPem, { now })).ok).toBe(true);
    for (const name of ['x-amz-pay-idempotency-key', 'x-amz-pay-something-new']) {
      const result = await verifyRequest(
        { ...parts, headers: { ...parts.headers, [name]: 'k-2' } },
        publicKeyPem,
        {
          now,
        },
      );
      expect(result, name).toMatchObject({ ok: false, reason: 'header-not-signed' });
      if (!result.ok) expect(result.message).toContain(name);
    }
  });

  it('honours maxSkewMs', async () => {
    const parts = await signedParts();
    const later = new Date(now.getTime() + 60_000);
    expect((await verifyRequest(parts, publicKeyPem, { now: later, maxSkewMs: 30_000 })).ok).toBe(false);
    expect((await verifyRequest(parts, publicKeyPem, { now: later, maxSkewMs: 90_000 })).ok).toBe(true);
  });

  it('returns the canonical request and string to sign it computed when the signature is bad', async () => {
    const parts = await signedParts();
    const result = await verifyRequest({ ...parts, url: `${parts.url}&y=2` }, publicKeyPem, { now });
    if (result.ok) throw new Error('expected failure');
    expect(result.reason).toBe('bad-signature');
    expect(result.canonicalRequest?.split('\n').slice(0, 3)).toEqual(['POST', '/v2/charges', 'x=1&y=2']);
    expect(result.stringToSign).toMatch(/^AMZN-PAY-RSASSA-PSS-V2\n[0-9a-f]{64}$/);
  });

  it('rejects a signature made with another key', async () => {
    const other = await generateKeyPairPem();
    const parts = await signedParts();
    expect(await verifyRequest(parts, other.publicKeyPem, { now })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a signature re-labelled with the other algorithm (salt 32 vs 20)', async () => {
    const parts = await signedParts();
    const relabelled = parts.headers.authorization!.replace(
      'AMZN-PAY-RSASSA-PSS-V2 ',
      'AMZN-PAY-RSASSA-PSS ',
    );
    expect(
      await verifyRequest(
        { ...parts, headers: { ...parts.headers, authorization: relabelled } },
        publicKeyPem,
        { now },
      ),
    ).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('accepts a CryptoKey public key', async () => {
    const { loadPublicKey } = await import('../src/index.js');
    expect((await verifyRequest(await signedParts(), await loadPublicKey(publicKeyPem), { now })).ok).toBe(
      true,
    );
  });

  it.each([
    ['maxSkewMs NaN', { maxSkewMs: Number.NaN }],
    ['maxSkewMs negative', { maxSkewMs: -1 }],
    ['maxSkewMs Infinity', { maxSkewMs: Number.POSITIVE_INFINITY }],
    ['an invalid now', { now: new Date('not a date') }],
  ])('refuses %s instead of weakening the date check', async (_label, options) => {
    const parts = await signedParts();
    await expect(verifyRequest(parts, publicKeyPem, options)).rejects.toMatchObject({
      name: 'SignerError',
      code: 'INVALID_CONFIG',
    });
  });
});
