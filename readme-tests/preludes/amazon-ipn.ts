// Amazon SNS delivering Amazon Pay IPNs to the block's endpoint: `deliverTestIpn(url, ipn?)` POSTs
// one signed IPN (a topic of Amazon Pay's AWS account, a certificate at an SNS URL) and returns the
// Response; `testIpnRequest(url?, ipn?)` returns that Request without sending it. `ipn` overrides
// fields of the Amazon Pay message (ObjectType, ObjectId, ChargePermissionId…); its MerchantID is
// AMAZON_PAY_MERCHANT_ID.
import {
  deliverTestIpn as readmeDeliverTestIpn,
  testIpnRequest as readmeTestIpnRequest,
} from '../src/amazon-sns.js';

const deliverTestIpn = readmeDeliverTestIpn;
const testIpnRequest = readmeTestIpnRequest;
