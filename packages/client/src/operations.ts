import { OPERATION_ROUTES } from './generated/operation-routes.js';

/** Which client classes carry an operation (as the .NET SDK splits them); from the spec's tags. */
export type Channel = 'webStore' | 'inStore' | 'common';

/** How the client calls one operation, generated from the spec. */
export interface OperationRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The spec's path template, also the openapi-fetch path key. */
  readonly path: string;
  /** Path parameters in the order the client methods take them. */
  readonly pathParams: readonly string[];
  /** What follows the ids in the method's arguments. */
  readonly input: 'body' | 'query' | 'none';
  /** Date-time fields of the input, from the spec: dotted body paths (`[]` for array items) or query names. */
  readonly dateTimes: readonly string[];
  readonly channel: Channel;
  /** Amazon may wrap the one result in `{ [unwrapSingle]: [result] }`; the client returns the entry. */
  readonly unwrapSingle?: string;
  /** The sandbox simulation codes (`x-amz-pay-simulation-code`) the spec declares; absent: none. */
  readonly simulationCodes?: readonly string[];
  /**
   * A list Amazon answers page by page (`nextToken`): `items` names the array of each page;
   * `tokenOnly`: a later page is asked for with the token alone, not the first page's query.
   */
  readonly pagination?: { readonly items: string; readonly tokenOnly: boolean };
}

/** Every operation of Amazon Pay API v2, by operationId, generated from the spec (`pnpm generate`). */
export { OPERATION_ROUTES };

/** An operationId the client has a method for. */
export type ClientOperationId = keyof typeof OPERATION_ROUTES;
