import type { Charge } from '@amazon-pay-ts/types';
import { describe, expect, it } from 'vitest';
import type { Handler, HandlerTable, RequestContext, SuccessBody, UndeclaredFields } from './handler.js';
import { allHandlers } from './resources/index.js';

/**
 * The handler types hold the spec's shapes: these lines are checked by `tsc` (each
 * `@ts-expect-error` must meet an error, or the type check fails).
 */
type Declared<A, S> = [UndeclaredFields<A, S>] extends [never] ? true : UndeclaredFields<A, S>;

describe('handler types from the spec', () => {
  it('name every field a handler returns that the spec does not declare', () => {
    const exact: Declared<{ chargeId: string; statusDetails: { state: string } }, Charge> = true;
    // @ts-expect-error: `.statusDetails.since` is not in the spec's Charge
    const nested: Declared<{ chargeId: string; statusDetails: { since: string } }, Charge> = true;
    // @ts-expect-error: neither is a top-level `.capturedBy`
    const top: Declared<{ chargeId: string; capturedBy: string }, Charge> = true;
    expect([exact, nested, top]).toEqual([true, true, true]);
  });

  it("type a handler's context and answer by its operation", () => {
    const getCharge: Handler<'getCharge'> = (ctx: RequestContext<'getCharge'>) => ({
      chargeId: ctx.params.chargeId,
    });
    // @ts-expect-error: getCharge's path has no refundId
    const wrongParam: Handler<'getCharge'> = (ctx) => ({ chargeId: ctx.params.refundId });
    // @ts-expect-error: a charge answer needs its chargeId
    const wrongBody: Handler<'getCharge'> = () => ({ chargePermissionId: 'S01-0000000-0000000' });
    const body: SuccessBody<'updateAmazonPayAccount'> = undefined;
    expect([typeof getCharge, typeof wrongParam, typeof wrongBody, body]).toEqual([
      'function',
      'function',
      'function',
      undefined,
    ]);
  });

  it('need a handler for every operation of the spec', () => {
    // @ts-expect-error: a table without the other operations is not a HandlerTable
    const partial: HandlerTable = { getCharge: allHandlers.getCharge };
    expect(Object.keys(partial)).toEqual(['getCharge']);
  });
});
