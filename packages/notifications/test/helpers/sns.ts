// Test-time SNS: a CA and a signing certificate made with the openssl command (an implementation
// independent of ours), and a signer that builds SNS messages the way AWS documents them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnsMessage } from '@amazon-pay-ts/types';
import { snsStringToSign } from '../../src/stringToSign.js';

export const CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000a.pem';
/** A topic in the AWS account Amazon Pay publishes IPNs from (marketplace id + merchant id as its name). */
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2TESTMERCHANT';
/** Anyone's topic: SNS signs its messages with the same certificates as Amazon Pay's. */
export const STRANGER_TOPIC_ARN = 'arn:aws:sns:us-east-1:666666666666:attacker-topic';
/** The merchant id of `ipnMessage()`. */
export const MERCHANT_ID = 'A2TESTMERCHANT';

export interface TestSns {
  certificatePem: string;
  privateKeyPem: string;
  /** Serves the certificate for CERT_URL; counts calls. */
  fetchCertificate: ((url: string) => Promise<string>) & { calls: string[] };
  sign(fields: Partial<SnsMessage>, version?: '1' | '2'): Promise<SnsMessage>;
}

/** openssl: a CA, then a 2048-bit leaf issued by it (as SNS's certificates are CA-issued). */
export function opensslCertificate(): { certificatePem: string; privateKeyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-notifications-test-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Test SNS CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    );
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=sns.amazonaws.com',
      '-keyout',
      'leaf.key',
      '-out',
      'leaf.csr',
    );
    run(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      'leaf.pem',
    );
    return {
      certificatePem: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
      privateKeyPem: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

export async function signWith(
  privateKeyPem: string,
  message: SnsMessage,
  version: '1' | '2',
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'pkcs8',
    pemBody(privateKeyPem),
    { name: 'RSASSA-PKCS1-v1_5', hash: version === '1' ? 'SHA-1' : 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key,
    new TextEncoder().encode(snsStringToSign(message)),
  );
  return Buffer.from(signature).toString('base64');
}

export function ipnMessage(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ReleaseEnvironment: 'Sandbox',
    MerchantID: MERCHANT_ID,
    ObjectType: 'CHARGE',
    ObjectId: 'S01-1111111-2222222-C333333',
    ChargePermissionId: 'S01-1111111-2222222',
    NotificationType: 'STATE_CHANGE',
    NotificationId: crypto.randomUUID(),
    NotificationVersion: 'V2',
    ...overrides,
  });
}

export function createTestSns(): TestSns {
  const { certificatePem, privateKeyPem } = opensslCertificate();
  const calls: string[] = [];
  const fetchCertificate = Object.assign(
    async (url: string) => {
      calls.push(url);
      return certificatePem;
    },
    { calls },
  );
  return {
    certificatePem,
    privateKeyPem,
    fetchCertificate,
    async sign(fields, version = '2') {
      const message = {
        Type: 'Notification',
        MessageId: crypto.randomUUID(),
        TopicArn: TOPIC_ARN,
        Message: ipnMessage(),
        Timestamp: new Date().toISOString(),
        SignatureVersion: version,
        Signature: '',
        SigningCertURL: CERT_URL,
        UnsubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
        ...fields,
      } as SnsMessage;
      message.Signature = await signWith(privateKeyPem, message, version);
      return message;
    },
  };
}
