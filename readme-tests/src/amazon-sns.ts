import { createTestSns, ipnMessage, type TestSns } from '../../packages/notifications/test/helpers/sns.js';

/**
 * Amazon SNS as README blocks meet it: IPNs from a topic of Amazon Pay's AWS account, signed with a
 * test certificate that the README world's fetch serves at an sns.us-east-1.amazonaws.com URL — so
 * an IPN endpoint built with the notifications package's defaults (no test options) accepts them.
 */
export const MERCHANT_ID = 'A1READMEMERCHANT';
const CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
const TOPIC_ARN = `arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17H${MERCHANT_ID}`;

let sns: TestSns | undefined;
const testSns = () => {
  sns ??= createTestSns();
  return sns;
};

/** The certificate response for a fetch of the test certificate's URL, or undefined for any other URL. */
export function amazonSnsResponse(url: URL): Response | undefined {
  if (url.href !== CERT_URL) return undefined;
  return new Response(testSns().certificatePem, { headers: { 'content-type': 'application/x-pem-file' } });
}

/** A signed SNS Notification carrying an Amazon Pay IPN (`ipn` overrides fields of its message). */
async function signedIpn(ipn: Record<string, unknown>): Promise<string> {
  const message = await testSns().sign({
    TopicArn: TOPIC_ARN,
    SigningCertURL: CERT_URL,
    Message: ipnMessage({ MerchantID: MERCHANT_ID, ...ipn }),
  });
  return JSON.stringify(message);
}

const snsHeaders = (body: string) => ({
  'content-type': 'text/plain; charset=UTF-8',
  'user-agent': 'Amazon Simple Notification Service Agent',
  'x-amz-sns-message-type': 'Notification',
  'x-amz-sns-message-id': (JSON.parse(body) as { MessageId: string }).MessageId,
  'x-amz-sns-topic-arn': TOPIC_ARN,
});

/** POSTs a signed IPN to `url` as Amazon SNS does, and returns the endpoint's answer. */
export async function deliverTestIpn(url: string, ipn: Record<string, unknown> = {}): Promise<Response> {
  const body = await signedIpn(ipn);
  return fetch(url, { method: 'POST', headers: snsHeaders(body), body });
}

/** The Request SNS would send to `url` with a signed IPN (for handlers called without a server). */
export async function testIpnRequest(
  url = 'https://shop.example/amazon-pay/ipn',
  ipn: Record<string, unknown> = {},
): Promise<Request> {
  const body = await signedIpn(ipn);
  return new Request(url, { method: 'POST', headers: snsHeaders(body), body });
}
