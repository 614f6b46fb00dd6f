/**
 * Which SNS topics the handler trusts by default: those of the AWS account Amazon Pay publishes
 * Instant Payment Notifications from. SNS signs every account's messages with the same certificates,
 * so a valid signature alone proves only that *some* AWS account published the message.
 *
 * Every real Amazon Pay IPN found published carries a TopicArn in account 291180941288, named
 * `<marketplace id><merchant id>`, in each region it shows (file, repository, commit):
 * - us-east-1, sandbox: `tst/com/amazon/pay/impl/ipn/json/RefundNotification.json`,
 *   amzn/amazon-pay-sdk-java@675eff5bde50effa6358d108c0dfbf893af2b8ff (A3BXB0YN3XH17HA2K7NDRCTOTPW9);
 *   `test/test_ipn.py`, amzn/amazon-pay-sdk-python@e0fa77137fa5a154599c663e84329d1bc04d1b58;
 *   `UnitTests/TestFiles/AuthorizeNotification.json`,
 *   amzn/amazon-pay-sdk-csharp@49d6d00cbc041f5ccc058f21e62078a50a478e61.
 * - eu-west-1: `tst/com/amazon/pay/impl/ipn/json/RefundNotification_Multicurrency.json` (same Java
 *   commit); `tests/SprykerEcoTest/Zed/AmazonPay/Business/AmazonpayFacadeConvertAmazonpayIpnRequestTest.php`,
 *   spryker-eco/amazon-pay@31aab4e168fc16098b1cbf57ebcaac411048de78.
 * - us-west-2: `ipn_test.go`, qor/amazon-pay-sdk-go@0249d78cdb741410c57b6589c137b6783d8fb6a2.
 * These are v1 (MWS) IPNs; no Checkout v2 IPN with its TopicArn was found published. Seller Central
 * has one IPN endpoint setting for both versions (WooCommerce's plugin tells them apart by
 * `NotificationVersion` at one endpoint), hence the same account is expected — unverified.
 */
import { AWS_REGION } from './awsNames.js';

/** The AWS account Amazon Pay publishes IPNs from (see the sources above). */
export const AMAZON_PAY_IPN_ACCOUNTS: readonly string[] = ['291180941288'];

const TOPIC_ARN = new RegExp(`^arn:aws:sns:${AWS_REGION}:(\\d{12}):[A-Za-z0-9_-]{1,256}$`);

/** The AWS account id of an SNS topic ARN in the `aws` partition, or undefined if it is not one. */
export function topicAccount(topicArn: string): string | undefined {
  return TOPIC_ARN.exec(topicArn)?.[1];
}

/** True for a topic of Amazon Pay's IPN account, in any region of the `aws` partition. */
export function isAmazonPayTopicArn(topicArn: string): boolean {
  const account = topicAccount(topicArn);
  return account !== undefined && AMAZON_PAY_IPN_ACCOUNTS.includes(account);
}
