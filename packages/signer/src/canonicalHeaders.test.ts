import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalHeaderValue,
  normalizeHeaders,
  signedHeaderList,
} from './canonicalHeaders.js';

describe('canonicalHeaderValue', () => {
  it('trims and collapses runs of whitespace', () => {
    expect(canonicalHeaderValue('  a   b \t c  ')).toBe('a b c');
  });
  it('leaves a clean value alone', () => {
    expect(canonicalHeaderValue('application/json')).toBe('application/json');
  });
});

describe('canonicalHeaders', () => {
  it('lower-cases names, sorts them and ends every line with \\n', () => {
    expect(canonicalHeaders({ 'X-Amz-Pay-Region': 'na', Accept: 'application/json' })).toBe(
      'accept:application/json\nx-amz-pay-region:na\n',
    );
  });
  it('canonicalises values with runs of spaces', () => {
    expect(canonicalHeaders([['x-amz-pay-idempotency-key', '  key   with  spaces ']])).toBe(
      'x-amz-pay-idempotency-key:key with spaces\n',
    );
  });
  it('reads a Headers object', () => {
    expect(canonicalHeaders(new Headers({ b: '2', a: '1' }))).toBe('a:1\nb:2\n');
  });
  it('folds a name given twice in different case', () => {
    expect(
      normalizeHeaders([
        ['X-A', '1'],
        ['x-a', '2'],
      ]),
    ).toEqual([['x-a', '1,2']]);
  });
  it('is empty for no headers', () => {
    expect(canonicalHeaders({})).toBe('');
  });
});

describe('signedHeaderList', () => {
  it('is the sorted lower-case names joined with ;', () => {
    expect(signedHeaderList({ 'x-amz-pay-date': 'd', Accept: 'a', 'content-type': 'c' })).toBe(
      'accept;content-type;x-amz-pay-date',
    );
  });
});
