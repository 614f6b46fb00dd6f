import { InStoreOperations, WebStoreOperations } from './generated/operation-methods.js';
import type {
  AmazonPayWithResponse,
  ChannelOperation,
  InStoreWithResponse,
  WebStoreWithResponse,
} from './methods.js';
import { OPERATION_ROUTES } from './operations.js';
import type { CallOptions, RequestBody, RequestInput, ResponseBody } from './types.js';

/**
 * Web store operations (checkout sessions, charge permissions, charges, refunds, buyers, reports,
 * disbursements, merchant onboarding, disputes, files) plus the shared ones, as the .NET
 * `WebStoreClient`. Arguments: path ids first, then the body or query, then {@link CallOptions}.
 * The methods are generated from the spec (`pnpm generate`).
 */
export class WebStoreClient extends WebStoreOperations {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): WebStoreWithResponse {
    return super.withResponse as WebStoreWithResponse;
  }
  /** Alias of `deliveryTrackers`, as the Java SDK names it: same arguments, same request. */
  deliveryTracker(
    body: RequestInput<'deliveryTrackers'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'deliveryTrackers'>> {
    return this.deliveryTrackers(body, options);
  }
  /** Alias of `registerAmazonPayAccount`, as the PHP and Java SDKs name it: same arguments, same request. */
  createMerchantAccount(
    body: RequestInput<'registerAmazonPayAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'registerAmazonPayAccount'>> {
    return this.registerAmazonPayAccount(body, options);
  }
  /** Alias of `updateAmazonPayAccount`, as the PHP and Java SDKs name it: same arguments, same request. */
  updateMerchantAccount(
    merchantAccountId: string,
    body: RequestInput<'updateAmazonPayAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'updateAmazonPayAccount'>> {
    return this.updateAmazonPayAccount(merchantAccountId, body, options);
  }
  /** Alias of `claimMerchantAccount`, as the Java SDK names it: same arguments, same request. */
  merchantAccountClaim(
    merchantAccountId: string,
    body: RequestInput<'claimMerchantAccount'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'claimMerchantAccount'>> {
    return this.claimMerchantAccount(merchantAccountId, body, options);
  }
}

/** In-store operations (merchant scan, charge, refund) plus the shared ones, as the .NET `InStoreClient`. */
export class InStoreClient extends InStoreOperations {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): InStoreWithResponse {
    return super.withResponse as InStoreWithResponse;
  }
  /** Alias of `deliveryTrackers`, as the Java SDK names it: same arguments, same request. */
  deliveryTracker(
    body: RequestInput<'deliveryTrackers'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'deliveryTrackers'>> {
    return this.deliveryTrackers(body, options);
  }
  /** Alias of `instoreMerchantScan`, as the .NET, Node.js and Java SDKs name it. */
  merchantScan(
    body: RequestBody<'instoreMerchantScan'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'instoreMerchantScan'>> {
    return this.instoreMerchantScan(body, options);
  }
  /** Alias of `instoreCharge`. */
  charge(body: RequestBody<'instoreCharge'>, options?: CallOptions): Promise<ResponseBody<'instoreCharge'>> {
    return this.instoreCharge(body, options);
  }
  /** Alias of `instoreRefund`. */
  refund(body: RequestBody<'instoreRefund'>, options?: CallOptions): Promise<ResponseBody<'instoreRefund'>> {
    return this.instoreRefund(body, options);
  }
}

type InStoreOperationId = ChannelOperation<'inStore'>;

/** The in-store methods `AmazonPayClient` takes over from the generated `InStoreOperations`. */
interface InStoreMethods extends Pick<InStoreOperations, InStoreOperationId> {}

// A class has one base: AmazonPayClient is a WebStoreClient (instanceof holds) and gets the generated
// in-store methods copied onto its prototype below; this interface declares them.
export interface AmazonPayClient extends InStoreMethods {}
/** Every Amazon Pay API v2 operation on one client: the web store ones and the in-store ones. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's methods are installed right below
export class AmazonPayClient extends WebStoreClient {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): AmazonPayWithResponse {
    return super.withResponse as AmazonPayWithResponse;
  }
}

for (const [operationId, route] of Object.entries(OPERATION_ROUTES)) {
  if (route.channel !== 'inStore') continue;
  const method = Object.getOwnPropertyDescriptor(InStoreOperations.prototype, operationId);
  if (method === undefined) throw new Error(`InStoreOperations has no ${operationId}: run \`pnpm generate\``);
  Object.defineProperty(AmazonPayClient.prototype, operationId, method);
}
