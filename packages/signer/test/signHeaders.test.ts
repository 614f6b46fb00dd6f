import { describe, expect, it } from 'vitest';
import { createSigner, verifyRequest } from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';

const { privateKeyPem, publicKeyPem } = sharedKeys();
const fixedClock = () => new Date('2026-11-27T22:24:51.500Z');
const now = fixedClock();
const signer = createSigner({
  publicKeyId: 'SANDBOX-AE5E5B7B2K5LFJW4O4ZM2QXS',
  privateKey: privateKeyPem,
  region: 'eu',
  clock: fixedClock,
});
const url = 'https://pay-api.amazon.eu/v2/checkoutSessions?b=2&a=x%20y';
const body = JSON.stringify({ storeId: 'amzn1.application-oa2-client.x', note: 'é' });

describe('signer.signHeaders', () => {
  it('returns headers that verify against the request as sent, string or byte body', async () => {
    for (const sent of [body, new TextEncoder().encode(body)]) {
      const headers = await signer.signHeaders({
        method: 'post',
        url,
        headers: { 'X-Amz-Pay-Idempotency-Key': '  key  1 ' },
        body: sent,
      });
      expect(headers).toMatchObject({
        accept: 'application/json',
        'content-type': 'application/json',
        'x-amz-pay-date': '20261127T222451Z',
        'x-amz-pay-host': 'pay-api.amazon.eu',
        'x-amz-pay-region': 'eu',
        'x-amz-pay-idempotency-key': 'key 1',
      });
      expect((await verifyRequest({ method: 'POST', url, headers, body }, publicKeyPem, { now })).ok).toBe(
        true,
      );
      const request = new Request(url, { method: 'POST', headers, body: sent });
      expect((await verifyRequest(request, publicKeyPem, { now })).ok).toBe(true);
    }
  });

  it('signs the same canonical request as sign()', async () => {
    const viaSign = await signer.sign(
      new Request(url, { method: 'POST', body, headers: { 'x-amz-pay-idempotency-key': 'k' } }),
    );
    const viaHeaders = await signer.signHeaders({
      method: 'POST',
      url,
      headers: new Headers({ 'x-amz-pay-idempotency-key': 'k' }),
      body,
    });
    // RSASSA-PSS is randomised: everything but the signature itself must match.
    const withoutSignature = (headers: Record<string, string>) => ({
      ...headers,
      authorization: headers.authorization!.replace(/Signature=.*$/, ''),
    });
    expect(withoutSignature(viaHeaders)).toEqual(withoutSignature(Object.fromEntries(viaSign.headers)));
  });

  it('treats a header object the same whether it is already in stored form or goes through Headers', async () => {
    const withoutSignature = (headers: Record<string, string>) => ({
      ...headers,
      authorization: headers.authorization!.replace(/Signature=.*$/, ''),
    });
    const stored = await signer.signHeaders({
      method: 'POST',
      url,
      headers: { 'x-amz-pay-idempotency-key': 'k 1', 'user-agent': 'ua/1' },
      body,
    });
    for (const headers of [
      { 'X-Amz-Pay-Idempotency-Key': '  k   1 ', 'User-Agent': 'ua/1' },
      [
        ['x-amz-pay-idempotency-key', 'k 1'],
        ['user-agent', 'ua/1'],
      ] as [string, string][],
      new Headers({ 'x-amz-pay-idempotency-key': 'k 1', 'user-agent': 'ua/1' }),
    ]) {
      const other = await signer.signHeaders({ method: 'POST', url, headers, body });
      expect(withoutSignature(other)).toEqual(withoutSignature(stored));
      expect(Object.keys(other)).toEqual(Object.keys(stored));
    }
    expect(Object.keys(stored)).toEqual([...Object.keys(stored)].sort());
    expect(
      (await verifyRequest({ method: 'POST', url, headers: stored, body }, publicKeyPem, { now })).ok,
    ).toBe(true);
    await expect(
      signer.signHeaders({ method: 'GET', url, headers: { 'x-bad': 'a\r\nb: c' } }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects a body-less tamper and a changed header', async () => {
    const headers = await signer.signHeaders({ method: 'GET', url: new URL(url) });
    expect(headers.authorization).toMatch(/^AMZN-PAY-RSASSA-PSS-V2 /);
    expect((await verifyRequest({ method: 'GET', url, headers }, publicKeyPem, { now })).ok).toBe(true);
    const changed = { ...headers, 'x-amz-pay-region': 'na' };
    expect((await verifyRequest({ method: 'GET', url, headers: changed }, publicKeyPem, { now })).ok).toBe(
      false,
    );
    expect((await verifyRequest({ method: 'GET', url, headers, body: 'x' }, publicKeyPem, { now })).ok).toBe(
      false,
    );
  });

  it('refuses a URL that is not canonical, and bad input, with INVALID_REQUEST', async () => {
    for (const input of [
      { method: 'GET', url: "https://pay-api.amazon.eu/v2/it's" },
      { method: 'GET', url: 'https://pay-api.amazon.eu/v2/x?q=(a)' },
      { method: 'GET', url: '/v2/x' },
      { method: '', url },
      { method: 'POST', url, body: 42 },
    ]) {
      await expect(signer.signHeaders(input as never)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    }
  });
});
