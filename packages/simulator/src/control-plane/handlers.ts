import { approve, BuyerActionError, cancelCheckout, signIn } from '../buyer-actions.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { FaultQueue, FaultSpec } from '../faults.js';
import type { ControlPlaneOperationId } from '../generated/control-plane/client-methods.js';
import { openapiDocument } from '../generated/control-plane/openapi.js';
import type { operations } from '../generated/control-plane/schema.js';
import type { SimulatorNotifications } from '../notifications/index.js';
import { findPaymentMethod } from '../payment-methods.js';
import { issueBuyerToken } from '../resources/buyer.js';
import { checkoutSessionView, getSession } from '../resources/checkout-session.js';
import type { KeyRing } from '../signature.js';
import type { RequestLogEntry } from '../stages/api.js';
import { snapshot } from '../state.js';
import type { CheckoutSessionRecord } from '../store.js';

type Operation<K extends ControlPlaneOperationId> = operations[K];

/** The JSON body an operation takes (undefined when it takes none or none was sent). */
export type ControlBody<K extends ControlPlaneOperationId> =
  Operation<K> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B | (Operation<K> extends { requestBody: unknown } ? never : undefined)
    : undefined;

/** The success body an operation answers (undefined for 204). */
export type ControlResult<K extends ControlPlaneOperationId> = Operation<K>['responses'] extends {
  200: { content: { 'application/json': infer R } };
}
  ? R
  : undefined;

/** What a control plane handler gets: its path parameters, its validated body and query. */
export interface ControlRequest<K extends ControlPlaneOperationId> {
  params: Operation<K>['parameters'] extends { path: infer P } ? P : Record<string, never>;
  query: Operation<K>['parameters'] extends { query?: infer Q } ? NonNullable<Q> : Record<string, never>;
  body: ControlBody<K>;
}

/**
 * One handler per operation of openapi/simulator-control.yaml, typed from it: an operation added to
 * or changed in the document fails the type check here until its handler follows.
 */
export type ControlHandlers = {
  [K in ControlPlaneOperationId]: (
    request: ControlRequest<K>,
  ) => ControlResult<K> | Promise<ControlResult<K>>;
};

/** What the control plane acts on: the simulator's parts, as `startSimulator` wires them. */
export interface ControlPlaneDependencies {
  engine: Engine;
  keys: KeyRing;
  faults: FaultQueue;
  notifications: SimulatorNotifications;
  log: readonly RequestLogEntry[];
  reset(): void;
}

/** A checkout session for the buyer's actions: 404 as the API answers an unknown id. */
function session(engine: Engine, id: string): CheckoutSessionRecord {
  engine.runDue();
  return getSession(engine, id, null);
}

/** The buyer's action, its refusal answered 409 BuyerActionRefused with the reason. */
function asBuyer<T>(act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof BuyerActionError) throw new ApiError(409, 'BuyerActionRefused', error.message);
    throw error;
  }
}

type BuyerChoice = NonNullable<ControlBody<'approveCheckoutSession'>>;

function choice(body: BuyerChoice | undefined) {
  const { paymentMethod, buyer, shippingAddress, billingAddress } = body ?? {};
  // The document's enum lists every simulated method, so the lookup cannot miss.
  const method = paymentMethod === undefined ? undefined : findPaymentMethod(paymentMethod);
  return {
    ...(method ? { paymentMethod: method } : {}),
    ...(buyer ? { buyer } : {}),
    ...(shippingAddress ? { shippingAddress } : {}),
    ...(billingAddress ? { billingAddress } : {}),
  };
}

function notificationsView(notifications: SimulatorNotifications, engine: Engine) {
  const { trustedCertificateOrigins, allowedTopicArns } = notifications.verifyOptions();
  return {
    endpoints: [...notifications.endpoints],
    topicArn: notifications.topicArn,
    signingCertUrl: notifications.signingCertUrl,
    caCertificateUrl: `${engine.baseUrl}/sns/ca.pem`,
    verifyOptions: { trustedCertificateOrigins, allowedTopicArns },
  };
}

/** Faults as the document shows them: only the fields set. */
function faultsView(faults: FaultQueue) {
  return { pending: faults.pending.map((fault) => ({ ...fault }) as FaultSpec) };
}

