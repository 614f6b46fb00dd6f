import { type AliasesOf, type AliasMethods, installAliases } from './aliases.js';
import { PAGES } from './core.js';
import { InStoreOperations, WebStoreOperations } from './generated/operation-methods.js';
import { PaginatedOperations } from './generated/operation-pages.js';
import type {
  AmazonPayWithResponse,
  ChannelOperation,
  InStoreWithResponse,
  WebStoreWithResponse,
} from './methods.js';
import { OPERATION_ROUTES } from './operations.js';

// The alias methods (official SDKs' names) come from one table, `METHOD_ALIASES`: installed below on
// each class's prototype by their operation's channel, and declared through these interfaces.
export interface WebStoreClient extends AliasMethods<AliasesOf<'common' | 'webStore'>> {}
/**
 * Web store operations (checkout sessions, charge permissions, charges, refunds, buyers, reports,
 * disbursements, merchant onboarding, disputes, files) plus the shared ones, as the .NET
 * `WebStoreClient`. Arguments: path ids first, then the body or query, then {@link CallOptions}.
 * The methods are generated from the spec (`pnpm generate`).
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's alias methods are installed right below
export class WebStoreClient extends WebStoreOperations {
  #paginate: PaginatedOperations | undefined;

  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): WebStoreWithResponse {
    return super.withResponse as WebStoreWithResponse;
  }

  /**
   * The lists Amazon answers page by page, walked to the end, each item typed from the spec:
   * `for await (const report of client.paginate.getReports({ pageSize: 100 }))`. See {@link Paginator}.
   */
  get paginate(): PaginatedOperations {
    this.#paginate ??= new PaginatedOperations((operationId, ids, input, options) =>
      this[PAGES](operationId, ids, input, options),
    );
    return this.#paginate;
  }
}
installAliases(WebStoreClient.prototype, ['common', 'webStore']);

export interface InStoreClient extends AliasMethods<AliasesOf<'common' | 'inStore'>> {}
/** In-store operations (merchant scan, charge, refund) plus the shared ones, as the .NET `InStoreClient`. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's alias methods are installed right below
export class InStoreClient extends InStoreOperations {
  /** The same operations resolving to `{ data, metadata }`; see {@link ClientBase.withResponse}. */
  override get withResponse(): InStoreWithResponse {
    return super.withResponse as InStoreWithResponse;
  }
}
installAliases(InStoreClient.prototype, ['common', 'inStore']);

type InStoreOperationId = ChannelOperation<'inStore'>;

/** The in-store methods `AmazonPayClient` takes over from the generated `InStoreOperations`. */
interface InStoreMethods extends Pick<InStoreOperations, InStoreOperationId> {}

// A class has one base: AmazonPayClient is a WebStoreClient (instanceof holds; it has its aliases)
// and gets the generated in-store methods copied onto its prototype below; this interface declares them.
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
