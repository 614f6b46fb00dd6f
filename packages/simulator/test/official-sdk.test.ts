import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslAvailable, type Simulator, selfSignedCertificate, startSimulator } from '../src/index.js';
import { createBody, testKeyPair } from './helpers.js';

/**
 * Interoperability: Amazon's own Node SDK (which signs `x-amz-pay-date` in extended ISO form, signs
 * `user-agent`, and does not RFC 3986-encode query names) runs a checkout against the simulator
 * over https; every request is accepted, and the same requests with one byte changed are rejected.
 */
const require = createRequire(import.meta.url);
const sdkPath = require.resolve('@amazonpay/amazon-pay-api-sdk-nodejs');
const { WebStoreClient } = require(sdkPath) as { WebStoreClient: new (config: object) => OfficialClient };
// The SDK sends through its own copy of axios; a request interceptor on it changes one byte.
const axios = createRequire(sdkPath)('axios') as {
  interceptors: { request: { use(f: (c: AxiosConfig) => AxiosConfig): number; eject(id: number): void } };
};

interface AxiosConfig {
  url?: string;
  data?: unknown;
  headers: Record<string, unknown>;
}

type Call = Promise<{ status: number; data: Record<string, unknown> }>;
interface OfficialClient {
  createCheckoutSession(payload: object, headers: object): Call;
  getCheckoutSession(id: string): Call;
  updateCheckoutSession(id: string, payload: object): Call;
  completeCheckoutSession(id: string, payload: object): Call;
  getChargePermission(id: string): Call;
  getCharge(id: string): Call;
  captureCharge(id: string, payload: object, headers: object): Call;
  createRefund(payload: object, headers: object): Call;
  getRefund(id: string): Call;
  getReports(query: object): Call;
  closeChargePermission(id: string, payload: object): Call;
}

const canServeHttps = opensslAvailable();

let sim: Simulator;
let sdk: OfficialClient;
const savedTls = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
const publicKeyId = 'SANDBOX-AOFFICIALSDKINTEROP';

beforeAll(async () => {
  if (!canServeHttps) return;
  const { privateKeyPem, publicKeyPem } = await testKeyPair();
  sim = await startSimulator({
    keys: [{ publicKeyId, publicKey: publicKeyPem }],
    tls: selfSignedCertificate(),
  });
  sdk = new WebStoreClient({
    publicKeyId,
    privateKey: privateKeyPem,
    region: 'us',
    sandbox: true,
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    overrideServiceUrl: new URL(sim.url).host,
  });
});

afterAll(async () => {
  // The SDK switches TLS verification off process-wide when overrideServiceUrl is set.
  if (savedTls === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = savedTls;
  await sim?.close();
});

/** Changes one byte: a letter of the JSON body, or else the last character of the path. */
function oneByteChanged(config: AxiosConfig): AxiosConfig {
  if (typeof config.data === 'string' && config.data.length > 2) {
    const i = config.data.search(/[a-z]/);
    const flipped = config.data[i]!.toUpperCase();
    return { ...config, data: config.data.slice(0, i) + flipped + config.data.slice(i + 1) };
  }
  const url = new URL(config.url!);
  const last = url.pathname.at(-1)!;
  url.pathname = url.pathname.slice(0, -1) + (last === 'a' ? 'b' : 'a');
  return { ...config, url: url.toString() };
}

/** Runs a call as the SDK sends it (must succeed), then again with one byte changed (must be rejected). */
async function both(name: string, call: () => Call, tampered: string[]): Promise<Record<string, unknown>> {
  const id = axios.interceptors.request.use(oneByteChanged);
  try {
    await call();
    throw new Error(`${name} with one byte changed was accepted`);
  } catch (error) {
    const response = (error as { response?: { status: number; data: { reasonCode: string } } }).response;
    expect(response?.status, name).toBe(401);
    expect(response?.data.reasonCode, name).toBe('InvalidRequestSignature');
    tampered.push(name);
  } finally {
    axios.interceptors.request.eject(id);
  }
  const result = await call();
  expect(result.status, name).toBeLessThan(300);
  return result.data;
}

describe.skipIf(!canServeHttps)('Amazon official Node SDK against the simulator (https)', () => {
  it('runs a checkout: every request accepted, every one-byte change rejected', async () => {
    const tampered: string[] = [];
    const key = () => ({ 'x-amz-pay-idempotency-key': crypto.randomUUID().replace(/-/g, '') });
    const createKey = key();
    const session = await both(
      'createCheckoutSession',
      () => sdk.createCheckoutSession(createBody, createKey),
      tampered,
    );
    const id = String(session.checkoutSessionId);
    sim.approve(id);
    const got = await both('getCheckoutSession', () => sdk.getCheckoutSession(id), tampered);
    expect((got.buyer as { buyerId: string }).buyerId).toMatch(/^amzn1\.account\./);
    await both(
      'updateCheckoutSession',
      () =>
        sdk.updateCheckoutSession(id, {
          paymentDetails: {
            paymentIntent: 'Authorize',
            chargeAmount: { amount: '25.00', currencyCode: 'USD' },
          },
        }),
      tampered,
    );
    sim.approve(id);
    const completed = await both(
      'completeCheckoutSession',
      () => sdk.completeCheckoutSession(id, { chargeAmount: { amount: '25.00', currencyCode: 'USD' } }),
      tampered,
    );
    const chargeId = String(completed.chargeId);
    const chargePermissionId = String(completed.chargePermissionId);
    await both('getChargePermission', () => sdk.getChargePermission(chargePermissionId), tampered);
    await both('getCharge', () => sdk.getCharge(chargeId), tampered);
    const captureKey = key();
    const captured = await both(
      'captureCharge',
      () =>
        sdk.captureCharge(chargeId, { captureAmount: { amount: '25.00', currencyCode: 'USD' } }, captureKey),
      tampered,
    );
    expect((captured.statusDetails as { state: string }).state).toBe('Captured');
    const refundKey = key();
    const refund = await both(
      'createRefund',
      () => sdk.createRefund({ chargeId, refundAmount: { amount: '5.00', currencyCode: 'USD' } }, refundKey),
      tampered,
    );
    await both('getRefund', () => sdk.getRefund(String(refund.refundId)), tampered);
    await both(
      'getReports',
      () =>
        sdk.getReports({
          reportTypes: [
            '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
            '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
          ],
          processingStatuses: ['COMPLETED'],
        }),
      tampered,
    );
    const closed = await both(
      'closeChargePermission',
      () =>
        sdk.closeChargePermission(chargePermissionId, { closureReason: 'done', cancelPendingCharges: false }),
      tampered,
    );
    expect((closed.statusDetails as { state: string }).state).toBe('Closed');
    expect(tampered).toHaveLength(11);
    const accepted = sim.requests.filter((r) => r.status < 300);
    expect(accepted.length).toBe(11);
  });
});
