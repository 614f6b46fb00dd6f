import type { SnsMessage } from '@amazon-pay-ts/types';
import { describe, expect, it } from 'vitest';
import { snsStringToSign } from './stringToSign.js';

// The example Notification of AWS's "HTTP/HTTPS notification JSON format" page (its Signature is a
// placeholder, "EXAMPLE…", so only the string to sign can be checked against it).
const awsExample = {
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
  Subject: 'My First Message',
  Message: 'Hello world!',
  Timestamp: '2012-05-02T00:54:06.655Z',
  SignatureVersion: '1',
  Signature: 'EXAMPLE',
  SigningCertURL:
    'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
  UnsubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
} as SnsMessage;

describe('snsStringToSign', () => {
  it('Notification: Message, MessageId, Subject, Timestamp, TopicArn, Type, each "Name\\nvalue\\n"', () => {
    expect(snsStringToSign(awsExample)).toBe(
      'Message\nHello world!\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nMy First Message\n' +
        'Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\nType\nNotification\n',
    );
  });

  it('leaves Subject out when absent or null, and keeps escaped characters decoded', () => {
    const { Subject: _, ...withoutSubject } = awsExample;
    const expected =
      'Message\nline 1\nline 2\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n' +
      'Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\nType\nNotification\n';
    const parsed = JSON.parse(JSON.stringify({ ...withoutSubject, Message: 'line 1\nline 2' }));
    expect(snsStringToSign(parsed)).toBe(expected);
    expect(snsStringToSign({ ...parsed, Subject: null })).toBe(expected);
  });

  it('confirmations: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type (no Subject)', () => {
    const confirmation = {
      ...awsExample,
      Type: 'SubscriptionConfirmation',
      Message: 'You have chosen to subscribe',
      SubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=t0k',
      Token: 't0k',
    } as SnsMessage;
    expect(snsStringToSign(confirmation)).toBe(
      'Message\nYou have chosen to subscribe\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n' +
        'SubscribeURL\nhttps://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=t0k\n' +
        'Timestamp\n2012-05-02T00:54:06.655Z\nToken\nt0k\nTopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\n' +
        'Type\nSubscriptionConfirmation\n',
    );
  });
});
