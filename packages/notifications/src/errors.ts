/** Why a message was refused, as a stable code callers can switch on (and log). */
export type NotificationErrorReason =
  /** The body is larger than `maxBodyBytes`. */
  | 'BODY_TOO_LARGE'
  /** The body is not JSON, or not an SNS message (a field missing or of the wrong type). */
  | 'MALFORMED'
  /** `Type` is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation. */
  | 'UNKNOWN_TYPE'
  /** `SignatureVersion` is neither "1" nor "2". */
  | 'UNSUPPORTED_SIGNATURE_VERSION'
  /** `SigningCertURL` is not an https URL on an SNS host with a `.pem` path (checked before any fetch). */
  | 'UNTRUSTED_CERTIFICATE_URL'
  /** The certificate could not be fetched (network error, non-2xx, too large, timeout), now or within the retry interval. */
  | 'CERTIFICATE_UNAVAILABLE'
  /** The fetched document is not an X.509 certificate with an RSA public key. */
  | 'INVALID_CERTIFICATE'
  /** The signature does not verify over the message's string to sign. */
  | 'BAD_SIGNATURE'
  /** `Timestamp` is unreadable, older than `maxAgeMs` or too far in the future. */
  | 'STALE'
  /** `TopicArn` is not Amazon Pay's (by default) or not one of `allowedTopicArns`. */
  | 'TOPIC_NOT_ALLOWED'
  /** (the handler) The notification's `MerchantID` is not the handler's `merchantId`. */
  | 'MERCHANT_NOT_ALLOWED'
  /** (parseNotification) The SNS message is not a `Notification`. */
  | 'NOT_A_NOTIFICATION'
  /** (parseNotification) `Message` is not an Amazon Pay IPN message. */
  | 'MALFORMED_MESSAGE';

/**
 * The one error this package throws for a message it refuses. Messages describe the problem and
 * quote no more of the input than a field name or a host: callers may log them as they are.
 */
export class NotificationError extends Error {
  /** `NotificationError`. */
  override readonly name = 'NotificationError';
  /** Why the message was refused, as a stable code. */
  readonly reason: NotificationErrorReason;

  /** An error with a stable `reason` callers can switch on. */
  constructor(reason: NotificationErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
