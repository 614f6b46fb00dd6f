import { describe, expect, it } from 'vitest';
import { builtInPages } from './index.js';
import { findPage } from './pages.js';

const at = (method: string, path: string) => ({
  method,
  url: new URL(path, 'http://sim.local'),
  headers: {},
});

describe('mounted pages', () => {
  it('matches the button before the hosted pages, and leaves API paths to the API chain', () => {
    expect(findPage(builtInPages, at('POST', '/checkout/button'))?.name).toBe('button');
    expect(findPage(builtInPages, at('GET', '/checkout/signin'))?.name).toBe('hosted-pages');
    expect(findPage(builtInPages, at('GET', '/checkout.js'))?.name).toBe('checkout-js');
    expect(findPage(builtInPages, at('POST', '/checkout/start'))?.name).toBe('checkout-js');
    expect(findPage(builtInPages, at('GET', '/checkout/start'))?.name).toBe('hosted-pages');
    expect(findPage(builtInPages, at('GET', '/documents/abc'))?.name).toBe('documents');
    expect(findPage(builtInPages, at('GET', '/'))?.name).toBe('home');
    expect(findPage(builtInPages, at('GET', '/v2/charges/x'))).toBeUndefined();
    expect(findPage(builtInPages, at('POST', '/'))).toBeUndefined();
  });

  it('asks pages in order, so a page listed first wins', () => {
    const first = { name: 'first', match: () => true, handle: () => {} };
    expect(findPage([first, ...builtInPages], at('GET', '/'))?.name).toBe('first');
  });
});
