import { request as httpRequest } from 'node:http';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../src/index.js';
import { createBody, signedFetch, startWorld, type TestWorld } from './helpers.js';

/**
 * Hostile and malformed input at every route: the simulator answers 4xx with a small body, never
 * a 500, and never holds a body it will not use.
 */
let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const operations = Object.values(operationSchemas as unknown as Record<string, OperationSchema>);
const pathOf = (op: OperationSchema, id = 'S01-0000000-0000000') =>
  op.path.replace(/\{\w+\}/g, encodeURIComponent(id));
const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const pages = ['/checkout/signin', '/checkout/processing', '/checkout/button', '/documents/x', '/'];

/** Sends headers and the first kilobyte of a body declared as `declared` bytes; resolves on the answer. */
function partialUpload(path: string, declared: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(path, world.sim.url);
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-length': String(declared), 'content-type': 'application/json', ...headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(Buffer.alloc(1024, 0x20));
  });
}

function expectCalm(result: { status: number; text?: string; body?: string }, what: string) {
  const text = result.text ?? result.body ?? '';
  expect(result.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text.length, what).toBeLessThan(16_000);
}

describe('hostile input', () => {
  it('answers an unsigned 200 MB upload from its headers, without waiting for the body', async () => {
    for (const op of operations) {
      const result = await partialUpload(pathOf(op), 200 * 1024 * 1024);
      expectCalm(result, `${op.operationId} unsigned`);
      expect(JSON.parse(result.body).reasonCode).toBe('MissingHeader');
    }
  });

  it('answers a signed body over the limit 413 RequestEntityTooLarge, creating nothing', async () => {
    const before = Object.keys(world.sim.state.checkoutSessions).length;
    const big = {
      ...createBody,
      merchantMetadata: { customInformation: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) },
    };
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: big,
      headers: { 'x-amz-pay-idempotency-key': 'too-big-1' },
    });
    expect(result.status).toBe(413);
    expect(result.json.reasonCode).toBe('RequestEntityTooLarge');
    expect(Object.keys(world.sim.state.checkoutSessions)).toHaveLength(before);
  });

  it('answers signed hostile bodies, ids and query strings at every operation without a 500', async () => {
    const field = 'y'.repeat(500_000);
    for (const op of operations) {
      const headers = { 'x-amz-pay-idempotency-key': `hostile${op.operationId.slice(0, 20)}` };
      const attempts: [string, Promise<{ status: number; text: string }>][] = [
        ['long id', signedFetch(world, pathOf(op, 'Z'.repeat(4000)), { method: op.method })],
        ['odd id', signedFetch(world, pathOf(op, '%00\u202e<x>"'), { method: op.method })],
        ['repeated query', signedFetch(world, `${pathOf(op)}?a=1&a=2`, { method: op.method })],
      ];
      if (op.method !== 'GET') {
        for (const [what, body] of [
          ['deep JSON', deep],
          ['not JSON', '{"a":'],
          ['array', '[1,2,3]'],
          ['number', '42'],
          ['null', 'null'],
          ['huge field', JSON.stringify({ chargeId: field, chargePermissionId: field, storeId: field })],
          ['wrong types', JSON.stringify({ chargeAmount: { amount: [], currencyCode: {} }, chargeId: 5 })],
        ] as const) {
          attempts.push([what, signedFetch(world, pathOf(op), { method: op.method, body, headers })]);
        }
      }
      for (const [what, attempt] of attempts) expectCalm(await attempt, `${op.operationId} ${what}`);
    }
  });

  it('refuses a repeated query parameter everywhere, by one rule', async () => {
    const api = await signedFetch(world, '/v2/reports?reportTypes=A&reportTypes=B');
    expect(api.status).toBe(400);
    expect(api.json.reasonCode).toBe('InvalidParameterValue');
    const session = await world.client.createCheckoutSession(createBody);
    const page = await fetch(
      `${world.sim.url}/checkout/signin?amazonCheckoutSessionId=${session.checkoutSessionId}&amazonCheckoutSessionId=other`,
    );
    expect(page.status).toBe(400);
  });

  it('answers hostile requests to the non-API pages with 4xx', async () => {
    for (const path of pages) {
      for (const body of [deep, 'x'.repeat(10_000), '%%%&&&==', '{"payloadJSON":']) {
        const response = await fetch(`${world.sim.url}${path}?amazonCheckoutSessionId=%ZZ`, {
          method: 'POST',
          body,
        });
        const text = await response.text();
        expect(response.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
      }
      const oversized = await partialUpload(path, 200 * 1024 * 1024);
      expect(oversized.status, path).toBeLessThan(500);
    }
  });
});
