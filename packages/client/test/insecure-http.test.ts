import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { AmazonPayConfigError } from '../src/index.js';

// Issue 21, found 2: a simulator in another container (`http://simulator:4010`) could not be used at
// all, because plain http is refused to any host but loopback. Now it can, when the merchant says so.
describe('plain http to a host that is not loopback', () => {
  const base = { region: 'na', publicKeyId: 'SANDBOX-AKEY', privateKey: 'unused' } as const;

  it('is refused without allowInsecureHttp, and the refusal names the option', () => {
    expect(() => resolveConfig({ ...base, baseUrl: 'http://simulator:4010' })).toThrow(AmazonPayConfigError);
    expect(() => resolveConfig({ ...base, baseUrl: 'http://simulator:4010' })).toThrow(
      /allowInsecureHttp: true/,
    );
  });

  it('is accepted with allowInsecureHttp: true', () => {
    const config = resolveConfig({ ...base, baseUrl: 'http://simulator:4010', allowInsecureHttp: true });
    expect(config.baseUrl).toBe('http://simulator:4010');
  });

  it('takes only a boolean, and changes nothing for https or loopback', () => {
    expect(() =>
      resolveConfig({
        ...base,
        baseUrl: 'http://simulator:4010',
        allowInsecureHttp: 'yes' as unknown as boolean,
      }),
    ).toThrow(/allowInsecureHttp must be true or false/);
    expect(
      resolveConfig({ ...base, baseUrl: 'https://simulator:4010', allowInsecureHttp: false }).baseUrl,
    ).toBe('https://simulator:4010');
    expect(resolveConfig({ ...base, baseUrl: 'http://127.0.0.1:4010' }).baseUrl).toBe(
      'http://127.0.0.1:4010',
    );
  });
});
