import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AmazonPayClient,
  type ClientOperationId,
  type InStoreClient,
  type OperationAliases,
  type OperationArguments,
  type ResponseBody,
  type ResponseMetadata,
  WebStoreClient,
  type WithResponse,
} from '../src/index.js';

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Operations whose method differs from the `OperationArguments` table (none, or the table drifted). */
type Drifted<Client, Names extends keyof Client & keyof OperationArguments> = {
  [K in Names]: Client[K] extends (...args: infer Args) => infer Result
    ? Same<Args, OperationArguments[K]> extends true
      ? Same<Result, Promise<ResponseBody<K>>> extends true
        ? never
        : K
      : K
    : K;
}[Names];

// Compiled by `tsc -p tsconfig.json` like a consumer's code: `withResponse` used to hit TS2589
// ("Type instantiation is excessively deep and possibly infinite") here.
async function consumer(client: AmazonPayClient) {
  const { data, metadata } = await client.withResponse.getCharge('S02-0000000-0000000-C000001');
  const state: string | undefined = data.statusDetails?.state;
  const requestId: string | undefined = metadata.requestId;
  const session = await client.withResponse.createCheckoutSession({
    storeId: 'amzn1.application-oa2-client.x',
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://example.com/review' },
  });
  const checkoutSessionId: string = session.data.checkoutSessionId;
  return { state, requestId, checkoutSessionId };
}

// Generic code over any client, and subclasses with their own members, see the same methods.
async function generic<C extends WebStoreClient>(client: C) {
  const { data } = await client.withResponse.getCharge('S02-0000000-0000000-C000001');
  return data.chargeId;
}
class TracedClient extends WebStoreClient {
  readonly label = 'traced';
  get traced() {
    return this.withResponse;
  }
}
async function subclassed(client: TracedClient) {
  const { data, metadata } = await client.traced.getRefund('S02-0000000-0000000-R000001');
  const viaGetter: string | undefined = data.statusDetails?.state;
  const direct = await client.withResponse.getRefund('S02-0000000-0000000-R000001');
  return [viaGetter, metadata.status, direct.data.refundId] as const;
}

describe('withResponse types', () => {
  it('the OperationArguments table is exactly the methods: same parameters, same results', () => {
    expectTypeOf<Drifted<AmazonPayClient, ClientOperationId>>().toBeNever();
    type Alias = keyof OperationAliases;
    type AliasDrift = {
      [A in Alias]: Same<
        Parameters<(AmazonPayClient & InStoreClient)[A]>,
        OperationArguments[OperationAliases[A]]
      > extends true
        ? never
        : A;
    }[Alias];
    expectTypeOf<AliasDrift>().toBeNever();
  });

  it('keeps each method arguments and wraps its result in { data, metadata }', () => {
    expectTypeOf(consumer).returns.resolves.toEqualTypeOf<{
      state: string | undefined;
      requestId: string | undefined;
      checkoutSessionId: string;
    }>();
    type Charge = Awaited<ReturnType<AmazonPayClient['getCharge']>>;
    type Wrapped = Awaited<ReturnType<AmazonPayClient['withResponse']['getCharge']>>;
    expectTypeOf<Wrapped['data']>().toEqualTypeOf<Charge>();
    expectTypeOf<Wrapped['metadata']>().toEqualTypeOf<ResponseMetadata>();
    expectTypeOf<Parameters<AmazonPayClient['withResponse']['updateStore']>>().toEqualTypeOf<
      Parameters<AmazonPayClient['updateStore']>
    >();
    expectTypeOf<WebStoreClient['withResponse']>().not.toHaveProperty('instoreCharge');
    expectTypeOf<InStoreClient['withResponse']>().toHaveProperty('instoreCharge');
    expectTypeOf<InStoreClient['withResponse']>().not.toHaveProperty('getCharge');
    expectTypeOf<AmazonPayClient['withResponse']>().not.toHaveProperty('generateButtonSignature');
    expectTypeOf(generic).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(subclassed).returns.resolves.toEqualTypeOf<readonly [string | undefined, number, string]>();
    expectTypeOf<WithResponse<InStoreClient>>().toHaveProperty('merchantScan');
    expectTypeOf<keyof OperationArguments>().toEqualTypeOf<ClientOperationId>();
    expect([consumer, generic, subclassed].every((f) => typeof f === 'function')).toBe(true);
  });
});
