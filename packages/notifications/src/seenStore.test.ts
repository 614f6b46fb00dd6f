import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemorySeenStore } from './seenStore.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createMemorySeenStore', () => {
  it('claims an id once, until it is released', () => {
    const store = createMemorySeenStore();
    expect(store.claim('a', 60_000)).toBe(true);
    expect(store.claim('a', 60_000)).toBe(false);
    store.release('a');
    expect(store.claim('a', 60_000)).toBe(true);
    store.complete('a', 60_000);
    expect(store.claim('a', 60_000)).toBe(false);
  });

  it('keeps at most maxEntries ids, forgetting the least recently claimed first', () => {
    const store = createMemorySeenStore(3);
    for (const id of ['a', 'b', 'c']) store.claim(id, 60_000);
    store.complete('a', 60_000); // refreshed: now the newest
    store.claim('d', 60_000);
    expect(store.size).toBe(3);
    expect([store.claim('a', 60_000), store.claim('c', 60_000), store.claim('b', 60_000)]).toEqual([
      false,
      false,
      true, // 'b' was the oldest when 'd' came
    ]);
    expect(store.size).toBe(3);
  });

  it('honours expiry: an expired claim or completion can be claimed again, and expired ids are dropped', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = createMemorySeenStore();
    store.claim('lease', 1_000);
    store.claim('done', 1_000);
    store.complete('done', 10_000);
    vi.advanceTimersByTime(1_001);
    expect(store.claim('lease', 1_000)).toBe(true);
    expect(store.claim('done', 1_000)).toBe(false);
    vi.advanceTimersByTime(10_000);
    store.claim('fresh', 1_000);
    // 'lease' and 'done' expired: the store no longer holds them.
    expect(store.size).toBe(1);
    expect(store.claim('done', 1_000)).toBe(true);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemorySeenStore(0)).toThrow(RangeError);
    expect(() => createMemorySeenStore(1.5)).toThrow(RangeError);
  });
});
