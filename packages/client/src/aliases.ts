import type { ClientOperationId } from './operations.js';

/**
 * Method names of Amazon's official SDKs (.NET 2.7.3, Node.js, PHP, Java) that differ from the
 * spec's operationIds, with the operation each one runs. Each alias is a method with the same
 * arguments and result as that operation; on which clients follows the operation's channel
 * (in-store aliases only on `InStoreClient`, as in the .NET SDK).
 */
export const METHOD_ALIASES = {
  sendDeliveryTrackingInformation: { operationId: 'deliveryTrackers', sdks: ['.NET'] },
  deliveryTracker: { operationId: 'deliveryTrackers', sdks: ['Java'] },
  createMerchantAccount: { operationId: 'registerAmazonPayAccount', sdks: ['PHP', 'Java'] },
  updateMerchantAccount: { operationId: 'updateAmazonPayAccount', sdks: ['PHP', 'Java'] },
  merchantAccountClaim: { operationId: 'claimMerchantAccount', sdks: ['Java'] },
  merchantScan: { operationId: 'instoreMerchantScan', sdks: ['.NET', 'Node.js', 'Java'] },
  charge: { operationId: 'instoreCharge', sdks: ['.NET', 'Node.js', 'Java'] },
  refund: { operationId: 'instoreRefund', sdks: ['.NET', 'Node.js', 'Java'] },
} as const satisfies Record<string, { operationId: ClientOperationId; sdks: readonly string[] }>;
