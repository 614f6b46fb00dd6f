import type { Engine, Realm } from './engine.js';
import type { Json } from './store.js';

/** What a handler gets: the validated request, who it addressed, and the simulator's world. */
export interface RequestContext {
  operationId: string;
  /** The caller: the merchant owning the signing key, and the key itself. */
  merchantId: string;
  publicKeyId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  headers: Record<string, string>;
  realm: Realm;
  /** `x-amz-pay-simulation-code`, already checked against the operation's list. */
  simulationCode: string | null;
  engine: Engine;
}

export interface HandlerResult {
  /** Defaults to the operation's success status from the spec. */
  status?: number;
  body: unknown;
}

export type Handler = (ctx: RequestContext) => HandlerResult;

export type HandlerTable = Record<string, Handler>;
