import { describe, expect, it } from 'vitest';
import { NotificationError } from './errors.js';
import { checkSigningCertUrl, checkSubscribeUrl } from './signingCertUrl.js';

const refusal = (url: string, policy = {}) => {
  try {
    checkSigningCertUrl(url, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).reason).toBe('UNTRUSTED_CERTIFICATE_URL');
    return (error as Error).message;
  }
  throw new Error(`accepted ${url}`);
};

describe('checkSigningCertUrl', () => {
  it('accepts https SNS hosts of every partition form with a .pem path', () => {
    for (const url of [
      'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
      'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
      'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem',
      'https://SNS.US-EAST-1.AMAZONAWS.COM/x.pem',
    ]) {
      expect(checkSigningCertUrl(url).protocol).toBe('https:');
    }
  });

  it('refuses http, other hosts, suffix tricks, user info, ports, queries and non-.pem paths', () => {
    expect(refusal('http://sns.us-east-1.amazonaws.com/cert.pem')).toMatch(/not https/);
    expect(refusal('https://sns.us-east-1.amazonaws.com.evil.example/cert.pem')).toMatch(/host/);
    expect(refusal('https://evil.example/sns.us-east-1.amazonaws.com/cert.pem')).toMatch(/host/);
    expect(refusal('https://sns.us-east-1.amazonaws.com@evil.example/cert.pem')).toMatch(/user info|host/);
    expect(refusal('https://evil.example@sns.us-east-1.amazonaws.com/cert.pem')).toMatch(/user info/);
    expect(refusal('https://sns.us-east-1.evil.amazonaws.com/cert.pem')).toMatch(/host/);
    expect(refusal('https://notsns.us-east-1.amazonaws.com/cert.pem')).toMatch(/host/);
    expect(refusal('https://sns.us-east-1.amazonaws.com:8443/cert.pem')).toMatch(/port/);
    expect(refusal('https://sns.us-east-1.amazonaws.com/cert.pem?x=1')).toMatch(/query/);
    expect(refusal('https://sns.us-east-1.amazonaws.com/cert.pem#frag')).toMatch(/fragment/);
    expect(refusal('https://sns.us-east-1.amazonaws.com/cert.txt')).toMatch(/\.pem/);
    expect(refusal('https://sns.us-east-1.amazonaws.com/cert.pem/')).toMatch(/\.pem/);
    expect(refusal('/SimpleNotificationService.pem')).toMatch(/absolute/);
    expect(refusal('file:///etc/cert.pem')).toMatch(/not https/);
    expect(refusal('https://sns.us-east-1.amazonaws.com%2eevil.example/cert.pem')).toBeTruthy();
  });

  it('refuses S3 endpoints that would serve a bucket named "sns" (issue 19, finding 2): the region must be region-shaped', () => {
    for (const host of [
      'sns.s3.amazonaws.com',
      'sns.s3-external-1.amazonaws.com',
      'sns.s3-accelerate.amazonaws.com',
      'sns.s3-us-west-2.amazonaws.com',
      'sns.s3-website-us-east-1.amazonaws.com',
      'sns.s3-accelerate.dualstack.amazonaws.com',
      'sns.execute-api.amazonaws.com',
      'sns.compute-1.amazonaws.com',
      'sns.cloudfront.amazonaws.com',
      'sns.us-east.amazonaws.com',
      'sns.1.amazonaws.com',
      'sns.-1.amazonaws.com',
    ]) {
      expect(refusal(`https://${host}/SimpleNotificationService-abc.pem`), host).toMatch(/host/);
    }
    for (const host of [
      'sns.us-gov-west-1.amazonaws.com',
      'sns.ap-southeast-2.amazonaws.com',
      'sns.me-central-1.amazonaws.com',
      'sns.cn-northwest-1.amazonaws.com.cn',
    ]) {
      expect(checkSigningCertUrl(`https://${host}/SimpleNotificationService-abc.pem`).hostname).toBe(host);
    }
  });

  it('trusts another origin only when configured, exactly', () => {
    const policy = { trustedCertificateOrigins: ['http://127.0.0.1:4010'] };
    expect(checkSigningCertUrl('http://127.0.0.1:4010/sns/cert.pem', policy).host).toBe('127.0.0.1:4010');
    expect(refusal('http://127.0.0.1:4010/sns/cert.pem')).toMatch(/not https/);
    expect(refusal('http://127.0.0.1:4011/sns/cert.pem', policy)).toMatch(/not https/);
    expect(refusal('http://user@127.0.0.1:4010/sns/cert.pem', policy)).toMatch(/user info/);
  });
});

describe('checkSubscribeUrl', () => {
  it('allows the SNS query form and refuses other hosts', () => {
    expect(
      checkSubscribeUrl('https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t').search,
    ).toContain('ConfirmSubscription');
    expect(() => checkSubscribeUrl('https://evil.example/?Action=ConfirmSubscription')).toThrow(
      NotificationError,
    );
  });
});
