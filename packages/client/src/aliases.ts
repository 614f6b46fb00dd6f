import type { OperationArguments } from './generated/operation-methods.js';
import { type Channel, type ClientOperationId, OPERATION_ROUTES } from './operations.js';
import type { ResponseBody } from './types.js';

/**
 * Method names of Amazon's official SDKs (.NET 2.7.3, Node.js, PHP, Java) that differ from the
 * spec's operationIds, with the operation each one runs. Each alias is a method with the same
 * arguments and result as that operation, also under `withResponse`. The one table behind the alias
 * methods and their types: an alias is on the clients of its operation's channel (every client for
 * a common one, `WebStoreClient` and `AmazonPayClient` for a web store one), except that in-store
 * aliases are only on `InStoreClient`, as in the .NET SDK (`charge` and `refund` would be ambiguous
 * beside `AmazonPayClient`'s web store operations).
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

/** An alias method name. */
export type AliasName = keyof typeof METHOD_ALIASES;

/** The operation an alias runs. */
export type AliasOperation<Alias extends AliasName> = (typeof METHOD_ALIASES)[Alias]['operationId'];

/** The aliases whose operation belongs to one of `Channels`. */
export type AliasesOf<Channels extends Channel> = {
  [Alias in AliasName]: (typeof OPERATION_ROUTES)[AliasOperation<Alias>]['channel'] extends Channels
    ? Alias
    : never;
}[AliasName];

/** The alias methods `Name`, each with its operation's arguments and result (and the table's doc comment). */
export type AliasMethods<Name extends AliasName> = {
  // Mapped over a Pick of the table, so that each member keeps its doc comment.
  [Alias in keyof Pick<typeof METHOD_ALIASES, Name>]: (
    ...args: OperationArguments[AliasOperation<Alias>]
  ) => Promise<ResponseBody<AliasOperation<Alias>>>;
};

/** Installs on `prototype` the aliases whose operation belongs to one of `channels`. */
export function installAliases(prototype: object, channels: readonly Channel[]): void {
  for (const [alias, { operationId }] of Object.entries(METHOD_ALIASES)) {
    if (!channels.includes(OPERATION_ROUTES[operationId].channel)) continue;
    const method = {
      [alias](this: Record<string, (...args: unknown[]) => unknown>, ...args: unknown[]) {
        return this[operationId]!(...args);
      },
    }[alias];
    Object.defineProperty(prototype, alias, { value: method, writable: true, configurable: true });
  }
}
