import { describe, expect, it } from 'vitest';
import { InstantPaymentNotificationWireSchema, SnsMessageSchema, webhookSchemas } from '../src/zod.js';

// The message fields as Amazon's "Set up Instant Payment Notifications" page lists them; the
// envelope as AWS's "HTTP/HTTPS notification JSON format" page shows it (values made up).
const pascal = {
  ReleaseEnvironment: 'Sandbox',
  MerchantID: 'A2MERCHANT',
  ObjectType: 'CHARGE',
  ObjectId: 'S01-0000000-0000000-C000001',
  ChargePermissionId: 'S01-0000000-0000000',
  NotificationType: 'STATE_CHANGE',
  NotificationId: 'a3c5d7e9-0000-4000-8000-000000000001',
  NotificationVersion: 'V2',
};
const envelope = {
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
  Subject: null,
  Message: JSON.stringify(pascal),
  Timestamp: '2012-05-02T00:54:06.655Z',
  SignatureVersion: '1',
  Signature: 'EXAMPLE==',
  SigningCertURL:
    'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
  UnsubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
};

describe('IPN webhook schemas', () => {
  it('the webhook body is the SNS message', () => {
    expect(webhookSchemas.instantPaymentNotification.body).toBe(SnsMessageSchema);
    expect(SnsMessageSchema.safeParse(envelope).success).toBe(true);
  });

  it('refuses an unknown SNS type or signature version, keeps unknown fields', () => {
    expect(SnsMessageSchema.safeParse({ ...envelope, Type: 'Surprise' }).success).toBe(false);
    expect(SnsMessageSchema.safeParse({ ...envelope, SignatureVersion: '3' }).success).toBe(false);
    expect(SnsMessageSchema.safeParse({ ...envelope, SignatureVersion: 1 }).success).toBe(false);
    const parsed = SnsMessageSchema.parse({ ...envelope, NewField: 'x' });
    expect((parsed as Record<string, unknown>).NewField).toBe('x');
  });

  it('accepts the message in PascalCase and camelCase, with new object types and nulls', () => {
    const camel = Object.fromEntries(
      Object.entries(pascal).map(([key, value]) => [key[0]!.toLowerCase() + key.slice(1), value]),
    );
    expect(InstantPaymentNotificationWireSchema.safeParse(pascal).success).toBe(true);
    expect(InstantPaymentNotificationWireSchema.safeParse(camel).success).toBe(true);
    expect(
      InstantPaymentNotificationWireSchema.safeParse({
        ...pascal,
        ObjectType: 'SOMETHING_NEW',
        ChargePermissionId: null,
        ReleaseEnvironment: null,
      }).success,
    ).toBe(true);
    expect(InstantPaymentNotificationWireSchema.safeParse({ ...pascal, ObjectId: 42 }).success).toBe(false);
  });
});
