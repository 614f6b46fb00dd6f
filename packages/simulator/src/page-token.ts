import { ApiError } from './errors.js';

/**
 * The `nextToken` of a paged list: opaque to callers, as Amazon's are, and carrying the query of the
 * first page and where the next page starts, so a later page can be asked for with the token alone
 * (Amazon documents that for Get Reports: "call getReports with this token as the only parameter").
 * The simulator's tokens do not expire; whether and when Amazon's do is not documented.
 */
export interface PageCursor {
  /** The first page's filters and page size, as the wire strings they arrived as. */
  readonly query: Readonly<Record<string, string>>;
  /** Index of the next page's first item in the filtered list. */
  readonly offset: number;
}

const PREFIX = 'SIMPAGE1.';

/** The token of the page that starts at `cursor.offset`. */
export function encodePageToken(cursor: PageCursor): string {
  return PREFIX + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor a token stands for; 400 InvalidParameterValue for anything the simulator did not issue. */
export function decodePageToken(token: string): PageCursor {
  const refused = ApiError.invalidParameter('nextToken', token, 'it is not a token from a previous page');
  if (!token.startsWith(PREFIX)) throw refused;
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  const { query, offset } = (cursor ?? {}) as { query?: unknown; offset?: unknown };
  if (
    !Number.isSafeInteger(offset) ||
    (offset as number) < 0 ||
    query === null ||
    typeof query !== 'object' ||
    !Object.values(query).every((value) => typeof value === 'string')
  ) {
    throw refused;
  }
  return { query: query as Record<string, string>, offset: offset as number };
}

/**
 * The query of the page asked for, and where it starts: the request's own query for a first page
 * (no `nextToken`, or an empty one as Amazon's PHP and Java SDK samples send), else the token's.
 * `tokenOnly`: the token must come alone (400 InvalidParameterValue naming the first other
 * parameter); otherwise other parameters may come along but must repeat the first page's.
 */
export function pageQuery(
  query: URLSearchParams,
  names: readonly string[],
  tokenOnly: boolean,
): { query: Readonly<Record<string, string>>; offset: number } {
  const token = query.get('nextToken') ?? '';
  const given: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null) given[name] = value;
  }
  if (token === '') return { query: given, offset: 0 };
  const cursor = decodePageToken(token);
  for (const [name, value] of Object.entries(given)) {
    if (tokenOnly) {
      throw ApiError.invalidParameter(
        name,
        value,
        'send nextToken as the only query parameter of a later page',
      );
    }
    if (cursor.query[name] !== value) {
      throw ApiError.invalidParameter(name, value, 'it differs from the query this nextToken was issued for');
    }
  }
  return cursor;
}

/** One page of `all` from `offset`, and the token of the next page (`null` on the last one). */
export function pageOf<T>(
  all: readonly T[],
  cursor: { query: Readonly<Record<string, string>>; offset: number },
  pageSize: number,
): { items: T[]; nextToken: string | null } {
  const end = cursor.offset + pageSize;
  return {
    items: all.slice(cursor.offset, end),
    nextToken: end < all.length ? encodePageToken({ query: cursor.query, offset: end }) : null,
  };
}
