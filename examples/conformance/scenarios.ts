import { randomUUID } from 'node:crypto';
import { createSigner } from '@amazon-pay-ts/signer';
import type { BuyerDriver } from '../demo-flow.js';
import { type Shape, shapeOf } from './shape.js';

/**
 * One scenario suite, run unchanged against the simulator and against Amazon's sandbox: the demo's
 * flow, declines (sandbox simulation codes) and error cases. Requests are signed raw, without the
 * client's own checks, so invalid input reaches the server and its answer is what is recorded.
 */
export interface StepResult {
  scenario: string;
  step: string;
  status: number;
  reasonCode: string | null;
  shape: Shape;
}

export interface Target {
  /** API base, e.g. `http://127.0.0.1:4010` or `https://pay-api.amazon.com/sandbox`. */
  baseUrl: string;
  publicKeyId: string;
  privateKey: string;
  region: 'na' | 'eu' | 'jp';
  storeId: string;
  /** The buyer's part, or undefined to skip the scenarios that need one. */
  buyer?: BuyerDriver;
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

class StepFailed extends Error {}

export function currencyOf(region: Target['region']): string {
  return region === 'jp' ? 'JPY' : region === 'eu' ? 'EUR' : 'USD';
}

export async function runScenarios(target: Target): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const signer = createSigner({
    publicKeyId: target.publicKeyId,
    privateKey: target.privateKey,
    region: target.region,
  });
  const currencyCode = currencyOf(target.region);
  const price = (major: number) => ({
    amount: currencyCode === 'JPY' ? String(major * 100) : `${major}.00`,
    currencyCode,
  });
  let scenario = '';

