import { describe, expect, it } from 'vitest';
import { canonicalQuery, encodedQueryPairs, joinQuery } from './canonicalQuery.js';

describe('canonicalQuery', () => {
  it('is empty for no query', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?')).toBe('');
    expect(canonicalQuery([])).toBe('');
  });
  it('sorts by name, then value, keeping repeated names', () => {
    expect(canonicalQuery('b=2&a=2&a=1&a=10')).toBe('a=1&a=10&a=2&b=2');
  });
  it('sorts in code-unit order (upper case first)', () => {
    expect(
      canonicalQuery([
        ['foo', 'aha'],
        ['foo', 'Zoo'],
      ]),
    ).toBe('foo=Zoo&foo=aha');
  });
  it('encodes spaces as %20, never +', () => {
    expect(canonicalQuery([['f oo', 'b ar']])).toBe('f%20oo=b%20ar');
  });
  it('reads + in a raw query as a space, and %2B as a plus', () => {
    expect(canonicalQuery('?q=a+b&r=a%2Bb')).toBe('q=a%20b&r=a%2Bb');
  });
  it('encodes +, / and reserved characters in pairs, keeps ~', () => {
    expect(canonicalQuery([['k', 'a+b/c~d*e!']])).toBe('k=a%2Bb%2Fc~d%2Ae%21');
  });
  it('encodes unicode names and values as UTF-8', () => {
    expect(canonicalQuery([['ሴ', 'é']])).toBe('%E1%88%B4=%C3%A9');
  });
  it('gives an empty value to a name without =', () => {
    expect(canonicalQuery('flag&x=1')).toBe('flag=&x=1');
  });
  it('accepts URLSearchParams', () => {
    expect(canonicalQuery(new URLSearchParams({ z: '1', a: 'x y' }))).toBe('a=x%20y&z=1');
  });
  it('sorts by encoded name: "A.10" before "A.2"', () => {
    expect(canonicalQuery('A.2=x&A.10=x&A.1=x')).toBe('A.1=x&A.10=x&A.2=x');
  });
});

describe('encodedQueryPairs / joinQuery', () => {
  it('keep the original order', () => {
    expect(joinQuery(encodedQueryPairs('b=1&a=x y'))).toBe('b=1&a=x%20y');
  });
});
