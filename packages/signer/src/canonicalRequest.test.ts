import { describe, expect, it } from 'vitest';
import { canonicalRequest } from './canonicalRequest.js';
import { EMPTY_SHA256 } from './sha256.js';

describe('canonicalRequest', () => {
  it('joins the six parts with \\n, leaving a blank line after the headers block', () => {
    expect(
      canonicalRequest({
        method: 'get',
        canonicalUri: '/v2/charges/C01',
        canonicalQuery: '',
        canonicalHeaders: 'accept:application/json\n',
        signedHeaders: 'accept',
        payloadHash: EMPTY_SHA256,
      }),
    ).toBe(`GET\n/v2/charges/C01\n\naccept:application/json\n\naccept\n${EMPTY_SHA256}`);
  });
});
