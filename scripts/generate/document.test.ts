import { describe, expect, it } from 'vitest';
import { type OpenApiDocument, openEnumOf, schemaRefsIn } from './document.js';
import { orderComponents } from './zod-module.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      State: { type: 'string', enum: ['Open', 'Closed'] },
      Amount: { type: 'number' },
      Thing: { type: 'object', properties: { state: { $ref: '#/components/schemas/State' } } },
    },
  },
};
const stateRef = { $ref: '#/components/schemas/State' };

describe('openEnumOf', () => {
  it('recognises the open-enum convention, with or without null', () => {
    expect(openEnumOf(document, { anyOf: [stateRef, { type: 'string' }] })).toEqual({
      enumName: 'State',
      nullable: false,
    });
    expect(openEnumOf(document, { anyOf: [{ type: 'string' }, stateRef, { type: 'null' }] })).toEqual({
      enumName: 'State',
      nullable: true,
    });
  });

  it('leaves other unions alone', () => {
    expect(openEnumOf(document, { anyOf: [stateRef, { type: 'null' }] })).toBeUndefined();
    expect(
      openEnumOf(document, { anyOf: [{ $ref: '#/components/schemas/Amount' }, { type: 'string' }] }),
    ).toBe(undefined);
    expect(openEnumOf(document, { anyOf: [stateRef, { type: 'string', maxLength: 3 }] })).toBeUndefined();
    expect(openEnumOf(document, { anyOf: [stateRef, { type: 'number' }] })).toBeUndefined();
    expect(openEnumOf(document, { oneOf: [stateRef, { type: 'string' }] })).toBeUndefined();
  });
});

describe('orderComponents', () => {
  it('puts dependencies first and keeps document order otherwise', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const { order, cyclic } = orderComponents({
      A: { type: 'object', properties: { b: ref('B'), c: ref('C') } },
      B: { type: 'string' },
      C: { type: 'array', items: ref('B') },
      D: { type: 'boolean' },
    });
    expect(order).toEqual(['B', 'C', 'A', 'D']);
    expect([...cyclic]).toEqual([]);
  });

  it('flags the members of reference cycles', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const { order, cyclic } = orderComponents({
      Tree: { type: 'object', properties: { children: { type: 'array', items: ref('Tree') } } },
      Ping: { type: 'object', properties: { pong: ref('Pong') } },
      Pong: { type: 'object', properties: { ping: ref('Ping'), leaf: ref('Leaf') } },
      Leaf: { type: 'string' },
    });
    expect(order.indexOf('Leaf')).toBeLessThan(order.indexOf('Pong'));
    expect([...cyclic].sort()).toEqual(['Ping', 'Pong', 'Tree']);
  });
});

describe('schemaRefsIn', () => {
  it('collects component references once, in order of appearance', () => {
    expect(
      schemaRefsIn({
        allOf: [
          { $ref: '#/components/schemas/B' },
          { properties: { a: { $ref: '#/components/schemas/A' } } },
        ],
        items: { $ref: '#/components/schemas/B' },
        other: { $ref: '#/components/parameters/P' },
      }),
    ).toEqual(['B', 'A']);
  });
});
