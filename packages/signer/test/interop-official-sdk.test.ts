import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';

// Amazon's official Node SDK is a devDependency used only here and in the bench.
const require = createRequire(import.meta.url);
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs') as {
  WebStoreClient: new (
    config: Record<string, unknown>,
  ) => {
    getSignedHeaders(options: Record<string, unknown>): Record<string, string>;
  };
};

const { privateKeyPem, publicKeyPem } = sharedKeys();

interface Case {
  name: string;
  algorithm: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';
  publicKeyId: string;
  method: string;
  path: string;
  queryParams?: Record<string, string>;
  payload?: string;
  headers?: Record<string, string>;
  /** Which reading of the request matches what the SDK signed. */
  form: 'canonical' | 'as-sent';
}

const cases: Case[] = [
  {
    name: 'POST with a body and an idempotency key, V2',
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    publicKeyId: 'SANDBOX-AHSAMPLEKEY',
    method: 'POST',
    path: 'checkoutSessions',
    payload: JSON.stringify({ storeId: 'amzn1.application-oa2-client.x', chargePermissionType: 'OneTime' }),
    headers: { 'x-amz-pay-idempotency-key': 'idem-abc' },
    form: 'canonical',
  },
  {
    name: 'GET, old algorithm, environment from the sandbox flag',
    algorithm: 'AMZN-PAY-RSASSA-PSS',
    publicKeyId: 'AHSAMPLEKEY',
    method: 'GET',
    path: 'charges/S01-0000000-0000000-C000001',
    form: 'canonical',
  },
  {
    name: 'GET with query parameters the SDK encodes its own way',
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    publicKeyId: 'LIVE-AHSAMPLEKEY',
    method: 'GET',
    path: 'reports',
    queryParams: { reportTypes: "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_,x(y)!'*", pageSize: '10' },
    headers: { 'X-Amz-Pay-AuthToken': 'token-1' },
    // encodeURIComponent leaves ()!'* alone and the header keeps its case in SignedHeaders.
    form: 'as-sent',
  },
];

/** The request the SDK would send: its URL, body and the headers getSignedHeaders returned. */
function officialRequest(c: Case) {
  const client = new WebStoreClient({
    publicKeyId: c.publicKeyId,
    privateKey: privateKeyPem,
    region: 'us',
    sandbox: true,
    algorithm: c.algorithm,
  });
  const headers = client.getSignedHeaders({
    method: c.method,
    urlFragment: c.path,
    payload: c.payload,
    queryParams: c.queryParams,
    headers: c.headers,
  });
  const environment = /^(live|sandbox)/i.test(c.publicKeyId) ? '' : '/sandbox';
  const query = c.queryParams
    ? `?${Object.keys(c.queryParams)
        .sort()
        .map((key) => `${key}=${encodeURIComponent(c.queryParams![key]!)}`)
        .join('&')}`
    : '';
  return {
    method: c.method,
    url: `https://pay-api.amazon.com${environment}/v2/${c.path}${query}`,
    headers,
    body: c.payload ?? '',
  };
}

describe("requests signed by Amazon's official Node SDK 2.3.4", () => {
  it.each(cases)('verifyRequest accepts: $name', async (c) => {
    const request = officialRequest(c);
    expect(request.headers['x-amz-pay-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(request.headers.authorization).toContain('user-agent');
    expect(await verifyRequest(request, publicKeyPem)).toMatchObject({
      ok: true,
      algorithm: c.algorithm,
      form: c.form,
    });
  });

  it.each(cases)('verifyRequest rejects any single change: $name', async (c) => {
    const request = officialRequest(c);
    const reject = async (changed: Omit<typeof request, 'body'> & { body: string | Uint8Array }) => {
      const result = await verifyRequest(changed, publicKeyPem);
      expect(result.ok).toBe(false);
      return result;
    };
    const bytes = new TextEncoder().encode(request.body.length > 0 ? request.body : ' ');
    if (request.body.length > 0) bytes[5]! ^= 1;
    await reject({ ...request, body: bytes });
    for (const name of Object.keys(request.headers).filter((key) => key.toLowerCase() !== 'authorization')) {
      const value = request.headers[name]!;
      await reject({ ...request, headers: { ...request.headers, [name]: `${value}x` } });
    }
    const later = new Date(Date.parse(request.headers['x-amz-pay-date']!) + 1000)
      .toISOString()
      .replace('.000', '');
    await reject({ ...request, headers: { ...request.headers, 'x-amz-pay-date': later } });
    const other = c.algorithm === 'AMZN-PAY-RSASSA-PSS' ? 'AMZN-PAY-RSASSA-PSS-V2' : 'AMZN-PAY-RSASSA-PSS';
    const renamed = request.headers.authorization!.replace(`${c.algorithm} `, `${other} `);
    expect(
      await reject({ ...request, headers: { ...request.headers, authorization: renamed } }),
    ).toMatchObject({
      reason: 'bad-signature',
    });
    await reject({ ...request, method: c.method === 'GET' ? 'DELETE' : 'PUT' });
    await reject({ ...request, url: request.url.replace('/v2/', '/v2/x') });
  });
});
