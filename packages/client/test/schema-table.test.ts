import { describe, expect, it } from 'vitest';
import { checkSchema, type SchemaNode } from '../src/schema-table.js';
import { schemaIssues } from '../src/validation.js';

// A small table in the generated format (scripts/generate/compact-schema.ts lists the kinds).
const table: SchemaNode[] = [
  ['|', ['s', 0, 16, '^\\d+(\\.\\d{1,2})?$'], ['n', 0, '>=', 0, '%', 0.01]], // 0 amount
  ['o', { amount: 0, currencyCode: ['e', 'USD', 'EUR'] }, ['amount', 'currencyCode']], // 1 price
  ['o', { id: ['s', 1], price: ['?', 1], tags: ['a', ['s'], 0, 2], child: ['?', 2] }, ['id']], // 2 recursive
  ['o', { name: ['s'] }, [], false], // 3 strict
  ['o', {}, [], ['n', 1]], // 4 catchall of integers
  ['r', ['b']], // 5 record of booleans
  ['o', { size: ['n', 3, '>=', 1, '<=', 100], flag: ['b', 1], kinds: ['a', ['e', 'A', 'B'], 1, null, 2] }], // 6 query
  ['&', 3, ['o', { name: ['s', 0, null, null, 'email'] }]], // 7 intersection
];
const issues = (node: SchemaNode, value: unknown) =>
  checkSchema(table, node, value).map(({ path, message }) => ({ path, message }));

describe('checkSchema', () => {
  it('passes conforming values, unknown fields of loose objects and nulls where allowed', () => {
    expect(
      issues(2, { id: 'a', price: null, child: { id: 'b', price: { amount: '1.50', currencyCode: 'USD' } } }),
    ).toEqual([]);
    expect(issues(2, { id: 'a', addedLater: { any: 1 } })).toEqual([]);
    expect(issues(6, { size: '25', flag: 'Yes', kinds: 'A,B' })).toEqual([]);
    expect(issues(4, { a: 1, b: 2 })).toEqual([]);
  });

  it('names every mismatch with its dotted path and what was expected against what was got', () => {
    expect(
      issues(2, { price: { amount: {}, currencyCode: 'XXX' }, tags: ['a', 'b', 3], child: { id: '' } }),
    ).toEqual([
      { path: 'id', message: 'expected a string, got nothing' },
      {
        path: 'price.amount',
        message: 'expected a string, got an object, or expected a number, got an object',
      },
      { path: 'price.currencyCode', message: 'expected one of "USD", "EUR", got a string' },
      { path: 'tags', message: 'expected at most 2 items, got 3' },
      { path: 'tags.2', message: 'expected a string, got the number 3' },
      { path: 'child.id', message: 'expected a non-empty string' },
    ]);
    expect(issues(2, [])).toEqual([{ path: '(root)', message: 'expected an object, got an array' }]);
  });

  it('checks strict objects, catchalls, records, intersections and coerced query values', () => {
    expect(issues(3, { name: 'x', nmae: 'y' })).toEqual([{ path: 'nmae', message: 'is not a known field' }]);
    expect(issues(4, { a: 1.5 })).toEqual([
      { path: 'a', message: 'expected an integer, got the number 1.5' },
    ]);
    expect(issues(5, { a: true, b: 'no' })).toEqual([
      { path: 'b', message: 'expected true or false, got a string' },
    ]);
    expect(issues(7, { name: 'not an email' })).toEqual([
      { path: 'name', message: 'expected an email address' },
    ]);
    expect(issues(6, { size: '0', flag: 'maybe', kinds: '' })).toEqual([
      { path: 'size', message: 'expected a number at least 1, got 0' },
      { path: 'flag', message: 'expected true or false, got a string' },
      { path: 'kinds.0', message: 'expected one of "A", "B", got a string' },
    ]);
  });

  it("never puts a string value into a message (it may be a buyer's data)", () => {
    const secret = 'buyer-secret@example';
    const found = checkSchema(table, 2, {
      id: secret,
      tags: [secret, secret, secret],
      price: { amount: secret },
    });
    expect(JSON.stringify(found.map(({ message }) => message))).not.toContain('buyer-secret');
  });
});

describe('schemaIssues', () => {
  it('explains a float amount with more than two decimals, for the table the client generated', () => {
    // Entry 0 of the generated table is a request body with PriceInput amounts (createCheckoutSession).
    const found = checkSchema(table, 1, { amount: 12.345, currencyCode: 'USD' });
    expect(found).toHaveLength(1);
    expect(found[0]?.value).toBe(12.345);
    const explained = schemaIssues(0, {
      storeId: 's',
      webCheckoutDetails: {},
      paymentDetails: { chargeAmount: { amount: 12.345, currencyCode: 'USD' } },
    });
    expect(explained).toContainEqual({
      path: 'paymentDetails.chargeAmount.amount',
      message: expect.stringMatching(/^12\.345 has more than 2 decimal places.*"12\.35"/),
    });
  });
});
