/**
 * `validationMiddleware` (`@amazon-pay-ts/client/fetch`): the client's request and response rules on
 * an openapi-fetch client of one's own — the same refusals as the client's doors, before the fetch.
 */
import { BufferedRequest } from '@amazon-pay-ts/signer';
import type { paths } from '@amazon-pay-ts/types';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { AmazonPayRequestValidationError } from '../src/errors.js';
import { validationMiddleware } from '../src/validation-middleware.js';
import { validBodies } from './support/bodies.js';
import { chargePayload } from './support/payloads.js';

/** An openapi-fetch client over a fetch that answers `body` and counts what was sent. */
function ownClient(options: Parameters<typeof validationMiddleware>[0] = {}, body: unknown = chargePayload) {
  const sent: Request[] = [];
  const api = createClient<paths>({
    baseUrl: 'https://pay-api.amazon.com/sandbox',
    fetch: async (request: Request) => {
      sent.push(request);
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    },
  });
  api.use(validationMiddleware(options));
  return { api, sent };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection, the call resolved'),
    (reason: unknown) => reason,
  );
}

describe('validationMiddleware', () => {
  it('sends a request that passes the rules', async () => {
    const { api, sent } = ownClient();
    const { data } = await api.POST('/v2/charges', {
      params: { header: { 'x-amz-pay-idempotency-key': 'mw-key-1' } },
      body: validBodies.createCharge,
    });
    expect(sent).toHaveLength(1);
    expect(data).toMatchObject({ chargeId: chargePayload.chargeId });
  });

  it('refuses a simulation code the operation does not declare, before the fetch', async () => {
    const { api, sent } = ownClient();
    const error = await rejection(
      api.POST('/v2/charges', {
        params: {
          header: {
            'x-amz-pay-idempotency-key': 'mw-key-2',
            'x-amz-pay-simulation-code': 'NoSuchCode' as never,
          },
        },
        body: validBodies.createCharge,
      }),
    );
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    expect((error as AmazonPayRequestValidationError).issues[0]?.path).toBe(
      'headers.x-amz-pay-simulation-code',
    );
    expect(sent).toHaveLength(0);
  });

  it('checks a BufferedRequest’s kept body, and the request still sends the same bytes', async () => {
    const sent: Request[] = [];
    const api = createClient<paths>({
      baseUrl: 'https://pay-api.amazon.com/sandbox',
      Request: BufferedRequest,
      fetch: async (request: Request) => {
        sent.push(request);
        return new Response(JSON.stringify(chargePayload), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    api.use(validationMiddleware());
    const refused = await rejection(
      api.POST('/v2/charges', {
        params: { header: { 'x-amz-pay-idempotency-key': 'mw-key-3' } },
        body: { ...validBodies.createCharge, chargeAmount: { amount: '1.005', currencyCode: 'USD' } },
      }),
    );
    expect(refused).toBeInstanceOf(AmazonPayRequestValidationError);
    expect(sent).toHaveLength(0);
    await api.POST('/v2/charges', {
      params: { header: { 'x-amz-pay-idempotency-key': 'mw-key-4' } },
      body: validBodies.createCharge,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bodyUsed).toBe(false);
    expect(JSON.parse(await sent[0]!.text())).toEqual(validBodies.createCharge);
  });

  it('refuses an idempotency key Amazon would refuse, before the fetch', async () => {
    const { api, sent } = ownClient();
    const error = await rejection(
      api.POST('/v2/charges', {
        params: { header: { 'x-amz-pay-idempotency-key': 'k'.repeat(33) } },
        body: validBodies.createCharge,
      }),
    );
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    expect((error as AmazonPayRequestValidationError).issues[0]?.path).toBe(
      'headers.x-amz-pay-idempotency-key',
    );
    expect(sent).toHaveLength(0);
  });

  it('a logger that throws does not turn a warned answer into a failure', async () => {
    const logger = {
      warn: () => {
        throw new Error('logger down');
      },
    };
    const { api } = ownClient({ logger }, { ...chargePayload, chargeAmount: 'not a price' });
    const { data } = await api.GET('/v2/charges/{chargeId}', {
      params: { path: { chargeId: chargePayload.chargeId } },
    });
    expect(data).toMatchObject({ chargeId: chargePayload.chargeId });
  });
});
