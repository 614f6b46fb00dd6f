import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlPlaneError, createControlPlaneClient } from '../src/control-plane/index.js';
import { startSimulator } from '../src/index.js';
import { apiError, createBody, startWorld, type TestWorld, testKeyPair } from './helpers.js';

// Issue 21, found 1: approving a buyer, moving the clock, faults and the state were JavaScript calls
// only. Here a test that is not in the simulator's process drives all of them over HTTP, through the
// typed client generated from openapi/simulator-control.yaml and with plain fetch.
let world: TestWorld;
let control: ReturnType<typeof createControlPlaneClient>;
const ipns: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    ipns.push(JSON.parse(JSON.parse(body).Message).ObjectType);
    res.writeHead(200).end();
  });
});

beforeAll(async () => {
  world = await startWorld();
  control = createControlPlaneClient({ baseUrl: world.sim.url });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
});
afterAll(async () => {
  await world.sim.close();
  receiver.close();
});

const usd = (amount: string) => ({ amount, currencyCode: 'USD' as const });

describe('control plane over HTTP', () => {
  it('says which merchant and key ids the simulator accepts', async () => {
    const info = await control.getSimulatorInfo();
    expect(info.baseUrl).toBe(world.sim.url);
    expect(info.merchants).toEqual([
      { merchantId: expect.stringMatching(/^A[A-Z0-9]{13}$/), publicKeyIds: [world.publicKeyId] },
    ]);
  });

  it('approves with a payment method and advances the clock past a pending authorization', async () => {
    const { client } = world;
    const session = await client.createCheckoutSession(createBody);
    const id = session.checkoutSessionId;
    const signedIn = await control.approveCheckoutSession(id, { paymentMethod: '0701' });
    expect(signedIn.buyer?.buyerId).toMatch(/^amzn1\.account\./);
    expect(signedIn.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull();
    await client.updateCheckoutSession(id, {
      paymentDetails: {
        paymentIntent: 'Authorize',
        canHandlePendingAuthorization: true,
        chargeAmount: usd('12.00'),
      },
    });
    await control.approveCheckoutSession(id, {});
    const completed = await client.completeCheckoutSession(id, { chargeAmount: usd('12.00') });
    const chargeId = completed.chargeId!;
    expect((await client.getCharge(chargeId)).statusDetails?.state).toBe('AuthorizationInitiated');
    const before = Date.parse((await control.getClock()).now);
    const moved = await control.advanceClock({ ms: 30_000 });
    expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(30_000);
    expect((await client.getCharge(chargeId)).statusDetails?.state).toBe('Authorized');
  });

  it('signs a buyer in on a session without paying, and issues a sign-in buyer token', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    const signedIn = await control.signInCheckoutSession(session.checkoutSessionId, {
      buyer: { name: 'Ada Buyer' },
      paymentMethod: '4444',
    });
    expect(signedIn.buyer?.name).toBe('Ada Buyer');
    expect(signedIn.paymentPreferences?.[0]?.paymentDescriptor).toBe('Mastercard ****4444');
    const { buyerToken } = await control.issueBuyerToken({ scopes: ['name'] });
    const buyer = await world.client.getBuyer(buyerToken);
    expect(buyer.name).toBe('Sam Sandbox');
    expect(buyer.email).toBeNull();
  });

  it('refuses what the buyer cannot do with a reason, and unknown sessions with 404', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    const refused = await control
      .approveCheckoutSession(session.checkoutSessionId, { paymentMethod: '9999' as '1111' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ControlPlaneError);
    expect((refused as ControlPlaneError).status).toBe(400);
    expect((refused as ControlPlaneError).reasonCode).toBe('InvalidParameterValue');
    const missing = await control.approveCheckoutSession('nope', {}).catch((e: unknown) => e);
    expect((missing as ControlPlaneError).status).toBe(404);
    expect((missing as ControlPlaneError).reasonCode).toBe('ResourceNotFound');
  });

  it('queues faults, lists and clears them', async () => {
    const { client } = world;
    await control.queueFault({ status: 503, operationId: 'getCheckoutSession', times: 2 });
    expect((await control.listFaults()).pending).toEqual([
      { status: 503, operationId: 'getCheckoutSession', times: 2 },
    ]);
    const session = await client.createCheckoutSession(createBody);
    expect((await apiError(client.getCheckoutSession(session.checkoutSessionId))).status).toBe(503);
    await control.clearFaults();
    expect((await control.listFaults()).pending).toEqual([]);
    expect((await client.getCheckoutSession(session.checkoutSessionId)).statusDetails?.state).toBe('Open');
  });

  it('subscribes an IPN endpoint and reports deliveries once they settled', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`;
    const subscribed = await control.subscribeNotifications({ url });
    expect(subscribed.endpoints).toEqual([url]);
    expect(subscribed.verifyOptions.trustedCertificateOrigins).toEqual([world.sim.url]);
    const { client } = world;
    const session = await client.createCheckoutSession(createBody);
    await control.approveCheckoutSession(session.checkoutSessionId, {});
    await client.updateCheckoutSession(session.checkoutSessionId, {
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('3.00') },
    });
    await control.approveCheckoutSession(session.checkoutSessionId, {});
    await client.completeCheckoutSession(session.checkoutSessionId, { chargeAmount: usd('3.00') });
    const { deliveries } = await control.settleNotifications();
    // One IPN per state change (the charge passes AuthorizationInitiated on its way to Authorized);
    // deliveries run concurrently and may finish in any order.
    const kinds = (types: string[]) => [...new Set(types)].sort();
    expect(deliveries.map((d) => `${d.objectType} ${d.state}`).sort()).toEqual([
      'CHARGE AuthorizationInitiated',
      'CHARGE Authorized',
      'CHARGE_PERMISSION Chargeable',
    ]);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    expect(kinds(ipns)).toEqual(['CHARGE', 'CHARGE_PERMISSION']);
    expect(ipns).toHaveLength(3);
    await control.unsubscribeNotifications({ url });
    expect((await control.getNotifications()).endpoints).toEqual([]);
  });

  it('reads the state and the request log, and resets both', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    const state = await control.getState();
    expect(state.checkoutSessions[session.checkoutSessionId]?.statusDetails?.state).toBe('Open');
    const { requests } = await control.listRequests();
    expect(requests.at(-1)).toMatchObject({ operationId: 'createCheckoutSession', status: 201 });
    await control.reset();
    expect((await control.getState()).checkoutSessions).toEqual({});
    expect((await control.listRequests()).requests).toEqual([]);
    expect((await apiError(world.client.getCheckoutSession(session.checkoutSessionId))).status).toBe(404);
  });

  it('serves its own OpenAPI document and answers plain HTTP callers too', async () => {
    const doc = (await (await fetch(`${world.sim.url}/__simulator/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/__simulator/checkout-sessions/{checkoutSessionId}/approve');
    const bad = await fetch(`${world.sim.url}/__simulator/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: -1 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reasonCode: string }).reasonCode).toBe('InvalidParameterValue');
    const unknown = await fetch(`${world.sim.url}/__simulator/nothing-here`);
    expect(unknown.status).toBe(404);
  });
});

describe('control plane token', () => {
  it('is open on a loopback address and needs a bearer token on any other', async () => {
    const { publicKeyPem } = await testKeyPair();
    const keys = [{ publicKeyId: 'SANDBOX-ATOKENTEST', publicKey: publicKeyPem }];
    const open = await startSimulator({ keys });
    const exposed = await startSimulator({ keys, host: '0.0.0.0' });
    try {
      expect(open.controlToken).toBeNull();
      expect(exposed.controlToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      const port = new URL(exposed.url).port;
      const base = `http://127.0.0.1:${port}`;
      const anonymous = await fetch(`${base}/__simulator`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { reasonCode: string }).reasonCode).toBe('UnauthorizedAccess');
      const wrong = createControlPlaneClient({ baseUrl: base, token: 'not-the-token' });
      expect(((await wrong.getClock().catch((e: unknown) => e)) as ControlPlaneError).status).toBe(401);
      const right = createControlPlaneClient({ baseUrl: base, token: exposed.controlToken! });
      expect((await right.getSimulatorInfo()).merchants[0]?.publicKeyIds).toEqual(['SANDBOX-ATOKENTEST']);
      // The API itself is authenticated by signatures, not by the control token.
      expect((await fetch(`${base}/v2/checkoutSessions/x`)).status).toBe(400);
    } finally {
      await open.close();
      await exposed.close();
    }
  });

  it('uses a given token on any address', async () => {
    const sim = await startSimulator({ control: { token: 'a-token-chosen-by-the-test-0123456789' } });
    try {
      expect((await fetch(`${sim.url}/__simulator/clock`)).status).toBe(401);
      const control = createControlPlaneClient({ baseUrl: sim.url, token: sim.controlToken! });
      expect(Date.parse((await control.getClock()).now)).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});
