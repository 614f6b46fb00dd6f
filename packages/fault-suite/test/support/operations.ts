import type { WebStoreClient } from '@amazon-pay-ts/client';
import type { Simulator, SimulatorState } from '@amazon-pay-ts/simulator';
import type { MoneyCall } from './doors.js';

/** One prepared money-moving call: run it through any door of any client, and count its effect. */
export interface PreparedCall {
  readonly call: MoneyCall;
  /** How many times the effect happened (0 before the call, 1 after it; 2 would be a doubled effect). */
  effects(state: SimulatorState): number;
}

type FinalizeBody = Parameters<WebStoreClient['finalizeCheckoutSession']>[1];

export interface MoneyOperation {
  readonly name: string;
  /** POSTs carry an idempotency key; PATCH and DELETE are idempotent at Amazon and carry none. */
  readonly keyed: boolean;
  prepare(setup: WebStoreClient, sim: Simulator): Promise<PreparedCall>;
}

const createBody = {
  storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
  webCheckoutDetails: {
    checkoutReviewReturnUrl: 'https://merchant.example/review',
    checkoutResultReturnUrl: 'https://merchant.example/result',
  },
  chargePermissionType: 'OneTime',
} as const;

const usd = (amount: string) => ({ amount, currencyCode: 'USD' as const });

async function signedInSession(setup: WebStoreClient, sim: Simulator): Promise<string> {
  const { checkoutSessionId } = await setup.createCheckoutSession(createBody);
  sim.approve(checkoutSessionId);
  return checkoutSessionId;
}

/** A session the buyer has confirmed, ready for completeCheckoutSession. */
async function confirmedSession(
  setup: WebStoreClient,
  sim: Simulator,
  paymentIntent: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture',
): Promise<string> {
  const id = await signedInSession(setup, sim);
  await setup.updateCheckoutSession(id, {
    paymentDetails: { paymentIntent, canHandlePendingAuthorization: false, chargeAmount: usd('100.00') },
    merchantMetadata: { merchantReferenceId: 'order-1' },
  });
  sim.approve(id);
  return id;
}

async function completed(
  setup: WebStoreClient,
  sim: Simulator,
  intent: 'Confirm' | 'Authorize' | 'AuthorizeWithCapture',
) {
  const id = await confirmedSession(setup, sim, intent);
  return setup.completeCheckoutSession(id, { chargeAmount: usd('100.00') });
}

const chargesOf = (state: SimulatorState, chargePermissionId: string | null | undefined) =>
  chargePermissionId
    ? Object.values(state.charges).filter((c) => c.chargePermissionId === chargePermissionId).length
    : 0;

/** The eight operations that move money or change what can be charged. */
export const MONEY_OPERATIONS: readonly MoneyOperation[] = [
  {
    name: 'createCharge',
    keyed: true,
    async prepare(setup, sim) {
      const { chargePermissionId } = await completed(setup, sim, 'Confirm');
      return {
        call: {
          operationId: 'createCharge',
          ids: [],
          body: { chargePermissionId: chargePermissionId!, chargeAmount: usd('10.00'), captureNow: false },
        },
        effects: (state) => chargesOf(state, chargePermissionId),
      };
    },
  },
  {
    name: 'captureCharge',
    keyed: true,
    async prepare(setup, sim) {
      const { chargeId } = await completed(setup, sim, 'Authorize');
      return {
        call: { operationId: 'captureCharge', ids: [chargeId!], body: { captureAmount: usd('100.00') } },
        effects: (state) => (state.charges[chargeId!]?.statusDetails.state === 'Captured' ? 1 : 0),
      };
    },
  },
  {
    name: 'createRefund',
    keyed: true,
    async prepare(setup, sim) {
      const { chargeId } = await completed(setup, sim, 'AuthorizeWithCapture');
      return {
        call: {
          operationId: 'createRefund',
          ids: [],
          body: { chargeId: chargeId!, refundAmount: usd('40.00') },
        },
        effects: (state) => Object.values(state.refunds).filter((r) => r.chargeId === chargeId).length,
      };
    },
  },
  {
    name: 'completeCheckoutSession',
    keyed: true,
    async prepare(setup, sim) {
      const id = await confirmedSession(setup, sim, 'Authorize');
      return {
        call: { operationId: 'completeCheckoutSession', ids: [id], body: { chargeAmount: usd('100.00') } },
        effects: (state) => chargesOf(state, state.checkoutSessions[id]?.chargePermissionId),
      };
    },
  },
  {
    name: 'finalizeCheckoutSession',
    keyed: true,
    async prepare(setup, sim) {
      const { checkoutSessionId: id } = await setup.createCheckoutSession({
        ...createBody,
        paymentDetails: { chargeAmount: usd('8.00') },
      });
      // Finalize carries the shipping address Amazon shared with the merchant (PayAndShip).
      const shippingAddress = sim.approve(id).shippingAddress as FinalizeBody['shippingAddress'];
      return {
        call: {
          operationId: 'finalizeCheckoutSession',
          ids: [id],
          body: { paymentIntent: 'Authorize', chargeAmount: usd('8.00'), shippingAddress },
        },
        effects: (state) => chargesOf(state, state.checkoutSessions[id]?.chargePermissionId),
      };
    },
  },
  {
    name: 'cancelCharge',
    keyed: false,
    async prepare(setup, sim) {
      const { chargeId } = await completed(setup, sim, 'Authorize');
      return {
        call: {
          operationId: 'cancelCharge',
          ids: [chargeId!],
          body: { cancellationReason: 'Buyer cancelled' },
        },
        effects: (state) => (state.charges[chargeId!]?.statusDetails.state === 'Canceled' ? 1 : 0),
      };
    },
  },
  {
    name: 'closeChargePermission',
    keyed: false,
    async prepare(setup, sim) {
      const { chargePermissionId } = await completed(setup, sim, 'Confirm');
      return {
        call: {
          operationId: 'closeChargePermission',
          ids: [chargePermissionId!],
          body: { closureReason: 'No more charges', cancelPendingCharges: false },
        },
        effects: (state) =>
          state.chargePermissions[chargePermissionId!]?.statusDetails.state === 'Closed' ? 1 : 0,
      };
    },
  },
  {
    name: 'updateCheckoutSession',
    keyed: false,
    async prepare(setup, sim) {
      const id = await signedInSession(setup, sim);
      return {
        call: {
          operationId: 'updateCheckoutSession',
          ids: [id],
          body: { paymentDetails: { paymentIntent: 'Authorize', chargeAmount: usd('77.77') } },
        },
        effects: (state) => {
          const details = state.checkoutSessions[id]?.paymentDetails as
            | { chargeAmount?: { amount?: string } | null }
            | null
            | undefined;
          return details?.chargeAmount?.amount === '77.77' ? 1 : 0;
        },
      };
    },
  },
];
