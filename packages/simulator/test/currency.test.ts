import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENCY_DECIMALS } from '../src/money.js';
import { createBody, readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const send = (path: string, body: unknown, method = 'POST') =>
  signedFetch(world, path, {
    method,
    body,
    headers: { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') },
  });

async function completed(
  currencyCode: string,
  amount: string,
  paymentIntent: 'Confirm' | 'AuthorizeWithCapture' | 'Authorize',
) {
  const id = await readySession(world, { currencyCode, amount, paymentIntent });
  return world.client.completeCheckoutSession(id, {
    chargeAmount: { amount, currencyCode: currencyCode as 'USD' },
  });
}

describe('currency rules', () => {
  it('answers CurrencyMismatch for a GBP recurring amount on a USD charge permission, and changes nothing', async () => {
    const { chargePermissionId } = await completed('USD', '100.00', 'Confirm');
    const before = world.sim.state.chargePermissions[chargePermissionId!];
    const result = await send(
      `/v2/chargePermissions/${chargePermissionId}`,
      { recurringMetadata: { amount: { amount: '23.45', currencyCode: 'GBP' } } },
      'PATCH',
    );
    expect(result.status).toBe(400);
    expect(result.json.reasonCode).toBe('CurrencyMismatch');
    expect(world.sim.state.chargePermissions[chargePermissionId!]).toEqual(before);
  });

  it('stores a numeric recurring amount as Amazon answers it (a string), readable afterwards', async () => {
    const { chargePermissionId } = await completed('USD', '100.00', 'Confirm');
    const update = await send(
      `/v2/chargePermissions/${chargePermissionId}`,
      { recurringMetadata: { amount: { amount: 23.5, currencyCode: 'USD' } } },
      'PATCH',
    );
    expect(update.status).toBe(200);
    const read = await world.client.getChargePermission(chargePermissionId!);
    expect(read.recurringMetadata?.amount).toEqual({ amount: '23.50', currencyCode: 'USD' });
  });

  it('refuses JPY amounts with decimals on every write that takes an amount (InvalidParameterValue)', async () => {
    const jpy = { amount: '705.00', currencyCode: 'JPY' };
    const session = await world.client.createCheckoutSession(createBody);
    const { chargePermissionId, chargeId } = await completed('JPY', '10000', 'AuthorizeWithCapture');
    const authorized = await completed('JPY', '705', 'Authorize');
    const ready = await readySession(world, { currencyCode: 'JPY', amount: '705' });
    const attempts = [
      send('/v2/checkoutSessions', {
        ...createBody,
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: jpy },
      }),
      send(
        `/v2/checkoutSessions/${session.checkoutSessionId}`,
        { paymentDetails: { chargeAmount: jpy } },
        'PATCH',
      ),
      send(`/v2/checkoutSessions/${ready}/complete`, { chargeAmount: jpy }),
      send('/v2/charges', { chargePermissionId, chargeAmount: jpy }),
      send(`/v2/charges/${authorized.chargeId}/capture`, { captureAmount: jpy }),
      send('/v2/refunds', { chargeId, refundAmount: jpy }),
      send(`/v2/chargePermissions/${chargePermissionId}`, { recurringMetadata: { amount: jpy } }, 'PATCH'),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status, result.text).toBe(400);
      expect(result.json.reasonCode, result.text).toBe('InvalidParameterValue');
      expect(String(result.json.message)).toContain('705.00');
    }
  });

  it('allows exactly the decimals of each currency Amazon supports', async () => {
    for (const [currencyCode, decimals] of Object.entries(CURRENCY_DECIMALS)) {
      const ok = decimals === 0 ? '705' : '7.05';
      const tooMany = decimals === 0 ? '705.0' : '7.051';
      const body = (amount: string) => ({
        ...createBody,
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount, currencyCode } },
      });
      expect((await send('/v2/checkoutSessions', body(ok))).status, currencyCode).toBe(201);
      const refused = await send('/v2/checkoutSessions', body(tooMany));
      expect(refused.json.reasonCode, `${currencyCode} ${tooMany}`).toBe('InvalidParameterValue');
    }
  });
});