export function controlHandlers(deps: ControlPlaneDependencies): ControlHandlers {
  const { engine, keys, faults, notifications } = deps;
  const clock = () => ({ now: engine.now().toISOString() });
  return {
    async getSimulatorInfo() {
      const byMerchant = new Map<string, string[]>();
      for (const id of keys.ids()) {
        const { merchantId } = await keys.get(id)!;
        byMerchant.set(merchantId, [...(byMerchant.get(merchantId) ?? []), id]);
      }
      return {
        simulator: '@amazon-pay-ts/simulator',
        baseUrl: engine.baseUrl,
        apiBase: `${engine.baseUrl}/v2`,
        checkoutJs: `${engine.baseUrl}/checkout.js`,
        controlPlane: `${engine.baseUrl}/__simulator`,
        merchants: [...byMerchant].map(([merchantId, publicKeyIds]) => ({ merchantId, publicKeyIds })),
        now: engine.now().toISOString(),
      };
    },
    getControlPlaneDocument: () => openapiDocument as ControlResult<'getControlPlaneDocument'>,

    signInCheckoutSession({ params, body }) {
      const record = session(engine, params.checkoutSessionId);
      asBuyer(() => signIn(engine, record, choice(body)));
      return checkoutSessionView(engine, record) as ControlResult<'signInCheckoutSession'>;
    },
    approveCheckoutSession({ params, body }) {
      const record = session(engine, params.checkoutSessionId);
      asBuyer(() => approve(engine, record, choice(body)));
      return checkoutSessionView(engine, record) as ControlResult<'approveCheckoutSession'>;
    },
    cancelCheckoutSession({ params }) {
      const record = session(engine, params.checkoutSessionId);
      asBuyer(() => {
        if (record.status.state !== 'Open')
          throw new BuyerActionError(
            `Checkout session ${record.id} is ${record.status.state}; there is nothing to cancel.`,
          );
        cancelCheckout(engine, record, 'payment');
      });
      return checkoutSessionView(engine, record) as ControlResult<'cancelCheckoutSession'>;
    },
    issueBuyerToken({ body }) {
      const { merchantId, region, scopes, buyer, shippingAddress, billingAddress } = body ?? {};
      // A token made by hand: readable by any merchant unless it names one.
      const buyerToken = issueBuyerToken(engine, merchantId ?? null, {
        ...(region ? { region } : {}),
        ...(scopes ? { scopes } : {}),
        ...(buyer ? { buyer } : {}),
        ...(shippingAddress ? { shippingAddress } : {}),
        ...(billingAddress ? { billingAddress } : {}),
      });
      return { buyerToken };
    },

    getClock: clock,
    setClock({ body }) {
      engine.clock.set(body.now);
      return clock();
    },
    advanceClock({ body }) {
      engine.clock.advance(body.ms);
      return clock();
    },

    listFaults: () => faultsView(faults),
    queueFault({ body }) {
      faults.next(body);
      return faultsView(faults);
    },
    clearFaults() {
      faults.clear();
      return faultsView(faults);
    },

    getNotifications: () => notificationsView(notifications, engine),
    subscribeNotifications({ body }) {
      notifications.subscribe(body.url);
      return notificationsView(notifications, engine);
    },
    unsubscribeNotifications({ query }) {
      notifications.unsubscribe(query.url);
      return notificationsView(notifications, engine);
    },
    queueNotificationFault({ body }) {
      notifications.nextFault(body);
      return undefined;
    },
    listDeliveries: () => ({ deliveries: [...notifications.log] }),
    async settleNotifications() {
      await notifications.settled();
      return { deliveries: [...notifications.log] };
    },

    getState: () => {
      engine.runDue();
      return snapshot(engine) as unknown as ControlResult<'getState'>;
    },
    listRequests: () => ({ requests: deps.log.map((entry) => ({ ...entry })) }),
    listStateChanges: () => ({
      stateChanges: engine.changes.all.map((change) => ({ ...change, at: change.at.toISOString() })),
    }),
    reset() {
      deps.reset();
      return undefined;
    },
  };
}
