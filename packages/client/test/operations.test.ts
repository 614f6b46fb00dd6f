import { verifyRequest } from '@amazon-pay-ts/signer';
import { operationSchemas } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_ROUTES, VERSION } from '../src/fetch.js';
import {
  AmazonPayClient,
  AmazonPayRequestValidationError,
  type ClientOperationId,
  InStoreClient,
  WebStoreClient,
} from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { testClient, testKeys } from './support/client.js';
import { headerRecord, type RecordedRequest, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let client: AmazonPayClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await testClient(server.url, { validateResponses: 'off' });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const operationIds = Object.keys(OPERATION_ROUTES) as ClientOperationId[];

/** Ids shaped like Amazon's (unreserved characters only); encoding is tested on its own below. */
const idFor = (name: string) => `${name}-S01.0000_0001~x`;

const queryInputs: Partial<Record<ClientOperationId, { input: unknown[]; wire: Record<string, string> }>> = {
  getReports: {
    input: [
      {
        reportTypes: [
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
          '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
        ],
        processingStatuses: 'COMPLETED',
        createdSince: new Date('2026-11-01T10:20:30.456Z'),
        createdUntil: '20261115T000000Z',
        pageSize: 5,
      },
    ],
    wire: {
      reportTypes:
        '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
      processingStatuses: 'COMPLETED',
      createdSince: '20261101T102030Z',
      createdUntil: '20261115T000000Z',
      pageSize: '5',
    },
  },
  getReportSchedules: {
    input: [{ reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_' }],
    wire: { reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_' },
  },
  getDisbursements: {
    input: [
      {
        startTime: new Date('2026-10-01T00:00:00Z'),
        endTime: new Date('2026-10-31T23:59:59Z'),
        pageSize: 30,
      },
    ],
    wire: { startTime: '20261001T000000Z', endTime: '20261031T235959Z', pageSize: '30' },
  },
  getAuthorizationToken: {
    input: ['A2ABCDEFGHIJKL'],
    wire: { merchantId: 'A2ABCDEFGHIJKL' },
  },
};

function argsFor(operationId: ClientOperationId): unknown[] {
  const route = OPERATION_ROUTES[operationId];
  const args: unknown[] = route.pathParams.map(idFor);
  if (route.input === 'body') args.push(validBodies[operationId as keyof typeof validBodies]);
  if (route.input === 'query') args.push(...(queryInputs[operationId]?.input ?? []));
  return args;
}

async function verifies(request: RecordedRequest) {
  const { publicKeyPem } = await testKeys();
  return verifyRequest(
    { method: request.method, url: request.url, headers: headerRecord(request.headers), body: request.body },
    publicKeyPem,
  );
}

describe('the operation table', () => {
  it('lists exactly the spec operations, with the spec method and path', () => {
    expect(Object.keys(OPERATION_ROUTES).sort()).toEqual(Object.keys(operationSchemas).sort());
    for (const id of operationIds) {
      const spec = operationSchemas[id];
      expect({ method: OPERATION_ROUTES[id].method, path: OPERATION_ROUTES[id].path }).toEqual({
        method: spec.method,
        path: spec.path,
      });
      expect(OPERATION_ROUTES[id].input === 'body').toBe(spec.body !== undefined);
    }
  });

  it('gives every client its operations, as the .NET SDK splits them', () => {
    const methodsOf = (cls: { prototype: object }) => {
      const names = new Set<string>();
      for (
        let proto = cls.prototype;
        proto && proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto)
      ) {
        for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
      }
      return names;
    };
    const all = methodsOf(AmazonPayClient);
    const web = methodsOf(WebStoreClient);
    const inStore = methodsOf(InStoreClient);
    for (const id of operationIds) {
      expect(all.has(id), id).toBe(true);
      const channel = OPERATION_ROUTES[id].channel;
      expect(web.has(id), `WebStoreClient.${id}`).toBe(channel !== 'inStore');
      expect(inStore.has(id), `InStoreClient.${id}`).toBe(channel !== 'webStore');
    }
    for (const shared of [
      'generateButtonSignature',
      'sendDeliveryTrackingInformation',
      'getAuthorizationToken',
    ]) {
      expect(web.has(shared) && inStore.has(shared) && all.has(shared)).toBe(true);
    }
    expect(['merchantScan', 'charge', 'refund'].every((alias) => inStore.has(alias))).toBe(true);
  });
});

describe.each(operationIds)('%s on the wire', (operationId) => {
  it('sends the right method, path, query, body and headers, signed verifiably', async () => {
    const route = OPERATION_ROUTES[operationId];
    const args = argsFor(operationId);
    const call = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[operationId];
    await call?.apply(client, args);

    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe(route.method);
    const expectedPath =
      '/sandbox' + route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(idFor(name)));
    expect(request.path).toBe(expectedPath);
    expect(Object.fromEntries(request.query)).toEqual(queryInputs[operationId]?.wire ?? {});

    if (route.input === 'body') {
      expect(JSON.parse(request.body)).toEqual(validBodies[operationId as keyof typeof validBodies]);
      expect(request.headers['content-type']).toBe('application/json');
    } else {
      expect(request.body).toBe('');
    }
    if (route.method === 'POST')
      expect(request.headers['x-amz-pay-idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    else expect(request.headers['x-amz-pay-idempotency-key']).toBeUndefined();
    expect(request.headers['user-agent']).toMatch(new RegExp(`^amazon-pay-ts/${VERSION} \\(node/`));
    expect(request.headers['x-amz-pay-region']).toBe('na');
    expect(request.headers.authorization).toMatch(
      /^AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=AGPTYXGL5VH6PSYLJUSHTKW6, /,
    );

    const verdict = await verifies(request);
    expect(verdict).toMatchObject({ ok: true });
  });
});

describe('per-call options on the wire', () => {
  it('sends the caller idempotency key, auth token, simulation code and extra headers, all signed', async () => {
    await client.createCharge(validBodies.createCharge, {
      idempotencyKey: 'my-key-0001',
      authToken: 'Atza|delegated',
      simulationCode: 'HardDeclined',
      headers: { 'x-custom': 'yes' },
    });
    const request = server.requests[0]!;
    expect(request.headers['x-amz-pay-idempotency-key']).toBe('my-key-0001');
    expect(request.headers['x-amz-pay-authtoken']).toBe('Atza|delegated');
    expect(request.headers['x-amz-pay-simulation-code']).toBe('HardDeclined');
    const signed = /SignedHeaders=([^,]+)/.exec(request.headers.authorization ?? '')?.[1]?.split(';');
    expect(signed).toEqual(
      expect.arrayContaining([
        'x-amz-pay-idempotency-key',
        'x-amz-pay-authtoken',
        'x-amz-pay-simulation-code',
        'x-custom',
      ]),
    );
    expect(await verifies(request)).toMatchObject({ ok: true });
  });

  it('hands the fetch option a URL string, a plain header object and the JSON text (no Request built)', async () => {
    const seen: { input: unknown; init: RequestInit | undefined }[] = [];
    const recording = await testClient(server.url, {
      validateResponses: 'off',
      fetch: (input: string, init?: RequestInit) => {
        seen.push({ input, init });
        return fetch(input, init);
      },
    });
    await recording.createCharge(validBodies.createCharge, { headers: { 'X-Custom': ' yes ' } });
    const { input, init } = seen[0]!;
    expect(typeof input).toBe('string');
    expect(init?.body).toBe(JSON.stringify(validBodies.createCharge));
    expect(init?.redirect).toBe('manual');
    expect(Object.getPrototypeOf(init?.headers)).toBe(Object.prototype);
    const headers = init?.headers as Record<string, string>;
    expect(headers['x-custom']).toBe('yes');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-amz-pay-idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(await verifies(server.requests[0]!)).toMatchObject({ ok: true });
  });

  it('refuses header names and values fetch would reject, before any network call', async () => {
    const refused: Record<string, string>[] = [{ 'x-bad': 'a\r\nx-injected: 1' }, { 'bad name': 'x' }];
    for (const headers of refused) {
      const error = await client.getCharge('S01-1', { headers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('generates a different key for each logical POST', async () => {
    await client.createCharge(validBodies.createCharge);
    await client.createCharge(validBodies.createCharge);
    const [first, second] = server.requests.map((r) => r.headers['x-amz-pay-idempotency-key']);
    expect(first).not.toBe(second);
  });

  it('percent-encodes ids, so reserved characters stay inside their path segment', async () => {
    await client.getCharge('a b+c?d#e');
    const request = server.requests[0]!;
    expect(request.path).toBe('/sandbox/v2/charges/a%20b%2Bc%3Fd%23e');
    expect(Object.fromEntries(request.query)).toEqual({});
    expect(await verifies(request)).toMatchObject({ ok: true });
  });

  it('uses the unified endpoint for LIVE-/SANDBOX- key ids', async () => {
    const unified = await testClient(server.url, {
      environment: undefined,
      publicKeyId: 'SANDBOX-AGPTYXGL5VH6PS',
      validateResponses: 'off',
    });
    await unified.getCharge('S01-1');
    expect(server.requests[0]?.path).toBe('/v2/charges/S01-1');
  });

  it('selects the region header from the region', async () => {
    const jp = await testClient(server.url, { region: 'jp', validateResponses: 'off' });
    await jp.getRefund('R1');
    expect(server.requests[0]?.headers['x-amz-pay-region']).toBe('jp');
  });

  it('the raw openapi-fetch client goes through the same signing stack', async () => {
    const { data, response } = await client.api.GET('/v2/charges/{chargeId}', {
      params: { path: { chargeId: 'S01-1' } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({});
    expect(server.requests[0]?.path).toBe('/sandbox/v2/charges/S01-1');
    expect(await verifies(server.requests[0]!)).toMatchObject({ ok: true });
  });
});
