import { inspect } from 'node:util';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  BufferedRequest,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  createSigner,
  loadPrivateKey,
  loadPublicKey,
  parseAuthorizationHeader,
  type SignatureAlgorithm,
  SignerError,
  sha256Hex,
  signerMiddleware,
  stringToSign,
  verifyButtonSignature,
  verifyRequest,
} from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';

const { privateKeyPem, publicKeyPem } = sharedKeys();
const fixedClock = () => new Date('2026-11-27T22:24:51.500Z');
const now = fixedClock();
const base = {
  publicKeyId: 'SANDBOX-AE5E5B7B2K5LFJW4O4ZM2QXS',
  privateKey: privateKeyPem,
  region: 'eu' as const,
};

afterEach(() => vi.restoreAllMocks());

describe('createSigner', () => {
  it('defaults to AMZN-PAY-RSASSA-PSS-V2', () => {
    expect(createSigner(base).algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
  });

  it('validates the configuration synchronously', () => {
    const attempt = (overrides: object) => () => createSigner({ ...base, ...overrides } as never);
    expect(attempt({ region: 'us' })).toThrow(SignerError);
    expect(attempt({ region: 'EU' })).toThrow(/region/);
    expect(attempt({ publicKeyId: '' })).toThrow(/publicKeyId/);
    expect(attempt({ publicKeyId: 'a b' })).toThrow(/publicKeyId/);
    expect(attempt({ algorithm: 'RSA' })).toThrow(/algorithm/);
    expect(attempt({ privateKey: 'not a key' })).toThrow(
      expect.objectContaining({ code: 'KEY_FILE_NOT_FOUND' }),
    );
  });

  it('never exposes the private key through JSON or inspection', () => {
    const signer = createSigner(base);
    const body = privateKeyPem.split('\n')[3]!;
    expect(JSON.stringify(signer)).not.toContain(body);
    expect(inspect(signer, { depth: 10, showHidden: true })).not.toContain(body);
  });

  it('imports the key once for many requests', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const signer = createSigner(base);
    await Promise.all(
      Array.from({ length: 5 }, () => signer.sign(new Request('https://pay-api.amazon.eu/v2/x'))),
    );
    await signer.signButtonPayload('{}');
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('accepts a CryptoKey and rejects one for the wrong algorithm', async () => {
    const key = await loadPrivateKey(privateKeyPem);
    const signer = createSigner({ ...base, privateKey: key });
    const signed = await signer.sign(new Request('https://pay-api.amazon.eu/v2/x'));
    expect((await verifyRequest(signed, publicKeyPem)).ok).toBe(true);
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(() => createSigner({ ...base, privateKey: hmac })).toThrow(/RSA-PSS/);
  });
});

describe('signer.sign', () => {
  const signer = createSigner({ ...base, clock: fixedClock });

  it('adds the Amazon Pay headers and an authorization header, keeping caller headers', async () => {
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/checkoutSessions', {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'X-Amz-Pay-Idempotency-Key': 'idem-1', 'x-amz-pay-authtoken': 'tok' },
      }),
    );
    expect(signed.headers.get('accept')).toBe('application/json');
    expect(signed.headers.get('content-type')).toBe('application/json');
    expect(signed.headers.get('x-amz-pay-date')).toBe('20261127T222451Z');
    expect(signed.headers.get('x-amz-pay-host')).toBe('pay-api.amazon.eu');
    expect(signed.headers.get('x-amz-pay-region')).toBe('eu');
    const authorization = parseAuthorizationHeader(signed.headers.get('authorization')!);
    expect(authorization).toMatchObject({
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      publicKeyId: base.publicKeyId,
      signedHeaders: [
        'accept',
        'content-type',
        'x-amz-pay-authtoken',
        'x-amz-pay-date',
        'x-amz-pay-host',
        'x-amz-pay-idempotency-key',
        'x-amz-pay-region',
      ],
    });
    expect(await signed.text()).toBe('{"a":1}');
  });

  it('signs exactly the canonical request built from the published steps', async () => {
    const request = new Request('https://pay-api.amazon.eu/v2/charges/C01?b=x y&a=1', {
      method: 'PATCH',
      body: '{"x":"é"}',
    });
    const signed = await signer.sign(request);
    const bodyHash = await sha256Hex(new Uint8Array(await signed.clone().arrayBuffer()));
    const canonical = canonicalRequest({
      method: 'PATCH',
      canonicalUri: canonicalUri('/v2/charges/C01'),
      canonicalQuery: canonicalQuery([
        ['b', 'x y'],
        ['a', '1'],
      ]),
      canonicalHeaders:
        'accept:application/json\ncontent-type:application/json\nx-amz-pay-date:20261127T222451Z\n' +
        'x-amz-pay-host:pay-api.amazon.eu\nx-amz-pay-region:eu\n',
      signedHeaders: 'accept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-region',
      payloadHash: bodyHash,
    });
    expect(bodyHash).toBe(await sha256Hex('{"x":"é"}'));
    expect(canonical).toContain('\n/v2/charges/C01\na=1&b=x%20y\n');
    // Check the signature directly against the independently built canonical request.
    const { signature } = parseAuthorizationHeader(signed.headers.get('authorization')!)!;
    const publicKey = await loadPublicKey(publicKeyPem);
    const text = stringToSign('AMZN-PAY-RSASSA-PSS-V2', await sha256Hex(canonical));
    const valid = await crypto.subtle.verify(
      { name: 'RSA-PSS', saltLength: 32 },
      publicKey,
      Buffer.from(signature, 'base64'),
      new TextEncoder().encode(text),
    );
    expect(valid).toBe(true);
  });

  it('keeps the body bytes exactly, including DELETE with a body', async () => {
    const bytes = Uint8Array.of(0, 1, 2, 255, 0x7b, 0x7d);
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { method: 'DELETE', body: bytes }),
    );
    expect(new Uint8Array(await signed.clone().arrayBuffer())).toEqual(bytes);
    expect(signed.method).toBe('DELETE');
    expect((await verifyRequest(signed, publicKeyPem, { now })).ok).toBe(true);
  });

  it('distinguishes an empty body from {}', async () => {
    const empty = await signer.sign(new Request('https://pay-api.amazon.eu/v2/x', { method: 'POST' }));
    const braces = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { method: 'POST', body: '{}' }),
    );
    const emptyString = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { method: 'POST', body: '' }),
    );
    const signatureOf = (r: Request) => parseAuthorizationHeader(r.headers.get('authorization')!)!.signature;
    expect(signatureOf(empty)).not.toBe(signatureOf(braces));
    for (const r of [empty, braces, emptyString])
      expect((await verifyRequest(r, publicKeyPem, { now })).ok).toBe(true);
    // The empty body and an empty string body both hash as '' (no bytes are sent either way).
    const moved = new Request(braces, { body: '' });
    expect(await verifyRequest(moved, publicKeyPem, { now })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rewrites path ids and query into canonical form, so the URL sent is the URL signed', async () => {
    const signed = await signer.sign(
      new Request("https://pay-api.amazon.eu//v2/charges/id with space'(x)?q=a+b&r=a%2Bb/~&u=é", {
        method: 'GET',
      }),
    );
    const url = new URL(signed.url);
    expect(url.pathname).toBe('//v2/charges/id%20with%20space%27%28x%29');
    expect(url.search).toBe('?q=a%20b&r=a%2Bb%2F~&u=%C3%A9');
    expect(new URLSearchParams(url.search).get('r')).toBe('a+b/~');
    expect((await verifyRequest(signed, publicKeyPem, { now })).ok).toBe(true);
  });

  it('never changes which resource the URL addresses: encoded slashes and dots stay in their segment', async () => {
    for (const [path, sent] of [
      ['/v2/charges/..%2Fx', '/v2/charges/..%2Fx'],
      ['/v2/charges/..%2fx', '/v2/charges/..%2Fx'],
      ['/v2/charges/%2E%2E%2F%2E%2E%2Fx', '/v2/charges/..%2F..%2Fx'],
      ['/v2/buyers/a%2Fb%2Bc%3D', '/v2/buyers/a%2Fb%2Bc%3D'],
      ['/v2/charges/%7Ex%2F', '/v2/charges/~x%2F'],
      ['/v2//charges/', '/v2//charges/'],
    ]) {
      const signed = await signer.sign(new Request(`https://pay-api.amazon.eu${path}`));
      expect(new URL(signed.url).pathname).toBe(sent);
      expect(signed.url).toBe(`https://pay-api.amazon.eu${sent}`);
      expect((await verifyRequest(signed, publicKeyPem, { now })).ok).toBe(true);
    }
  });

  it('collapses runs of spaces in signed header values on the wire too', async () => {
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { headers: { 'x-amz-pay-idempotency-key': 'a   b' } }),
    );
    expect(signed.headers.get('x-amz-pay-idempotency-key')).toBe('a b');
  });

  it('keeps an explicit content-type (file uploads) but replaces the text/plain default of fetch', async () => {
    const upload = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/files', {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'application/pdf' },
      }),
    );
    expect(upload.headers.get('content-type')).toBe('application/pdf');
    const plain = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { method: 'POST', body: 'x' }),
    );
    expect(plain.headers.get('content-type')).toBe('application/json');
  });

  it('does not sign user-agent or hop-by-hop headers', async () => {
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/x', { headers: { 'user-agent': 'me/1.0', 'x-custom': 'v' } }),
    );
    const { signedHeaders } = parseAuthorizationHeader(signed.headers.get('authorization')!)!;
    expect(signedHeaders).not.toContain('user-agent');
    expect(signedHeaders).toContain('x-custom');
  });

  it('re-signing replaces the previous authorization', async () => {
    const once = await signer.sign(new Request('https://pay-api.amazon.eu/v2/x'));
    const twice = await signer.sign(once);
    const authorization = twice.headers.get('authorization')!;
    expect(authorization.match(/PublicKeyId=/g)).toHaveLength(1);
    expect(parseAuthorizationHeader(authorization)!.signedHeaders).not.toContain('authorization');
    expect((await verifyRequest(twice, publicKeyPem, { now })).ok).toBe(true);
  });

  it('carries a port in x-amz-pay-host (a local simulator)', async () => {
    const signed = await signer.sign(new Request('http://127.0.0.1:4010/v2/x'));
    expect(signed.headers.get('x-amz-pay-host')).toBe('127.0.0.1:4010');
  });

  it('keeps the abort signal', async () => {
    const controller = new AbortController();
    const signed = await signer.sign(
      new Request('https://pay-api.amazon.eu/v2/a b', { signal: controller.signal }),
    );
    controller.abort();
    expect(signed.signal.aborted).toBe(true);
  });

  it('refuses a request whose body was already read', async () => {
    const request = new Request('https://pay-api.amazon.eu/v2/x', { method: 'POST', body: 'x' });
    await request.text();
    await expect(signer.sign(request)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('signs with salt 20 under AMZN-PAY-RSASSA-PSS', async () => {
    const old = createSigner({ ...base, algorithm: 'AMZN-PAY-RSASSA-PSS', clock: fixedClock });
    const signed = await old.sign(new Request('https://pay-api.amazon.eu/v2/x'));
    expect(signed.headers.get('authorization')).toMatch(/^AMZN-PAY-RSASSA-PSS PublicKeyId=/);
    expect(await verifyRequest(signed, publicKeyPem, { now })).toMatchObject({
      ok: true,
      algorithm: 'AMZN-PAY-RSASSA-PSS',
    });
  });
});

describe('signerMiddleware', () => {
  it('returns the signed request from onRequest', async () => {
    const middleware = signerMiddleware(createSigner({ ...base, clock: fixedClock }));
    const signed = await middleware.onRequest({ request: new Request('https://pay-api.amazon.eu/v2/x') });
    expect((await verifyRequest(signed, publicKeyPem, { now })).ok).toBe(true);
  });

  it('signs a BufferedRequest in place: same request, body stream never read', async () => {
    const middleware = signerMiddleware(createSigner({ ...base, clock: fixedClock }));
    const body = JSON.stringify({ chargeId: 'S01-1', refundAmount: { amount: '1.00', currencyCode: 'EUR' } });
    const request = new BufferedRequest('https://pay-api.amazon.eu/v2/refunds?b=2&a=1', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'x-amz-pay-idempotency-key': 'k1',
        'x-extra': ' a   b ',
      },
    });
    const signed = await middleware.onRequest({ request });
    expect(signed).toBe(request);
    expect(request.bodyUsed).toBe(false);
    expect(request.headers.get('x-amz-pay-date')).toBe('20261127T222451Z');
    expect(request.headers.get('x-extra')).toBe('a b');
    expect(await verifyRequest(request, publicKeyPem, { now })).toMatchObject({ ok: true });
  });
});

