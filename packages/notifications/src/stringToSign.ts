import type { SnsMessage } from '@amazon-pay-ts/types';

/** Fields covered by the signature, in the order AWS documents, per message type. */
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
 * SNS's string to sign: `Name\nvalue\n` for each signed field, in AWS's order. For a Notification,
 * `Subject` is included only when present (a null or absent Subject is skipped); for the
 * confirmation types every field is included. Values are used as JSON decoded them, so escaped
 * characters (`\n` in the Message) are back in their original form.
 */
export function snsStringToSign(message: SnsMessage): string {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  let out = '';
  for (const field of fields) {
    const value = (message as unknown as Record<string, unknown>)[field];
    if (field === 'Subject' && (value === undefined || value === null)) continue;
    out += `${field}\n${value === undefined || value === null ? '' : String(value)}\n`;
  }
  return out;
}
