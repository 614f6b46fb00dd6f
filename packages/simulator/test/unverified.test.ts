import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from '@amazon-pay-ts/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBody,
  disputeBody,
  readySession,
  signedFetch,
  startWorld,
  type TestWorld,
  testKeyPair,
} from './helpers.js';

/**
 * The statuses and answers no public source shows are listed twice: in the spec's description (what
 * it declares) and in this package's README (what the simulator answers). Both lists must name the
 * same cases with the same declared status, and every status the README says the simulator answers
 * is checked by a request here.
 */
const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../README.md'), 'utf8');

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !/^-+$/.test(cells[0]!) && cells[0] !== 'case');
}

const specDescription = String(openapiDocument.info.description);
const specSection = specDescription.slice(specDescription.indexOf('## Unverified against Amazon'));
const specRows = tableRows(specSection);
const readmeSection = readme.slice(
  readme.indexOf('<!-- unverified:start -->'),
  readme.indexOf('<!-- unverified:end -->'),
);
const readmeRows = tableRows(readmeSection);

const codesOf = (kase: string) => [...kase.matchAll(/`([A-Z][A-Za-z]+)`/g)].map((m) => m[1]!);
const firstWord = (kase: string) => (kase.match(/`([^`]+)`/)?.[1] ?? kase).trim();

let world: TestWorld;
beforeAll(async () => {
  const { publicKeyPem } = await testKeyPair();
  world = await startWorld({
    maxBodyBytes: 16 * 1024,
    keys: [{ publicKeyId: 'SANDBOX-UNVERIFIEDOTHER', publicKey: publicKeyPem }],
  });
});
afterAll(() => world.sim.close());

const key = () => ({ 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') });

async function completed(paymentIntent: 'Confirm' | 'AuthorizeWithCapture') {
  const id = await readySession(world, { paymentIntent });
  return world.client.completeCheckoutSession(id, {
    chargeAmount: { amount: '100.00', currencyCode: 'USD' },
  });
}

/** A request that makes the simulator answer each case, keyed by the case's first word. */
const probes: Record<string, () => Promise<{ status: number; json: Record<string, unknown> }>> = {
  InvalidRequestSignature: () =>
    signedFetch(world, '/v2/checkoutSessions/unknown', {
      tamper: (request) => {
        const headers = new Headers(request.headers);
        const authorization = headers.get('authorization')!;
        const flipped = authorization.replace(
          /Signature=(.)/,
          (_, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`,
        );
        headers.set('authorization', flipped);
        return new Request(request.url, { method: request.method, headers });
      },
    }),
  UnsupportedOperation: () =>
    signedFetch(world, '/v2/charges/S01-0000000-0000000-C000000', { method: 'PUT', body: {} }),
  RequestTimeout: () => {
    world.sim.faults.next({ status: 408 });
    return signedFetch(world, '/v2/checkoutSessions/unknown');
  },
  ServiceUnavailable: () => {
    world.sim.faults.next({ status: 503 });
    return signedFetch(world, '/v2/checkoutSessions/unknown');
  },
  ResourceNotFound: async () => {
    const session = await world.client.createCheckoutSession(createBody);
    return signedFetch(world, `/v2/checkoutSessions/${session.checkoutSessionId}`, {
      publicKeyId: 'SANDBOX-UNVERIFIEDOTHER',
    });
  },
  TransactionAmountExceeded: async () => {
    const done = await completed('AuthorizeWithCapture');
    return signedFetch(world, '/v2/refunds', {
      headers: key(),
      body: { chargeId: done.chargeId, refundAmount: { amount: '1000.00', currencyCode: 'USD' } },
    });
  },
  InvalidCheckoutSessionStatus: async () => {
    const done = await completed('AuthorizeWithCapture');
    return signedFetch(world, `/v2/charges/${done.chargeId}/cancel`, {
      method: 'DELETE',
      body: { cancellationReason: 'too late' },
    });
  },
  HardDeclined: async () => {
    const done = await completed('Confirm');
    return signedFetch(world, '/v2/charges', {
      headers: { ...key(), 'x-amz-pay-simulation-code': 'HardDeclined' },
      body: {
        chargePermissionId: done.chargePermissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
      },
    });
  },
  InvalidDisputeStatus: async () => {
    const done = await completed('AuthorizeWithCapture');
    const dispute = await signedFetch(world, '/v2/disputes', {
      headers: key(),
      body: disputeBody(done.chargeId!, 'UnderReview'),
    });
    return signedFetch(world, `/v2/disputes/${dispute.json.disputeId}/contest`, {
      headers: key(),
      body: { merchantEvidences: [{ evidenceType: 'TrackingNumber', evidenceText: '1Z999' }] },
    });
  },
  createReportSchedule: async () => {
    const schedule = {
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
      scheduleFrequency: 'P1D',
      nextReportCreationTime: '20300101T000000Z',
    };
    const first = await signedFetch(world, '/v2/report-schedules', { headers: key(), body: schedule });
    expect(first.status).toBe(201);
    const second = await signedFetch(world, '/v2/report-schedules', { headers: key(), body: schedule });
    expect(second.json.reasonCode).toBe('InvalidRequest');
    return second;
  },
  finalizeCheckoutSession: async () => {
    const session = await world.client.createCheckoutSession({
      ...createBody,
      paymentDetails: { chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
    });
    world.sim.approve(session.checkoutSessionId);
    return signedFetch(world, `/v2/checkoutSessions/${session.checkoutSessionId}/finalize`, {
      headers: key(),
      body: { paymentIntent: 'Confirm', chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
    });
  },
  'javascript:': () =>
    signedFetch(world, '/v2/checkoutSessions', {
      headers: key(),
      body: { ...createBody, webCheckoutDetails: { checkoutReviewReturnUrl: 'javascript:alert(1)' } },
    }),
  createDispute: async () => {
    const done = await completed('AuthorizeWithCapture');
    return signedFetch(world, '/v2/disputes', {
      headers: key(),
      body: {
        chargeId: done.chargeId,
        providerMetadata: { providerDisputeId: randomUUID() },
        disputeAmount: { amount: '1.00', currencyCode: 'USD' },
        filingReason: 'ProductNotReceived',
        creationTimestamp: 1739779200,
        statusDetails: { state: 'ActionRequired' },
        merchantResponseDeadline: 1740384000,
      },
    });
  },
  'x-amz-pay-authtoken': async () => {
    const issued = await signedFetch(
      world,
      '/v2/authorizationTokens/amzn.mws.unverified?merchantId=A1DELEGATING',
    );
    const session = await world.client.createCheckoutSession(createBody);
    return signedFetch(world, `/v2/checkoutSessions/${session.checkoutSessionId}`, {
      tamper: async (request) => {
        const headers = new Headers(request.headers);
        headers.set('x-amz-pay-authtoken', String(issued.json.authorizationToken));
        return new Request(request.url, { method: request.method, headers });
      },
    });
  },
  DuplicateIdempotencyKey: async () => {
    const reused = { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') };
    const created = await signedFetch(world, '/v2/checkoutSessions', { headers: reused, body: createBody });
    expect(created.status).toBe(201);
    const done = await completed('Confirm');
    return signedFetch(world, '/v2/charges', {
      headers: reused,
      body: {
        chargePermissionId: done.chargePermissionId,
        chargeAmount: { amount: '1.00', currencyCode: 'USD' },
      },
    });
  },
  'x-amz-pay-idempotency-key': () =>
    signedFetch(world, '/v2/reports', {
      body: {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: '20260101T000000Z',
        endTime: '20260102T000000Z',
      },
    }),
  getReports: async () => {
    for (let i = 0; i < 2; i++) {
      await world.client.createReport({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: '20260101T000000Z',
        endTime: '20260102T000000Z',
      });
    }
    const first = await signedFetch(world, '/v2/reports?pageSize=1');
    const token = encodeURIComponent(String(first.json.nextToken));
    return signedFetch(world, `/v2/reports?nextToken=${token}&pageSize=1`);
  },
  getDisbursements: async () => {
    await completed('AuthorizeWithCapture');
    world.sim.clock.advance(86_400_000);
    await completed('AuthorizeWithCapture');
    const range = 'startTime=20200101T000000Z&endTime=20991231T000000Z&pageSize=1';
    const first = await signedFetch(world, `/v2/disbursements?${range}`);
    const token = encodeURIComponent(String(first.json.nextToken));
    return signedFetch(world, `/v2/disbursements?${range}&nextToken=${token}`);
  },
  'request body size': () =>
    signedFetch(world, '/v2/checkoutSessions', {
      headers: key(),
      body: { ...createBody, merchantMetadata: { customInformation: 'x'.repeat(20_000) } },
    }),
};

describe('unverified statuses, listed in the spec and in the README', () => {
  it('name the same cases with the same declared status', () => {
    expect(specRows.length).toBeGreaterThan(5);
    expect(readmeRows.map((row) => [row[0], row[1]])).toEqual(specRows.map((row) => [row[0], row[1]]));
  });

  it("are in the declared status's shared response description", () => {
    const responseOf: Record<string, string> = {
      '400': 'BadRequest',
      '401': 'Unauthorized',
      '403': 'Forbidden',
      '404': 'NotFound',
      '408': 'RequestTimeout',
      '422': 'UnprocessableEntity',
      '503': 'ServiceUnavailable',
      default: 'OtherError',
    };
    const responses = openapiDocument.components?.responses as Record<string, { description: string }>;
    for (const [kase, declared] of specRows as [string, string][]) {
      // Rows about what a request may leave out declare no error status.
      if (!/^(\d{3}|default)$/.test(declared)) continue;
      const description = responses[responseOf[declared]!]!.description;
      // Per-operation codes under `default` are named in their operations' descriptions instead.
      const codes = declared === 'default' && kase !== '`TLSVersionNotSupported`' ? [] : codesOf(kase);
      for (const code of codes) expect(description, `${code} under ${declared}`).toContain(code);
    }
  });

  it.each(readmeRows.filter((row) => /^\d{3}$/.test(row[2]!)).map((row) => [row[0]!, row[2]!] as const))(
    'the simulator answers %s with %s',
    async (kase, status) => {
      const probe = probes[firstWord(kase)];
      expect(probe, `no request here makes the simulator answer ${kase}`).toBeDefined();
      const answer = await probe!();
      expect(answer.status, JSON.stringify(answer.json)).toBe(Number(status));
      const codes = codesOf(kase);
      if (codes.length > 0) expect(codes).toContain(answer.json.reasonCode);
    },
  );
});
