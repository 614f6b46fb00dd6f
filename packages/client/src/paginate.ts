import type { OperationId } from '@amazon-pay-ts/types';
import { AmazonPayMalformedResponseError } from './errors.js';
import type { ClientOperationId, OPERATION_ROUTES, OperationRoute } from './operations.js';
import type { PipelineResult } from './pipeline.js';
import type { CallOptions, ResponseBody } from './types.js';

/** The operations Amazon answers page by page (a `nextToken` in the spec): `getReports`, `getDisbursements`. */
export type PagedOperationId = {
  [K in ClientOperationId]: (typeof OPERATION_ROUTES)[K] extends { pagination: object } ? K : never;
}[ClientOperationId];

/** One item of a paged list (of the page's array the spec names): `PageItem<'getReports'>` is a `Report`. */
export type PageItem<K extends PagedOperationId> = (typeof OPERATION_ROUTES)[K] extends {
  pagination: { items: infer Key extends string };
}
  ? NonNullable<ResponseBody<K>[Key & keyof ResponseBody<K>]> extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/**
 * A walk over every page of a list: `for await (const item of paginator)` yields the items, page
 * after page; `paginator.pages()` yields the pages whole (with their `nextToken`). Each iteration
 * starts again from the first page. A page is requested only when the consumer needs it, so `break`
 * (or a `return`/`throw` in the loop) sends no further request.
 */
export interface Paginator<K extends PagedOperationId> extends AsyncIterable<PageItem<K>> {
  /** Every page as Amazon answered it (after the client's decoding), one request each. */
  pages(): AsyncGenerator<ResponseBody<K>, void, undefined>;
}

/** How the client's `paginate` methods start a walk: the operation and its method's arguments. */
export type PageWalk = (
  operationId: PagedOperationId,
  ids: readonly unknown[],
  input: unknown,
  options: CallOptions | undefined,
) => Paginator<PagedOperationId>;

/** Sends one page's request through the client's pipeline (the typed method's door). */
export type PageRequest = (query: Readonly<Record<string, unknown>> | undefined) => Promise<PipelineResult>;

/**
 * The walk of one paged operation from `firstQuery`: the next page's query is the token alone
 * (`tokenOnly`, as Amazon documents Get Reports) or the first query with the token. Stops after a
 * page without `nextToken`; a token that comes back a second time would loop forever, so it ends the
 * walk with `AmazonPayMalformedResponseError` instead.
 */
export function paginate(
  operationId: OperationId,
  route: OperationRoute,
  firstQuery: Readonly<Record<string, unknown>> | undefined,
  request: PageRequest,
): Paginator<PagedOperationId> {
  const pagination = route.pagination;
  if (pagination === undefined) throw new TypeError(`${operationId} is not a paged list`);
  async function* pages(): AsyncGenerator<ResponseBody<PagedOperationId>, void, undefined> {
    let query = firstQuery;
    const seen = new Set<string>();
    for (;;) {
      const result = await request(query);
      const page = result.data as { nextToken?: unknown } | undefined;
      const token = page?.nextToken;
      if (typeof token === 'string' && token !== '' && seen.has(token)) {
        const metadata = result.metadata();
        throw new AmazonPayMalformedResponseError({
          operationId,
          method: metadata.method,
          url: metadata.url,
          status: metadata.status,
          requestId: metadata.requestId,
          headers: metadata.headers,
          rawBody: metadata.rawBody,
          issues: [
            { path: 'nextToken', message: 'repeats the token of an earlier page: the walk stops there' },
          ],
        });
      }
      yield page as ResponseBody<PagedOperationId>;
      if (typeof token !== 'string' || token === '') return;
      seen.add(token);
      query = pagination!.tokenOnly ? { nextToken: token } : { ...firstQuery, nextToken: token };
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) {
        const items = (page as Record<string, unknown> | undefined)?.[pagination.items];
        if (Array.isArray(items)) yield* items as PageItem<PagedOperationId>[];
      }
    },
  };
}
