import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine.js';
import type { KeyRing } from '../signature.js';

/**
 * A non-API surface of the simulator (hosted pages, the button endpoint, report documents…).
 * The server asks each mounted page in order whether it `match`es a request; the first that does
 * handles it, and requests no page matches go to the API chain.
 */
export interface PageRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
}

export interface PageContext extends PageRequest {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  engine: Engine;
  keys: KeyRing;
  /** Reads the body, refusing (ApiError 413) past the simulator's body limit. */
  body(): Promise<Buffer>;
}

export interface PageHandler {
  /** A short name for logs and tests, e.g. 'hosted-pages'. */
  name: string;
  match(request: PageRequest): boolean;
  handle(ctx: PageContext): void | Promise<void>;
}

export function findPage(pages: readonly PageHandler[], request: PageRequest): PageHandler | undefined {
  return pages.find((page) => page.match(request));
}
