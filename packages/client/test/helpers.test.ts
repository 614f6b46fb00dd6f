import { readFileSync } from 'node:fs';
import { encodedQueryPairs } from '@amazon-pay-ts/signer';
import { describe, expect, it } from 'vitest';
import { decodeShippingAddressList } from '../src/decode.js';
import {
  AmazonPayApiError,
  AmazonPayAuthenticationError,
  AmazonPayConflictError,
  AmazonPayError,
  AmazonPayInvalidRequestError,
  AmazonPayNotFoundError,
  AmazonPayRateLimitError,
  AmazonPayRequestValidationError,
  AmazonPayServiceError,
  apiErrorFromResponse,
} from '../src/errors.js';
import { IDEMPOTENCY_HEADER, idempotencyMiddleware, newIdempotencyKey } from '../src/idempotency.js';
import { checkId } from '../src/ids.js';
import { serializePath } from '../src/path.js';
import {
  formatAmazonTimestamp,
  normalizeQuery,
  type QueryValue,
  serializeWireQuery,
  toWireQuery,
} from '../src/query.js';
import { userAgent } from '../src/user-agent.js';
import { VERSION } from '../src/version.js';

describe('serializeWireQuery', () => {
  it('writes each pair RFC 3986-encoded in the given order: the signer signs it without a rewrite', () => {
    const cases: Record<string, string>[] = [
      {},
      { reportTypes: '_GET_A_,_GET_B_', createdSince: '20240101T000000Z' },
      { pageSize: '10', nextToken: "a+b/c= d&e?f#g%h!'()*" },
      { name: 'ünïcode ✓' },
    ];
    for (const query of cases) {
      const search = serializeWireQuery(query);
      const canonicalInOrder = encodedQueryPairs(search).map(([name, value]) => `${name}=${value}`);
      expect(canonicalInOrder.join('&')).toBe(search);
      expect(Object.fromEntries(new URLSearchParams(search))).toEqual(query);
    }
    expect(serializeWireQuery({ reportTypes: 'A,B' })).toBe('reportTypes=A%2CB');
    expect(serializeWireQuery({ skipped: undefined, alsoSkipped: null })).toBe('');
  });
});

