import { describe, expect, it } from 'vitest';
import { createMemorySeenStore } from './seenStore.js';

describe('createMemorySeenStore', () => {
  it('remembers ids and forgets the least recently added beyond its bound', () => {
    const store = createMemorySeenStore(3);
    for (const id of ['a', 'b', 'c']) store.add(id);
    store.add('a'); // refreshed: now the newest
    store.add('d');
    expect([store.has('a'), store.has('b'), store.has('c'), store.has('d')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(store.size).toBe(3);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemorySeenStore(0)).toThrow(RangeError);
    expect(() => createMemorySeenStore(1.5)).toThrow(RangeError);
  });
});
