import { describe, expect, it } from 'vitest';
import { diffShapes, sameShape, shapeOf } from './shape.js';

describe('JSON shapes', () => {
  it('records paths and types, never values', () => {
    const shape = shapeOf({ id: 'secret-id', amount: { amount: '1.00' }, list: [1, 'a'], gone: null });
    expect(shape).toEqual({
      '(root)': 'object',
      amount: 'object',
      'amount.amount': 'string',
      gone: 'null',
      id: 'string',
      list: 'array',
      'list[]': 'number|string',
    });
    expect(JSON.stringify(shape)).not.toContain('secret-id');
  });

  it('treats null as compatible with any type, and names missing, extra and retyped paths', () => {
    expect(sameShape(diffShapes(shapeOf({ a: null }), shapeOf({ a: 'x' })))).toBe(true);
    const diff = diffShapes(shapeOf({ a: 1, b: 'x' }), shapeOf({ a: 'one', c: true }));
    expect(diff).toEqual({ onlyLeft: ['b'], onlyRight: ['c'], typeDiffers: ['a'] });
  });
});
