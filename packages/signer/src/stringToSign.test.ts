import { describe, expect, it } from 'vitest';
import { stringToSign } from './stringToSign.js';

describe('stringToSign', () => {
  it('is the algorithm name, a newline and the canonical-request hash', () => {
    expect(stringToSign('AMZN-PAY-RSASSA-PSS', 'ab12')).toBe('AMZN-PAY-RSASSA-PSS\nab12');
    expect(stringToSign('AMZN-PAY-RSASSA-PSS-V2', 'ab12')).toBe('AMZN-PAY-RSASSA-PSS-V2\nab12');
  });
});
