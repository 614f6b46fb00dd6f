import { describe, expect, it } from 'vitest';
import { NotificationError } from './errors.js';
import { parseNotification } from './parseNotification.js';
import type { VerifiedSnsMessage } from './verifySnsMessage.js';

const envelope = (Message: string, Type = 'Notification') =>
  ({
    Type,
    MessageId: 'm-1',
    TopicArn: 'arn:aws:sns:us-east-1:1:T',
    Message,
    Timestamp: '2026-01-01T00:00:00.000Z',
    SignatureVersion: '2',
    Signature: 'x',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/x.pem',
  }) as VerifiedSnsMessage;

const pascal = {
  MerchantID: 'M1',
  ObjectType: 'CHARGE',
  ObjectId: 'C-1',
  ChargePermissionId: 'P-1',
  NotificationType: 'STATE_CHANGE',
  NotificationId: 'N-1',
  NotificationVersion: 'V2',
};
const camel = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v]));

describe('parseNotification', () => {
  it('types each object kind with its id', () => {
    const kinds = ['CHARGE', 'REFUND', 'CHARGE_PERMISSION', 'CHARGEBACK', 'NEW_THING'].map((ObjectType) => {
      const n = parseNotification(
        envelope(JSON.stringify({ ...pascal, ObjectType, ObjectId: `${ObjectType}-id` })),
      );
      switch (n.objectType) {
        case 'CHARGE':
          return n.chargeId;
        case 'REFUND':
          return n.refundId;
        case 'CHARGE_PERMISSION':
          return n.chargePermissionId;
        case 'CHARGEBACK':
          return n.disputeId;
        default:
          return `${n.rawObjectType}:${n.objectId}`;
      }
    });
    expect(kinds).toEqual(['CHARGE-id', 'REFUND-id', 'P-1', 'CHARGEBACK-id', 'NEW_THING:NEW_THING-id']);
  });

  it('accepts camelCase and exposes PascalCase', () => {
    const fromCamel = parseNotification(
      envelope(JSON.stringify(camel({ ...pascal, ReleaseEnvironment: 'Live' }))),
    );
    const fromPascal = parseNotification(envelope(JSON.stringify({ ...pascal, ReleaseEnvironment: 'Live' })));
    expect(fromCamel).toEqual(fromPascal);
    expect(fromCamel.message.MerchantID).toBe('M1');
    expect(fromCamel.sns).toEqual({
      messageId: 'm-1',
      topicArn: 'arn:aws:sns:us-east-1:1:T',
      timestamp: '2026-01-01T00:00:00.000Z',
    });
  });

  it('refuses confirmations and messages that are not IPNs, with their reason', () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
        return 'accepted';
      } catch (error) {
        return (error as NotificationError).reason;
      }
    };
    expect(reason(() => parseNotification(envelope('hi', 'SubscriptionConfirmation')))).toBe(
      'NOT_A_NOTIFICATION',
    );
    for (const bad of [
      'not json',
      '[]',
      '{}',
      JSON.stringify({ ...pascal, ObjectId: 1 }),
      JSON.stringify({ ...pascal, MerchantID: '' }),
    ]) {
      expect(
        reason(() => parseNotification(envelope(bad))),
        bad,
      ).toBe('MALFORMED_MESSAGE');
    }
    expect(() => parseNotification(envelope('{}'))).toThrow(NotificationError);
  });
});
