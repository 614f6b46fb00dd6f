/**
 * Amazon Pay Instant Payment Notifications: SNS signature verification on WebCrypto (only Amazon
 * Pay's topics by default), typed notifications, and a web-standard handler with deduplication and
 * time limits.
 *
 * @module @amazon-pay-ts/notifications
 */
export {
  type CertificateCache,
  type CertificateCacheOptions,
  createCertificateCache,
  DEFAULT_CERTIFICATE_RETRY_MS,
  defaultFetchCertificate,
  type FetchCertificate,
  type SignatureHash,
} from './certificates.js';
export {
  createNotificationHandler,
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_SEEN_TTL_MS,
  type NotificationContext,
  type NotificationHandler,
  type NotificationHandlerOptions,
} from './createNotificationHandler.js';
export { NotificationError, type NotificationErrorReason } from './errors.js';
export {
  type ChargebackNotification,
  type ChargeNotification,
  type ChargePermissionNotification,
  type Notification,
  type OtherNotification,
  parseNotification,
  type RefundNotification,
  type SnsDelivery,
} from './parseNotification.js';
export { type ResolvedResource, type ResourceClient, resolveNotification } from './resolveNotification.js';
export {
  createMemorySeenStore,
  DEFAULT_SEEN_ENTRIES,
  type MemorySeenStore,
  type SeenStore,
} from './seenStore.js';
export { checkSigningCertUrl, checkSubscribeUrl, type SigningCertUrlPolicy } from './signingCertUrl.js';
export { snsStringToSign } from './stringToSign.js';
export {
  createSnsVerifier,
  DEFAULT_MAX_AGE_MS,
  DEFAULT_MAX_BODY_BYTES,
  type SnsBody,
  type SnsVerifier,
  type VerifiedSnsMessage,
  type VerifyOptions,
  verifySnsMessage,
} from './verifySnsMessage.js';
export { spkiFromCertificate } from './x509.js';
