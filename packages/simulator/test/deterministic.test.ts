import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSnsKeys, startSimulator } from '../src/index.js';
import { createBody, readySession, startWorld } from './helpers.js';

// Issue 21, found 6: ids were random (no snapshot tests), and every fresh simulator with IPNs made
// two RSA key pairs (0.7–1.0 s), with no way to pass pre-made ones.
const frozen = { now: () => new Date('2026-03-01T12:00:00Z') };

/** A whole checkout on a fresh simulator; every id it produced, in order. */
async function checkoutIds(seed: string) {
  const world = await startWorld({ seed, clock: frozen });
  try {
    const sessionId = await readySession(world, { paymentIntent: 'AuthorizeWithCapture', amount: '10.00' });
    const completed = await world.client.completeCheckoutSession(sessionId, {
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    const refund = await world.client.createRefund({
      chargeId: completed.chargeId!,
      refundAmount: { amount: '2.00', currencyCode: 'USD' },
    });
    const session = await world.client.getCheckoutSession(sessionId);
    return {
      checkoutSessionId: sessionId,
      buyerId: session.buyer?.buyerId,
      chargePermissionId: completed.chargePermissionId,
      chargeId: completed.chargeId,
      refundId: refund.refundId,
      buyerToken: world.sim.issueBuyerToken(),
      requestIds: world.sim.requests.map((r) => r.requestId),
    };
  } finally {
    await world.sim.close();
  }
}

describe('seed', () => {
  it('makes every id of a run reproducible, and another seed gives other ids', async () => {
    const first = await checkoutIds('snapshot-1');
    const again = await checkoutIds('snapshot-1');
    const other = await checkoutIds('snapshot-2');
    expect(again).toEqual(first);
    // The ids themselves are a function of the seed: a change to how ids are drawn shows up here.
    expect({ ...first, requestIds: first.requestIds.slice(0, 3) }).toMatchInlineSnapshot(`
      {
        "buyerId": "amzn1.account.QWZLQWOUG702375P508X38L50HYQ",
        "buyerToken": "amzn1.buyertoken.do1_A8B-GkFCY_fym2Blt8VK7VQzmz7Z",
        "chargeId": "S01-5594706-2373207-C000001",
        "chargePermissionId": "S01-5594706-2373207",
        "checkoutSessionId": "96f43b6b-5412-4f2b-959c-37d197ece745",
        "refundId": "S01-5594706-2373207-R000001",
        "requestIds": [
          "7ac4cc99-6be2-4c8c-87f2-68766542e570",
          "1b52b249-9934-440e-8c41-8dc92cf11555",
          "2a7177be-b0b8-4d85-ad4f-db24389b0063",
        ],
      }
    `);
    expect(other.checkoutSessionId).not.toBe(first.checkoutSessionId);
    expect(other.chargePermissionId).not.toBe(first.chargePermissionId);
    expect(first.chargePermissionId).toMatch(/^S01-\d{7}-\d{7}$/);
    expect(first.checkoutSessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same ids after a reset as after a start', async () => {
    const world = await startWorld({ seed: 'reset-1', clock: frozen });
    try {
      const a = await world.client.createCheckoutSession(createBody);
      world.sim.reset();
      const b = await world.client.createCheckoutSession(createBody);
      expect(b.checkoutSessionId).toBe(a.checkoutSessionId);
    } finally {
      await world.sim.close();
    }
  });
});

describe('pre-made SNS keys', () => {
  it('are used as given: the served signing certificate carries the given key', async () => {
    const keys = await generateSnsKeys();
    const sim = await startSimulator({ notifications: { url: 'http://127.0.0.1:9/ipn', keys } });
    try {
      const { certificatePem, caCertificatePem } = await sim.notifications.certificates();
      const signing = new X509Certificate(certificatePem);
      const ca = new X509Certificate(caCertificatePem);
      expect(signing.checkIssued(ca)).toBe(true);
      expect(signing.verify(ca.publicKey)).toBe(true);
      const { createPublicKey } = await import('node:crypto');
      const expected = createPublicKey(keys.signingPrivateKeyPem).export({ type: 'spki', format: 'pem' });
      expect(signing.publicKey.export({ type: 'spki', format: 'pem' })).toBe(expected);
    } finally {
      await sim.close();
    }
  });

  it('are generated once per process when none are given', async () => {
    const one = await startSimulator({ notifications: { url: 'http://127.0.0.1:9/ipn' } });
    const two = await startSimulator({ notifications: { url: 'http://127.0.0.1:9/ipn' } });
    try {
      const a = new X509Certificate((await one.notifications.certificates()).certificatePem);
      const b = new X509Certificate((await two.notifications.certificates()).certificatePem);
      expect(a.publicKey.export({ type: 'spki', format: 'pem' })).toBe(
        b.publicKey.export({ type: 'spki', format: 'pem' }),
      );
    } finally {
      await one.close();
      await two.close();
    }
  });
});
