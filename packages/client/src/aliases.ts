import type { ClientOperationId } from './operations.js';

/**
 * Method names of Amazon's official SDKs (.NET 2.7.3, Node.js, PHP, Java) that differ from the
 * spec's operationIds, with the operation each one runs. Each alias is a method with the same
 * arguments and result as that operation; on which clients follows the operation's channel
 * (in-store aliases only on `InStoreClient`, as in the .NET SDK).
 */
export const METHOD_ALIASES = {
  /** Alias of `deliveryTrackers`, the name the .NET SDK uses. */
  sendDeliveryTrackingInformation: { operationId: 'deliveryTrackers', sdks: ['.NET'] },
  /** Alias of `deliveryTrackers`, the name the Java SDK uses. */
  deliveryTracker: { operationId: 'deliveryTrackers', sdks: ['Java'] },
  /** Alias of `registerAmazonPayAccount`, the name the PHP and Java SDKs use. */
  createMerchantAccount: { operationId: 'registerAmazonPayAccount', sdks: ['PHP', 'Java'] },
  /** Alias of `updateAmazonPayAccount`, the name the PHP and Java SDKs use. */
  updateMerchantAccount: { operationId: 'updateAmazonPayAccount', sdks: ['PHP', 'Java'] },
  /** Alias of `claimMerchantAccount`, the name the Java SDK uses. */
  merchantAccountClaim: { operationId: 'claimMerchantAccount', sdks: ['Java'] },
  /** Alias of `instoreMerchantScan`, the name the .NET, Node.js and Java SDKs use. */
  merchantScan: { operationId: 'instoreMerchantScan', sdks: ['.NET', 'Node.js', 'Java'] },
  /** Alias of `instoreCharge`, the name the .NET, Node.js and Java SDKs use. */
  charge: { operationId: 'instoreCharge', sdks: ['.NET', 'Node.js', 'Java'] },
  /** Alias of `instoreRefund`, the name the .NET, Node.js and Java SDKs use. */
  refund: { operationId: 'instoreRefund', sdks: ['.NET', 'Node.js', 'Java'] },
} as const satisfies Record<string, { operationId: ClientOperationId; sdks: readonly string[] }>;
