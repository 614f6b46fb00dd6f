import { describe, expect, it } from 'vitest';
import { formatAuthorization, parseAuthorizationHeader } from './authorization.js';

describe('formatAuthorization / parseAuthorizationHeader', () => {
  it('round-trip', () => {
    const header = formatAuthorization(
      'AMZN-PAY-RSASSA-PSS-V2',
      'SANDBOX-AB1',
      'accept;x-amz-pay-date',
      'c2ln+/w==',
    );
    expect(header).toBe(
      'AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-AB1, SignedHeaders=accept;x-amz-pay-date, Signature=c2ln+/w==',
    );
    expect(parseAuthorizationHeader(header)).toEqual({
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      publicKeyId: 'SANDBOX-AB1',
      signedHeaders: ['accept', 'x-amz-pay-date'],
      signedHeadersRaw: 'accept;x-amz-pay-date',
      signature: 'c2ln+/w==',
    });
  });
  it('tolerates missing spaces after commas', () => {
    expect(parseAuthorizationHeader('A PublicKeyId=k,SignedHeaders=a,Signature=AA==')?.publicKeyId).toBe('k');
  });
  it('rejects other shapes', () => {
    for (const bad of [
      '',
      'Bearer x',
      'A PublicKeyId=k, Signature=AA==',
      'A PublicKeyId=k, SignedHeaders=a;;b, Signature=AA==',
    ]) {
      expect(parseAuthorizationHeader(bad)).toBeNull();
    }
  });
});
