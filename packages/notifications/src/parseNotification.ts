import type { InstantPaymentNotification } from '@amazon-pay-ts/types';
import {
  InstantPaymentNotificationCamelCaseSchema,
  InstantPaymentNotificationSchema,
} from '@amazon-pay-ts/types/zod';
import { NotificationError } from './errors.js';
import type { VerifiedSnsMessage } from './verifySnsMessage.js';

/** Where the notification came from: the SNS envelope's ids (MessageId is kept across SNS retries). */
export interface SnsDelivery {
  /** The SNS MessageId (the same on SNS retries). */
  messageId: string;
  /** The SNS topic the message came from. */
  topicArn: string;
  /** When SNS published the message (ISO 8601). */
  timestamp: string;
}

interface NotificationBase {
  /** The message in PascalCase, whichever casing Amazon sent. */
  message: InstantPaymentNotification;
  /** The merchant the notification is for (`MerchantID`). */
  merchantId: string;
  /** Amazon's id of the notification, the deduplication key. */
  notificationId: string;
  /** What kind of change: `STATE_CHANGE` or `ATTRIBUTE_CHANGE` (Amazon may add more). */
  notificationType: InstantPaymentNotification['NotificationType'];
  /** `Sandbox` or `Live`, when Amazon says. */
  releaseEnvironment: string | null;
  /** The SNS envelope it came in. */
  sns: SnsDelivery;
}

/** A Charge changed state. */
export interface ChargeNotification extends NotificationBase {
  /** What changed: a Charge. */
  objectType: 'CHARGE';
  /** The Charge that changed. */
  chargeId: string;
  /** The Charge Permission it belongs to, when Amazon says. */
  chargePermissionId: string | null;
}
/** A Refund changed state. */
export interface RefundNotification extends NotificationBase {
  /** What changed: a Refund. */
  objectType: 'REFUND';
  /** The Refund that changed. */
  refundId: string;
  /** The Charge Permission it belongs to, when Amazon says. */
  chargePermissionId: string | null;
}
/** A Charge Permission changed state. */
export interface ChargePermissionNotification extends NotificationBase {
  /** What changed: a Charge Permission. */
  objectType: 'CHARGE_PERMISSION';
  /** The Charge Permission that changed. */
  chargePermissionId: string;
}
/** A chargeback: `disputeId` names the dispute (Get Dispute). */
export interface ChargebackNotification extends NotificationBase {
  /** What happened: a chargeback. */
  objectType: 'CHARGEBACK';
  /** The dispute of the chargeback. */
  disputeId: string;
  /** The Charge Permission it belongs to, when Amazon says. */
  chargePermissionId: string | null;
}
/** An object type this version does not know (Amazon adds them): `objectId` as sent. */
export interface OtherNotification extends NotificationBase {
  /** An object type this version does not know. */
  objectType: 'OTHER';
  /** The ObjectType Amazon sent. */
  rawObjectType: string;
  /** The id of the object, as sent. */
  objectId: string;
  /** The Charge Permission it belongs to, when Amazon says. */
  chargePermissionId: string | null;
}

/** An Amazon Pay IPN, by `objectType`. */
export type Notification =
  | ChargeNotification
  | RefundNotification
  | ChargePermissionNotification
  | ChargebackNotification
  | OtherNotification;

/**
 * The Amazon Pay message of a verified SNS `Notification`, normalised to PascalCase and typed by
 * object type. Throws {@link NotificationError} `NOT_A_NOTIFICATION` for the confirmation types and
 * `MALFORMED_MESSAGE` when `Message` is not an IPN message.
 */
export function parseNotification(verified: VerifiedSnsMessage): Notification {
  if (verified.Type !== 'Notification') {
    throw new NotificationError('NOT_A_NOTIFICATION', `a ${verified.Type} carries no payment notification`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(verified.Message);
  } catch {
    throw new NotificationError('MALFORMED_MESSAGE', 'Message is not JSON');
  }
  const message = normalise(raw);
  const base: NotificationBase = {
    message,
    merchantId: message.MerchantID,
    notificationId: message.NotificationId,
    notificationType: message.NotificationType,
    releaseEnvironment: message.ReleaseEnvironment ?? null,
    sns: { messageId: verified.MessageId, topicArn: verified.TopicArn, timestamp: verified.Timestamp },
  };
  const chargePermissionId = message.ChargePermissionId ?? null;
  switch (message.ObjectType) {
    case 'CHARGE':
      return { ...base, objectType: 'CHARGE', chargeId: message.ObjectId, chargePermissionId };
    case 'REFUND':
      return { ...base, objectType: 'REFUND', refundId: message.ObjectId, chargePermissionId };
    case 'CHARGE_PERMISSION':
      return {
        ...base,
        objectType: 'CHARGE_PERMISSION',
        chargePermissionId: chargePermissionId ?? message.ObjectId,
      };
    case 'CHARGEBACK':
      return { ...base, objectType: 'CHARGEBACK', disputeId: message.ObjectId, chargePermissionId };
    default:
      return {
        ...base,
        objectType: 'OTHER',
        rawObjectType: message.ObjectType,
        objectId: message.ObjectId,
        chargePermissionId,
      };
  }
}

/** Accepts PascalCase (Amazon's IPN schema) or camelCase (its parameter tables); returns PascalCase. */
function normalise(raw: unknown): InstantPaymentNotification {
  const pascal = InstantPaymentNotificationSchema.safeParse(raw);
  if (pascal.success) return pascal.data;
  const camel = InstantPaymentNotificationCamelCaseSchema.safeParse(raw);
  if (camel.success) {
    const { merchantID, objectType, objectId, chargePermissionId, notificationType, notificationId } =
      camel.data;
    return {
      ReleaseEnvironment: camel.data.releaseEnvironment ?? null,
      MerchantID: merchantID,
      ObjectType: objectType,
      ObjectId: objectId,
      ChargePermissionId: chargePermissionId ?? null,
      NotificationType: notificationType,
      NotificationId: notificationId,
      NotificationVersion: camel.data.notificationVersion,
    };
  }
  const field = pascal.error.issues[0]?.path.join('.') || 'Message';
  throw new NotificationError(
    'MALFORMED_MESSAGE',
    `Message is not an IPN message: ${field} is missing or invalid`,
  );
}
