import { AWS_REGION } from './awsNames.js';
import { NotificationError } from './errors.js';

/**
 * `sns.<region>.amazonaws.com` or `sns.<region>.amazonaws.com.cn`: the hosts AWS serves SNS signing
 * certificates (and subscription confirmations) from. The region must be shaped like one, so neither
 * a longer suffix (`….amazonaws.com.evil.example`), another label (`sns.x.y.amazonaws.com`) nor an
 * S3 endpoint serving a bucket named "sns" (`sns.s3.amazonaws.com`, `sns.s3-external-1…`) matches.
 */
const SNS_HOST = new RegExp(`^sns\\.${AWS_REGION}\\.amazonaws\\.com(\\.cn)?$`);

/** Which certificate URLs besides AWS's SNS hosts are trusted (tests and demos only). */
export interface SigningCertUrlPolicy {
  /**
   * Origins trusted besides AWS's SNS hosts, e.g. a local simulator (`http://127.0.0.1:4010`).
   * Compared exactly with the URL's origin; for tests and demos only.
   */
  trustedCertificateOrigins?: readonly string[];
}

/** An https URL on an SNS host (or a trusted origin), without user info or an explicit port. */
function checkSnsUrl(value: string, policy: SigningCertUrlPolicy, name: string): URL {
  const refuse = (why: string): never => {
    throw new NotificationError('UNTRUSTED_CERTIFICATE_URL', `${name} refused: ${why}`);
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('not an absolute URL');
  }
  if (url.username !== '' || url.password !== '') refuse('it carries user info (@)');
  if (url.hash !== '') refuse('it has a fragment');
  if (policy.trustedCertificateOrigins?.includes(url.origin)) return url;
  if (url.protocol !== 'https:') refuse(`${url.protocol} is not https`);
  if (url.port !== '') refuse('it names a port');
  if (!SNS_HOST.test(url.hostname)) refuse(`host ${url.hostname} is not sns.<region>.amazonaws.com(.cn)`);
  return url;
}

/**
 * The parsed `SigningCertURL` if it may be fetched: https, an SNS host (no user info, default port),
 * a path ending in `.pem` and no query or fragment. Anything else is refused before any network call.
 */
export function checkSigningCertUrl(value: string, policy: SigningCertUrlPolicy = {}): URL {
  const url = checkSnsUrl(value, policy, 'SigningCertURL');
  if (url.search !== '') {
    throw new NotificationError('UNTRUSTED_CERTIFICATE_URL', 'SigningCertURL refused: it has a query');
  }
  if (!url.pathname.endsWith('.pem')) {
    throw new NotificationError(
      'UNTRUSTED_CERTIFICATE_URL',
      'SigningCertURL refused: its path does not end in .pem',
    );
  }
  return url;
}

/** The parsed `SubscribeURL` of a verified confirmation, if it is on an SNS host (or a trusted origin). */
export function checkSubscribeUrl(value: string, policy: SigningCertUrlPolicy = {}): URL {
  return checkSnsUrl(value, policy, 'SubscribeURL');
}