describe('ids', () => {
  it.each([
    'P01-1234567-1234567',
    'S01-0000000-0000000-C000001',
    'a b?c#d%2F',
    '..x',
    'amzn1.tortuga.0.00',
    'a/b+c=',
    '../x',
  ])('accepts %s (it will be percent-encoded)', (id) => {
    expect(checkId('chargeId', id)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['.', 'is not an id'],
    ['..', 'is not an id'],
    ['a\nb', 'control characters'],
    [undefined, 'expected a string id, got undefined'],
    [42, 'expected a string id, got number'],
    [null, 'got null'],
  ])('rejects %o', (id, message) => {
    const issue = checkId('chargeId', id);
    expect(issue?.path).toBe('chargeId');
    expect(issue?.message).toContain(message);
  });
});

describe('serializePath', () => {
  it('percent-encodes each id into exactly one segment (RFC 3986)', () => {
    expect(serializePath('/v2/buyers/{buyerToken}', { buyerToken: 'a/b+c=' })).toBe(
      '/v2/buyers/a%2Fb%2Bc%3D',
    );
    expect(serializePath('/v2/charges/{chargeId}', { chargeId: "../x y!'()*" })).toBe(
      '/v2/charges/..%2Fx%20y%21%27%28%29%2A',
    );
    expect(serializePath('/v2/a/{x}/b/{y}', { x: '%2F', y: 'é' })).toBe('/v2/a/%252F/b/%C3%A9');
    expect(serializePath('/v2/charges/{chargeId}', {})).toBe('/v2/charges/{chargeId}');
  });

  it.each(['', '.', '..'])('refuses %o, which would not be a member of the collection', (id) => {
    expect(() => serializePath('/v2/charges/{chargeId}', { chargeId: id })).toThrow(
      AmazonPayRequestValidationError,
    );
  });
});

/** `normalizeQuery` then `toWireQuery`, as the pipeline prepares a query. */
function serializeQuery(query: Record<string, QueryValue>) {
  const { values, issues } = normalizeQuery(query);
  return { query: toWireQuery(values), issues };
}

describe('query helpers', () => {
  it('formats Dates the way Amazon writes timestamps', () => {
    expect(formatAmazonTimestamp(new Date('2022-11-18T15:06:30.123Z'))).toBe('20221118T150630Z');
    expect(() => formatAmazonTimestamp(new Date('nope'))).toThrow(RangeError);
  });

  it('joins lists with commas, formats Dates and numbers, drops empty values', () => {
    expect(
      serializeQuery({
        reportTypes: [
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
        ],
        processingStatuses: 'COMPLETED',
        createdSince: new Date('2023-01-02T03:04:05Z'),
        createdUntil: '20230201T000000Z',
        pageSize: 5,
        nextToken: undefined,
        empty: [],
        nothing: null,
      }),
    ).toEqual({
      query: {
        reportTypes:
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
        processingStatuses: 'COMPLETED',
        createdSince: '20230102T030405Z',
        createdUntil: '20230201T000000Z',
        pageSize: '5',
      },
      issues: [],
    });
  });

  it('reports bad values instead of sending them', () => {
    const { issues } = serializeQuery({
      createdSince: new Date('x'),
      pageSize: Number.NaN,
      reportTypes: [{}] as unknown as string[],
      other: {} as unknown as string,
    });
    expect(issues.map((i) => i.path)).toEqual(['createdSince', 'pageSize', 'reportTypes', 'other']);
  });
});

describe('shippingAddressList decoding', () => {
  it('turns JSON strings into objects and leaves objects alone', () => {
    const body = {
      shippingAddressList: [
        JSON.stringify({ addressId: 'a1', name: 'Susie', amount: '14.00' }),
        { addressId: 'a2' },
      ],
    };
    expect(decodeShippingAddressList(body)).toEqual([]);
    expect(body.shippingAddressList).toEqual([
      { addressId: 'a1', name: 'Susie', amount: '14.00' },
      { addressId: 'a2' },
    ]);
  });

  it('reports entries that are not JSON', () => {
    const body = { shippingAddressList: ['{oops'] };
    expect(decodeShippingAddressList(body)).toEqual([
      { path: 'shippingAddressList.0', message: 'is a string that is not JSON' },
    ]);
  });

  it('ignores bodies without a list', () => {
    expect(decodeShippingAddressList({ shippingAddressList: null })).toEqual([]);
    expect(decodeShippingAddressList(undefined)).toEqual([]);
  });
});

describe('idempotency', () => {
  it('makes 32-character keys without dashes', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });

  it('adds a key to POSTs only, keeping a caller key', () => {
    const middleware = idempotencyMiddleware({ generate: () => 'generated' });
    const post = new Request('http://x/v2/charges', { method: 'POST', body: '{}' });
    middleware.onRequest({ request: post });
    expect(post.headers.get(IDEMPOTENCY_HEADER)).toBe('generated');
    const own = new Request('http://x/v2/charges', {
      method: 'POST',
      headers: { [IDEMPOTENCY_HEADER]: 'mine' },
    });
    middleware.onRequest({ request: own });
    expect(own.headers.get(IDEMPOTENCY_HEADER)).toBe('mine');
    const get = new Request('http://x/v2/charges/1');
    middleware.onRequest({ request: get });
    expect(get.headers.has(IDEMPOTENCY_HEADER)).toBe(false);
  });
});

describe('user-agent', () => {
  it('names the package, runtime and platform, then the suffix', () => {
    expect(userAgent()).toBe(`amazon-pay-ts/${VERSION} (node/${process.versions.node}; ${process.platform})`);
    expect(userAgent('my-shop/1.2')).toMatch(/\) my-shop\/1\.2$/);
  });

  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});

describe('API errors', () => {
  const info = (status: number, rawBody: string) => ({
    operationId: 'getCharge',
    status,
    headers: new Headers(),
    requestId: 'req-1',
    rawBody,
    retries: 0,
    durationMs: 1,
  });

  it.each([
    [400, AmazonPayInvalidRequestError],
    [401, AmazonPayAuthenticationError],
    [403, AmazonPayAuthenticationError],
    [404, AmazonPayNotFoundError],
    [409, AmazonPayConflictError],
    [429, AmazonPayRateLimitError],
    [500, AmazonPayServiceError],
    [503, AmazonPayServiceError],
    [418, AmazonPayApiError],
  ])('%i → %s', (status, ErrorClass) => {
    const error = apiErrorFromResponse(info(status, '{"reasonCode":"X","message":"m"}'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(AmazonPayApiError);
    expect(error).toBeInstanceOf(AmazonPayError);
    expect(error.reasonCode).toBe('X');
    expect(error.message).toBe(`getCharge: HTTP ${status} X: m`);
  });

  it('keeps a non-JSON body', () => {
    const error = apiErrorFromResponse(info(502, '<html>bad gateway</html>'));
    expect(error.reasonCode).toBeUndefined();
    expect(error.rawBody).toBe('<html>bad gateway</html>');
    expect(error.message).toContain('bad gateway');
  });
});