describe('sign() of a BufferedRequest whose URL is not canonical', () => {
  it('returns a new BufferedRequest at the canonical URL, carrying the same bytes', async () => {
    const signer = createSigner({ ...base, clock: fixedClock });
    const request = new BufferedRequest("https://pay-api.amazon.eu/v2/buyers/a!b'c?x=(1)", {
      method: 'POST',
      body: '{"a":1}',
    });
    const signed = await signer.sign(request);
    expect(signed).not.toBe(request);
    expect(signed).toBeInstanceOf(BufferedRequest);
    expect(signed.url).toBe('https://pay-api.amazon.eu/v2/buyers/a%21b%27c?x=%281%29');
    expect((signed as BufferedRequest).bodySource).toBe('{"a":1}');
    expect(await verifyRequest(signed, publicKeyPem, { now })).toMatchObject({ ok: true });
  });
});

describe('signButtonPayload', () => {
  const signer = createSigner(base);

  it('returns the exact string it signed, for a string or an object', async () => {
    const object = {
      storeId: 'amzn1.application-oa2-client.x',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://a/b' },
    };
    const fromObject = await signer.signButtonPayload(object);
    expect(fromObject.payload).toBe(JSON.stringify(object));
    expect(await verifyButtonSignature(fromObject.payload, fromObject.signature, publicKeyPem)).toEqual({
      ok: true,
    });
    const text = ' {"storeId" : "x"} ';
    const fromString = await signer.signButtonPayload(text);
    expect(fromString.payload).toBe(text);
    expect((await verifyButtonSignature(text, fromString.signature, publicKeyPem)).ok).toBe(true);
  });

  it('returns the algorithm it signed with, for the page to pass as createCheckoutSessionConfig.algorithm', async () => {
    // Amazon reads a missing algorithm as the original AMZN-PAY-RSASSA-PSS; a V2 signature then fails.
    const v2 = await signer.signButtonPayload({ a: 1 });
    expect(v2.algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
    const original = await createSigner({ ...base, algorithm: 'AMZN-PAY-RSASSA-PSS' }).signButtonPayload({
      a: 1,
    });
    expect(original.algorithm).toBe('AMZN-PAY-RSASSA-PSS');
    for (const { payload, signature, algorithm } of [v2, original]) {
      expect(await verifyButtonSignature(payload, signature, publicKeyPem, algorithm)).toEqual({ ok: true });
    }
    expectTypeOf(v2).toEqualTypeOf<{ payload: string; signature: string; algorithm: SignatureAlgorithm }>();
  });

  it('fails verification for another payload, algorithm or a malformed signature', async () => {
    const { payload, signature } = await signer.signButtonPayload({ a: 1 });
    expect(await verifyButtonSignature(payload.replace('1', '2'), signature, publicKeyPem)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect((await verifyButtonSignature(payload, signature, publicKeyPem, 'AMZN-PAY-RSASSA-PSS')).ok).toBe(
      false,
    );
    expect((await verifyButtonSignature(payload, '%%%', publicKeyPem)).reason).toBe('malformed-signature');
  });
});
