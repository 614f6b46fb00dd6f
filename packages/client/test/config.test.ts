import { generateKeyPairPem, SignerError } from '@amazon-pay-ts/signer';
import { describe, expect, it } from 'vitest';
import { WebStoreClient } from '../src/client.js';
import { type ClientConfig, resolveConfig } from '../src/config.js';
import { keyEnvironment, normalizeRegion, resolveBaseUrl } from '../src/endpoint.js';
import { AmazonPayConfigError } from '../src/errors.js';

const base: ClientConfig = {
  region: 'eu',
  environment: 'sandbox',
  publicKeyId: 'AHEGSJCM3KLMEHK7XHSY2EXQ',
  privateKey: 'x',
};

function configError(config: Partial<ClientConfig> & Record<string, unknown>): AmazonPayConfigError {
  try {
    resolveConfig({ ...base, ...config } as ClientConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    return error as AmazonPayConfigError;
  }
  throw new Error('expected a config error');
}

describe('regions', () => {
  it.each([
    ['na', 'na'],
    ['us', 'na'],
    ['US', 'na'],
    ['eu', 'eu'],
    ['de', 'eu'],
    ['UK', 'eu'],
    ['jp', 'jp'],
    ['JP', 'jp'],
  ])('%s → %s', (input, region) => {
    expect(normalizeRegion(input)).toBe(region);
  });

  it.each(['fr', '', 'europe', undefined, 3])('rejects %s', (input) => {
    expect(normalizeRegion(input)).toBeUndefined();
  });
});

describe('base URL', () => {
  it.each([
    ['na', 'sandbox', 'AKEY', 'https://pay-api.amazon.com/sandbox'],
    ['eu', 'live', 'AKEY', 'https://pay-api.amazon.eu/live'],
    ['jp', 'sandbox', 'AKEY', 'https://pay-api.amazon.jp/sandbox'],
    ['eu', undefined, 'SANDBOX-AKEY', 'https://pay-api.amazon.eu'],
    ['na', 'live', 'LIVE-AKEY', 'https://pay-api.amazon.com'],
    ['jp', undefined, 'live-akey', 'https://pay-api.amazon.jp'],
  ] as const)('%s %s %s → %s', (region, environment, publicKeyId, url) => {
    expect(resolveBaseUrl({ region, environment, publicKeyId })).toBe(url);
    expect(resolveConfig({ region, environment, publicKeyId, privateKey: 'x' }).baseUrl).toBe(url);
  });

  it('puts the environment segment after an overridden base URL (a simulator)', () => {
    expect(resolveConfig({ ...base, baseUrl: 'http://127.0.0.1:4010/' }).baseUrl).toBe(
      'http://127.0.0.1:4010/sandbox',
    );
    expect(resolveConfig({ ...base, environment: undefined, baseUrl: 'http://127.0.0.1:4010' }).baseUrl).toBe(
      'http://127.0.0.1:4010',
    );
    expect(
      resolveConfig({ ...base, publicKeyId: 'SANDBOX-K', baseUrl: 'http://127.0.0.1:4010/mock' }).baseUrl,
    ).toBe('http://127.0.0.1:4010/mock');
  });

  it('reads the environment from LIVE-/SANDBOX- key ids', () => {
    expect(keyEnvironment('SANDBOX-AXXX')).toBe('sandbox');
    expect(keyEnvironment('LIVE-AXXX')).toBe('live');
    expect(keyEnvironment('AXXX')).toBeUndefined();
    expect(resolveConfig({ ...base, environment: undefined, publicKeyId: 'LIVE-AXXX' }).environment).toBe(
      'live',
    );
  });
});

describe('resolveConfig', () => {
  it('applies defaults', () => {
    expect(resolveConfig(base)).toEqual({
      region: 'eu',
      environment: 'sandbox',
      publicKeyId: 'AHEGSJCM3KLMEHK7XHSY2EXQ',
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      baseUrl: 'https://pay-api.amazon.eu/sandbox',
      maxRetries: 3,
      timeoutMs: 60_000,
      attemptTimeoutMs: 20_000,
      userAgentSuffix: undefined,
      validateResponses: 'warn',
    });
  });

  it('never copies the private key', () => {
    expect(JSON.stringify(resolveConfig({ ...base, privateKey: 'SECRET-PEM' }))).not.toContain('SECRET-PEM');
  });

  it.each<[string, Record<string, unknown>]>([
    ['region', { region: 'fr' }],
    ['region', { region: undefined }],
    ['environment', { environment: 'production' }],
    ['environment', { environment: undefined }],
    ['environment', { environment: 'live', publicKeyId: 'SANDBOX-AXXX' }],
    ['publicKeyId', { publicKeyId: '' }],
    ['publicKeyId', { publicKeyId: undefined }],
    ['publicKeyId', { publicKeyId: 'A B' }],
    ['algorithm', { algorithm: 'RSA-SHA256' }],
    ['baseUrl', { baseUrl: 'ftp://example.com' }],
    ['baseUrl', { baseUrl: 'not a url' }],
    ['baseUrl', { baseUrl: 'http://127.0.0.1:1/?x=1' }],
    ['fetch', { fetch: 'fetch' }],
    ['maxRetries', { maxRetries: -1 }],
    ['maxRetries', { maxRetries: 1.5 }],
    ['maxRetries', { maxRetries: 11 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['userAgentSuffix', { userAgentSuffix: 'a\r\nx-evil: 1' }],
    ['validateResponses', { validateResponses: 'loud' }],
    ['logger', { logger: {} }],
  ])('rejects a bad %s (%o)', (field, config) => {
    const error = configError(config);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('accepts case variants of environment', () => {
    expect(resolveConfig({ ...base, environment: 'SANDBOX' }).environment).toBe('sandbox');
  });
});

describe('signer errors become config errors by their code', () => {
  const base = { region: 'eu', publicKeyId: 'SANDBOX-AKEYID0001' } as const;
  const configError = (privateKey: string) => {
    try {
      new WebStoreClient({ ...base, privateKey });
    } catch (error) {
      return error as AmazonPayConfigError;
    }
    throw new Error('expected the constructor to throw');
  };

  it('a key path that cannot be read is named as given, once prefixed, with the signer code', () => {
    const error = configError('./keys/nope.pem');
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect(error).toMatchObject({ field: 'privateKey', code: 'KEY_FILE_NOT_FOUND' });
    // A path is not a secret: the message names it, so the merchant can see which file is missing.
    expect(error.message).toContain('"./keys/nope.pem"');
    expect(error.message).toContain('ENOENT');
    expect(error.message).not.toContain('[private key]');
    expect(error.message).not.toMatch(/privateKey: privateKey/);
    expect(error.cause).toBeInstanceOf(SignerError);
  });

  it('key problems keep the signer code; messages never hold key material', async () => {
    const { privateKeyPem } = await generateKeyPairPem(2048);
    const broken = privateKeyPem.replace(/\n[A-Za-z0-9+/=]{10}/, '\n!!!!!!!!!!');
    const error = configError(broken);
    expect(error.field).toBe('privateKey');
    expect(error.code).toMatch(/^(NOT_PEM|INVALID_KEY)$/);
    const keyLine = privateKeyPem.split('\n')[2] ?? '';
    expect(keyLine.length).toBeGreaterThan(20);
    expect(error.message).not.toContain(keyLine.slice(0, 20));
  });

  it('a key id the signer would refuse is a publicKeyId error, before any key is read', () => {
    expect(
      () => new WebStoreClient({ ...base, publicKeyId: 'SANDBOX-A/B', privateKey: './nope.pem' }),
    ).toThrow(expect.objectContaining({ name: 'AmazonPayConfigError', field: 'publicKeyId' }));
  });
});
