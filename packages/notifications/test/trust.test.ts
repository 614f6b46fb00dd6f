// Issue 19, finding 1: which SNS topics and merchants a default handler trusts. Every message here is
// validly signed (createTestSns), as SNS signs any AWS account's topic with the same certificates.
import { beforeAll, describe, expect, it } from 'vitest';
import { answer, handlerWith, post } from './helpers/requests.js';
import { createTestSns, ipnMessage, MERCHANT_ID, STRANGER_TOPIC_ARN, type TestSns } from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

/**
 * TopicArns of real Amazon Pay IPNs published in Amazon's SDKs and in integrations (all from AWS
 * account 291180941288; see src/amazonPayTopics.ts for the file and commit of each).
 */
const PUBLISHED_AMAZON_PAY_TOPICS = [
  // amzn/amazon-pay-sdk-java tst/com/amazon/pay/impl/ipn/json/RefundNotification.json (US sandbox)
  'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
  // amzn/amazon-pay-sdk-python test/test_ipn.py
  'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HAQR8184NJXADU',
  // amzn/amazon-pay-sdk-csharp UnitTests/TestFiles/AuthorizeNotification.json
  'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA10Z9MFRRW4V14',
  // amzn/amazon-pay-sdk-java tst/com/amazon/pay/impl/ipn/json/RefundNotification_Multicurrency.json (EU)
  'arn:aws:sns:eu-west-1:291180941288:A1G8446IYHA4MRAOPZVV2STP28T',
  // spryker-eco/amazon-pay tests/SprykerEcoTest/Zed/AmazonPay/Business/AmazonpayFacadeConvertAmazonpayIpnRequestTest.php
  'arn:aws:sns:eu-west-1:291180941288:A1G8446IYHA4MRA36VZZYZOVN3S6',
  // qor/amazon-pay-sdk-go ipn_test.go
  'arn:aws:sns:us-west-2:291180941288:A31YDYE76E6TCPA3G30QK8ZESA0D',
];

describe('default trust: only Amazon Pay topics', () => {
  it("refuses a validly signed notification from a stranger's topic (TOPIC_NOT_ALLOWED) without calling onNotification", async () => {
    const { handler, received } = handlerWith(sns);
    const forged = await sns.sign({ TopicArn: STRANGER_TOPIC_ARN });
    expect(await answer(await handler(post(forged)))).toEqual([400, 'TOPIC_NOT_ALLOWED']);
    expect(received).toEqual([]);
  });

  it('accepts the topics of real Amazon Pay IPNs (Amazon SDKs, integrations) in every region they show', async () => {
    const { handler, received } = handlerWith(sns);
    for (const TopicArn of PUBLISHED_AMAZON_PAY_TOPICS) {
      const message = await sns.sign({ TopicArn });
      expect(await answer(await handler(post(message))), TopicArn).toEqual([200, 'OK']);
    }
    expect(received.map((n) => n.sns.topicArn)).toEqual(PUBLISHED_AMAZON_PAY_TOPICS);
  });

  it("refuses look-alikes of Amazon Pay's topics: another account, another partition, a suffix", async () => {
    const { handler } = handlerWith(sns);
    for (const TopicArn of [
      'arn:aws:sns:us-east-1:291180941289:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
      'arn:aws-cn:sns:cn-north-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
      'arn:aws:sns:us-east-1:2911809412880:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
      'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9:subscription',
      'arn:aws:sqs:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
      'arn:aws:sns:s3:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
    ]) {
      const message = await sns.sign({ TopicArn });
      expect(await answer(await handler(post(message))), TopicArn).toEqual([400, 'TOPIC_NOT_ALLOWED']);
    }
  });

  it("never auto-confirms a stranger's topic, even with confirmSubscriptions", async () => {
    const visited: string[] = [];
    const fetchDouble = (async (url: string) => {
      visited.push(url);
      return new Response('<ConfirmSubscriptionResponse/>');
    }) as unknown as typeof fetch;
    const subscribed: string[] = [];
    const { handler } = handlerWith(sns, {
      fetch: fetchDouble,
      confirmSubscriptions: true,
      onSubscriptionMessage: (message) => void subscribed.push(message.TopicArn),
    });
    const confirmation = (TopicArn: string) =>
      sns.sign({
        Type: 'SubscriptionConfirmation',
        TopicArn,
        Message: 'You have chosen to subscribe.',
        SubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TopicArn}&Token=t`,
        Token: 't',
      });
    expect(await answer(await handler(post(await confirmation(STRANGER_TOPIC_ARN))))).toEqual([
      400,
      'TOPIC_NOT_ALLOWED',
    ]);
    expect(visited).toEqual([]);
    expect(subscribed).toEqual([]);
    const amazonPay = PUBLISHED_AMAZON_PAY_TOPICS[0]!;
    expect(await answer(await handler(post(await confirmation(amazonPay))))).toEqual([200, 'OK']);
    expect(visited).toHaveLength(1);
    expect(subscribed).toEqual([amazonPay]);
  });

  it('allowedTopicArns replaces the default list (exact ARNs only), and an empty list is refused up front', async () => {
    const own = 'arn:aws:sns:eu-west-1:123456789012:my-own-topic';
    const { handler, received } = handlerWith(sns, { allowedTopicArns: [own] });
    expect(await answer(await handler(post(await sns.sign({ TopicArn: own }))))).toEqual([200, 'OK']);
    expect(
      await answer(await handler(post(await sns.sign({ TopicArn: PUBLISHED_AMAZON_PAY_TOPICS[0] })))),
    ).toEqual([400, 'TOPIC_NOT_ALLOWED']);
    expect(received).toHaveLength(1);
    expect(() => handlerWith(sns, { allowedTopicArns: [] })).toThrow(/allowedTopicArns/);
  });
});

describe('merchantId', () => {
  it('refuses an Amazon Pay notification for another merchant (MERCHANT_NOT_ALLOWED) when merchantId is given', async () => {
    const { handler, received } = handlerWith(sns, { merchantId: MERCHANT_ID });
    const other = await sns.sign({ Message: ipnMessage({ MerchantID: 'A3SOMEONEELSE' }) });
    expect(await answer(await handler(post(other)))).toEqual([400, 'MERCHANT_NOT_ALLOWED']);
    const own = await sns.sign({ Message: ipnMessage() });
    expect(await answer(await handler(post(own)))).toEqual([200, 'OK']);
    expect(received.map((n) => n.merchantId)).toEqual([MERCHANT_ID]);
    // Several merchant accounts (a platform): any of them.
    const platform = handlerWith(sns, { merchantId: ['A3SOMEONEELSE', MERCHANT_ID] });
    expect(await answer(await platform.handler(post(other)))).toEqual([200, 'OK']);
  });
});
