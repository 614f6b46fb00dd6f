import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url.js';

describe('safeUrl', () => {
  it('drops user info', () => {
    expect(safeUrl('https://user:secret@pay.example/v2/charges/C1')).toBe(
      'https://pay.example/v2/charges/C1',
    );
  });
  it('redacts the mwsAuthToken segment', () => {
    expect(safeUrl('https://pay.example/v2/authorizationTokens/amzn.mws.123?merchantId=M')).toBe(
      'https://pay.example/v2/authorizationTokens/[redacted]?merchantId=M',
    );
  });
  it('never throws', () => {
    expect(safeUrl('not a url')).toBe('(unparseable URL)');
  });
});
