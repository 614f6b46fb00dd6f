// SNS messages as AWS documents them ("HTTP/HTTPS notification JSON format"), signed over the
// string to sign of "Verifying the signatures of Amazon SNS messages".
import { bytesToBase64 } from '@amazon-pay-ts/signer/pem';
import type { SnsMessage } from '@amazon-pay-ts/types';
import type { IssuedCertificate } from './certificate.js';

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_FIELDS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

/**
 * The simulator's own copy of the string to sign (the notifications package has the receiver's):
 * two independent implementations of AWS's rule, checked against each other by the tests.
 */
export function stringToSign(message: Record<string, unknown>): string {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  return fields
    .filter((field) => message[field] !== undefined && message[field] !== null)
    .map((field) => `${field}\n${String(message[field])}\n`)
    .join('');
}

export interface NotificationInput {
  messageId: string;
  topicArn: string;
  /** The Amazon Pay message, JSON text. */
  message: string;
  timestamp: Date;
  signatureVersion: '1' | '2';
  signingCertUrl: string;
}

export async function signedNotification(
  input: NotificationInput,
  certificate: IssuedCertificate,
): Promise<SnsMessage> {
  const message: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: input.messageId,
    TopicArn: input.topicArn,
    Message: input.message,
    Timestamp: input.timestamp.toISOString(),
    SignatureVersion: input.signatureVersion,
  };
  const key = input.signatureVersion === '1' ? certificate.privateKeySha1 : certificate.privateKey;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key,
    new TextEncoder().encode(stringToSign(message)),
  );
  return {
    ...message,
    Signature: bytesToBase64(new Uint8Array(signature)),
    SigningCertURL: input.signingCertUrl,
  } as SnsMessage;
}
