import { describe, expect, it } from 'vitest';
import { publicOrigin } from './public-origin.js';

describe('publicOrigin: configuration only, https outside local loopback', () => {
  it.each([
    ['https://shop.example', false, 'https://shop.example'],
    ['https://shop.example:8443/', false, 'https://shop.example:8443'],
    [undefined, true, 'http://127.0.0.1:3000'],
    ['http://localhost:3000', true, 'http://localhost:3000'],
    ['https://tunnel.example', true, 'https://tunnel.example'],
  ])('%s (local %s) → %s', (configured, local, expected) => {
    expect(publicOrigin(configured, local, 'http://127.0.0.1:3000')).toBe(expected);
  });

  it.each([
    [undefined, false, /set STOREFRONT_PUBLIC_URL/],
    ['http://shop.example', false, /must be https/],
    ['http://192.168.1.20:3000', true, /only for loopback/],
    [undefined, true, /only for loopback/, 'http://0.0.0.0:3000'],
    ['https://shop.example/shop', false, /origin only/],
    ['https://user:pw@shop.example', false, /origin only/],
    ['shop.example', false, /not a URL/],
  ])('refuses %s (local %s)', (configured, local, message, listening = 'http://127.0.0.1:3000') => {
    expect(() => publicOrigin(configured, local, listening as string)).toThrow(message as RegExp);
  });
});
