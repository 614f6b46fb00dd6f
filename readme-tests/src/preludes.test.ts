import { describe, expect, it } from 'vitest';
import { declaredNames, environmentName, preludeSource } from './preludes.js';

describe('preludes', () => {
  it('lists the names a prelude declares at the top level, destructured ones included', () => {
    const source = [
      "import { x } from './x.js';",
      'const client = make();',
      'const { checkoutSessionId, chargeId: charge, ...rest } = await x();',
      'const [first, , third] = list;',
      'function helper() { const inner = 1; return inner; }',
    ].join('\n');
    expect(declaredNames(source)).toEqual([
      'client',
      'checkoutSessionId',
      'charge',
      'rest',
      'first',
      'third',
    ]);
    expect(declaredNames(preludeSource('completed-checkout'))).toEqual([
      'checkoutSessionId',
      'chargePermissionId',
      'chargeId',
      'orderId',
    ]);
  });

  it('names environment variables in upper snake case', () => {
    expect(environmentName('checkoutSessionId')).toBe('CHECKOUT_SESSION_ID');
    expect(environmentName('orderId')).toBe('ORDER_ID');
  });

  it('names the file to add for an unknown prelude', () => {
    expect(() => preludeSource('nope')).toThrow('add readme-tests/preludes/nope.ts');
  });
});
