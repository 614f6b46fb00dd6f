import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from './idempotency.js';

const body = new TextEncoder().encode('{}');

describe('idempotency store', () => {
  it('replays for the same request, per merchant, and refuses a different request', () => {
    const store = new IdempotencyStore();
    const fingerprint = IdempotencyStore.fingerprint('POST', '/v2/charges', body);
    store.remember('key-1', 'k', { fingerprint, status: 201, body: '{"a":1}', storedAt: 0 });
    expect(store.lookup('key-1', 'k', fingerprint)).toMatchObject({ status: 201, body: '{"a":1}' });
    expect(store.lookup('key-2', 'k', fingerprint)).toBeUndefined();
    const other = IdempotencyStore.fingerprint('POST', '/v2/refunds', body);
    expect(() => store.lookup('key-1', 'k', other)).toThrow(
      expect.objectContaining({ reasonCode: 'DuplicateIdempotencyKey' }),
    );
  });
});