  async function call(
    step: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const all: Record<string, string> = {
      ...headers,
      ...(method === 'POST' ? { 'x-amz-pay-idempotency-key': randomUUID().replaceAll('-', '') } : {}),
    };
    if (body !== undefined) all['content-type'] = 'application/json';
    const request = new Request(`${target.baseUrl}/v2${path}`, {
      method,
      headers: all,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const response = await fetch(await signer.sign(request));
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { nonJsonBody: text.slice(0, 40) };
    }
    const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    results.push({
      scenario,
      step,
      status: response.status,
      reasonCode: typeof record.reasonCode === 'string' ? record.reasonCode : null,
      shape: shapeOf(json),
    });
    return { status: response.status, json: record };
  }

  const need = (answer: Answer, what: string) => {
    if (answer.status >= 300) throw new StepFailed(`${what} answered ${answer.status}`);
    return answer.json;
  };
  const webCheckoutDetails = {
    checkoutReviewReturnUrl: 'https://merchant.example/review',
    checkoutResultReturnUrl: 'https://merchant.example/result',
  };

  /** A checkout the buyer approved and the merchant completed; returns its ids. */
  async function completedCheckout(paymentIntent: string) {
    const buyer = target.buyer!;
    const created = need(
      await call('createCheckoutSession', 'POST', '/checkoutSessions', {
        storeId: target.storeId,
        webCheckoutDetails,
      }),
      'createCheckoutSession',
    );
    const id = await buyer.signIn(String(created.checkoutSessionId));
    const updated = need(
      await call('updateCheckoutSession', 'PATCH', `/checkoutSessions/${id}`, {
        paymentDetails: { paymentIntent, canHandlePendingAuthorization: false, chargeAmount: price(50) },
        merchantMetadata: { merchantReferenceId: `conformance-${Date.now()}` },
      }),
      'updateCheckoutSession',
    );
    const redirect = (updated.webCheckoutDetails as { amazonPayRedirectUrl?: string } | undefined)
      ?.amazonPayRedirectUrl;
    if (!redirect) throw new StepFailed('no amazonPayRedirectUrl after update');
    await buyer.confirm(id, redirect);
    const done = need(
      await call('completeCheckoutSession', 'POST', `/checkoutSessions/${id}/complete`, {
        chargeAmount: price(50),
      }),
      'completeCheckoutSession',
    );
    return {
      id,
      chargePermissionId: String(done.chargePermissionId),
      chargeId: done.chargeId as string | null,
    };
  }

  const scenarios: [string, boolean, () => Promise<void>][] = [
    [
      'errors',
      false,
      async () => {
        await call('unknown checkout session', 'GET', `/checkoutSessions/${randomUUID()}`);
        await call('unknown charge', 'GET', '/charges/S01-0000000-0000000-C000001');
        await call('unknown charge permission', 'GET', '/chargePermissions/S01-0000000-0000000');
        await call('unknown refund', 'GET', '/refunds/S01-0000000-0000000-R000001');
        await call('missing storeId', 'POST', '/checkoutSessions', { webCheckoutDetails });
        await call('misspelled field', 'POST', '/checkoutSessions', {
          storeId: target.storeId,
          webCheckoutDetails,
          paymentDetail: {},
        });
        const tooPrecise = currencyCode === 'JPY' ? '705.00' : '7.051';
        await call('amount with too many decimals', 'POST', '/checkoutSessions', {
          storeId: target.storeId,
          webCheckoutDetails,
          paymentDetails: { paymentIntent: 'Confirm', chargeAmount: { amount: tooPrecise, currencyCode } },
        });
        await call('body not JSON', 'POST', '/checkoutSessions', '{"storeId":');
        const created = need(
          await call('createCheckoutSession', 'POST', '/checkoutSessions', {
            storeId: target.storeId,
            webCheckoutDetails,
          }),
          'createCheckoutSession',
        );
        const id = String(created.checkoutSessionId);
        await call('getCheckoutSession', 'GET', `/checkoutSessions/${id}`);
        await call('complete before the buyer', 'POST', `/checkoutSessions/${id}/complete`, {
          chargeAmount: price(50),
        });
        await call('simulation code on an operation without', 'GET', `/checkoutSessions/${id}`, undefined, {
          'x-amz-pay-simulation-code': 'HardDeclined',
        });
      },
    ],
    [
      'demo flow',
      true,
      async () => {
        const { chargePermissionId, chargeId } = await completedCheckout('Authorize');
        await call('getChargePermission', 'GET', `/chargePermissions/${chargePermissionId}`);
        await call('getCharge', 'GET', `/charges/${chargeId}`);
        await call('captureCharge', 'POST', `/charges/${chargeId}/capture`, { captureAmount: price(50) });
        await call('capture twice', 'POST', `/charges/${chargeId}/capture`, { captureAmount: price(50) });
        const refund = need(
          await call('createRefund', 'POST', '/refunds', { chargeId, refundAmount: price(10) }),
          'createRefund',
        );
        await call('refund over the limit', 'POST', '/refunds', { chargeId, refundAmount: price(100) });
        await call('getRefund', 'GET', `/refunds/${refund.refundId}`);
        await call('closeChargePermission', 'DELETE', `/chargePermissions/${chargePermissionId}/close`, {
          closureReason: 'conformance run',
        });
      },
    ],
    [
      'declines',
      true,
      async () => {
        const { chargePermissionId } = await completedCheckout('Confirm');
        for (const code of ['HardDeclined', 'SoftDeclined', 'AmazonRejected', 'TransactionTimedOut']) {
          await call(
            `createCharge ${code}`,
            'POST',
            '/charges',
            { chargePermissionId, chargeAmount: price(5) },
            {
              'x-amz-pay-simulation-code': code,
            },
          );
        }
        await call('createCharge over the limit', 'POST', '/charges', {
          chargePermissionId,
          chargeAmount: price(500),
        });
        await call(
          'getChargePermission PaymentMethodInvalid',
          'GET',
          `/chargePermissions/${chargePermissionId}`,
          undefined,
          {
            'x-amz-pay-simulation-code': 'PaymentMethodInvalid',
          },
        );
      },
    ],
  ];

  for (const [name, needsBuyer, run] of scenarios) {
    if (needsBuyer && !target.buyer) continue;
    scenario = name;
    try {
      await run();
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      results.push({ scenario, step: `(stopped: ${error.message})`, status: 0, reasonCode: null, shape: {} });
    }
  }
  return results;
}
