import { describe, expect, it } from 'vitest';
import { isWildcardHost, reachableHost } from './hosts.js';

describe('reachableHost', () => {
  it.each([
    ['0.0.0.0', '127.0.0.1', true],
    ['::', '[::1]', true],
    ['[::]', '[::1]', true],
    ['0:0:0:0:0:0:0:0', '[::1]', true],
    ['127.0.0.1', '127.0.0.1', false],
    ['::1', '[::1]', false],
    ['192.168.1.5', '192.168.1.5', false],
    ['localhost', 'localhost', false],
  ])('%s is reached at %s (wildcard: %s)', (host, reachable, wildcard) => {
    expect(reachableHost(host)).toBe(reachable);
    expect(isWildcardHost(host)).toBe(wildcard);
  });
});
