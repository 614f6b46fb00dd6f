import { describe, expect, it } from 'vitest';
import { createMemorySeenStore, type SeenStore } from './seenStore.js';
import { runSeenStoreContract } from './testing.js';

/** A store over a Map of id → expiry, with the faults a real store might have. */
function mapStore(
  faults: {
    ignoreTtl?: boolean;
    releaseForgets?: boolean;
    completeKeepsClaimTtl?: boolean;
    caseInsensitive?: boolean;
    truncateAt?: number;
    yieldBetweenReadAndWrite?: boolean;
    throwOnUnknownRelease?: boolean;
  } = {},
): SeenStore {
  const entries = new Map<string, number>();
  const key = (id: string) => {
    const cased = faults.caseInsensitive ? id.toLowerCase() : id;
    return faults.truncateAt ? cased.slice(0, faults.truncateAt) : cased;
  };
  const expiry = (ttlMs: number) => (faults.ignoreTtl ? Number.POSITIVE_INFINITY : Date.now() + ttlMs);
  return {
    async claim(id, ttlMs) {
      const until = entries.get(key(id));
      if (faults.yieldBetweenReadAndWrite) await new Promise((resolve) => setTimeout(resolve, 1));
      if (until !== undefined && until > Date.now()) return false;
      entries.set(key(id), expiry(ttlMs));
      return true;
    },
    complete(id, ttlMs) {
      if (faults.completeKeepsClaimTtl && entries.has(key(id))) return;
      entries.set(key(id), expiry(ttlMs));
    },
    release(id) {
      if (faults.throwOnUnknownRelease && !entries.has(key(id))) throw new Error('no such id');
      if (faults.releaseForgets !== false) entries.delete(key(id));
    },
  };
}

describe('runSeenStoreContract', () => {
  it('passes for the in-memory store and for a correct Map-backed store', async () => {
    await runSeenStoreContract(() => createMemorySeenStore());
    await runSeenStoreContract(async () => mapStore());
  });

  it.each([
    [{ yieldBetweenReadAndWrite: true }, /atomic/],
    [{ releaseForgets: false }, /release/],
    [{ throwOnUnknownRelease: true }, /release/],
    [{ caseInsensitive: true }, /exactly/],
    [{ truncateAt: 64 }, /exactly/],
    [{ ignoreTtl: true }, /expir/],
    [{ completeKeepsClaimTtl: true }, /complete/],
  ])('throws naming the rule a faulty store breaks: %o', async (faults, rule) => {
    await expect(runSeenStoreContract(() => mapStore(faults))).rejects.toThrow(rule);
  });

  it('reports the rule in an Error a test runner shows as is', async () => {
    const error = await runSeenStoreContract(() => mapStore({ releaseForgets: false })).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^SeenStore contract: /);
  });
});
