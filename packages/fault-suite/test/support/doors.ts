import type { AmazonPayClient, CallOptions, WebStoreClient } from '@amazon-pay-ts/client';
import { OPERATION_ROUTES } from '@amazon-pay-ts/client/fetch';

/** One money-moving call, as data: which operation, its path ids in order, and its body. */
export interface MoneyCall {
  readonly operationId: keyof typeof OPERATION_ROUTES;
  readonly ids: readonly string[];
  readonly body: unknown;
}

/** The options every door takes here: the caller's signal and an idempotency key to reuse. */
export type DoorOptions = Pick<CallOptions, 'signal' | 'idempotencyKey'>;

/** An entry point of the client: runs a call with options, resolves when it succeeded. */
export type Door = (client: WebStoreClient, call: MoneyCall, options?: DoorOptions) => Promise<void>;

type Method = (...args: unknown[]) => Promise<unknown>;

/** The client's three doors, each running the same call. */
export const DOORS = {
  /** `client.captureCharge(chargeId, body, options)`. */
  'typed methods': async (client, call, options) => {
    const method = (client as unknown as Record<string, Method>)[call.operationId]!;
    await method.call(client, ...call.ids, call.body, options);
  },
  /** `client.withResponse.captureCharge(chargeId, body, options)`. */
  withResponse: async (client, call, options) => {
    const methods = client.withResponse as unknown as Record<string, Method>;
    await methods[call.operationId]!.call(methods, ...call.ids, call.body, options);
  },
  /** `client.api.POST('/v2/charges/{chargeId}/capture', { params, body, signal })`. */
  'client.api': async (client, call, options) => {
    const route = OPERATION_ROUTES[call.operationId];
    const path = Object.fromEntries(route.pathParams.map((name, index) => [name, call.ids[index]]));
    const header = options?.idempotencyKey
      ? { 'x-amz-pay-idempotency-key': options.idempotencyKey }
      : undefined;
    const api = (client as AmazonPayClient).api as unknown as {
      request: (method: string, path: string, init: object) => Promise<{ error?: unknown }>;
    };
    const result = await api.request(route.method, route.path, {
      params: { path, header },
      body: call.body,
      signal: options?.signal,
    });
    // client.api throws its failures; a result is a success.
    if (result.error !== undefined) throw new Error('client.api resolved with an error');
  },
} as const satisfies Record<string, Door>;

export type DoorName = keyof typeof DOORS;
