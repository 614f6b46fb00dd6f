import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCapped } from '../capped-log.js';
import type { Engine } from '../engine.js';
import type { FaultQueue } from '../faults.js';
import type { HandlerTable } from '../handler.js';
import { lookupRoute, type Route } from '../routes.js';
import type { KeyRing } from '../signature.js';
import { authenticate, precheck } from './authenticate.js';
import { dispatch } from './dispatch.js';
import { applyFault } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { checkHeaders, parseJsonBody, validateRequest } from './request.js';
import { asApiError, serialise } from './respond.js';
import { requireOperation } from './route.js';
import { headerRecord, readBody, sendError, sendJson } from './transport.js';

/** One API request the simulator answered, as its request log records it. */
export interface RequestLogEntry {
  requestId: string;
  operationId: string | null;
  method: string;
  path: string;
  /** HTTP status sent, or -1 when a `reset` fault dropped the connection. */
  status: number;
  reasonCode: string | null;
  /** Answered from the idempotency store instead of being processed again. */
  replayed: boolean;
}

export interface ApiDependencies {
  engine: Engine;
  keys: KeyRing;
  faults: FaultQueue;
  idempotency: IdempotencyStore;
  routes: Route[];
  handlers: HandlerTable;
  log: RequestLogEntry[];
  maxSkewMs: number;
  checkResponses: boolean;
  checkHost: boolean;
  rejectUnknownFields: boolean;
  maxBodyBytes: number;
  /** How many entries `log` keeps (the oldest go first). */
  maxLogEntries: number;
}

/**
 * The API chain, in order: faults → authenticate (headers, then transport reads the body within
 * its limit, then the signature) → route → request validation → idempotency → dispatch → respond. Each stage lives in its own file; this only runs them.
 */
export function createApiHandler(deps: ApiDependencies) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const lookup = lookupRoute(deps.routes, method, url.pathname);
    const entry: RequestLogEntry = {
      requestId,
      operationId: lookup.kind === 'match' ? lookup.match.operation.operationId : null,
      method,
      path: url.pathname + url.search,
      status: 0,
      reasonCode: null,
      replayed: false,
    };
    appendCapped(deps.log, entry, deps.maxLogEntries);

    const fault = await applyFault(deps.faults.take(entry.operationId), req, res);
    if (fault.kind === 'handled') {
      entry.status = fault.status;
      entry.reasonCode = fault.reasonCode;
      return;
    }
    const { truncate } = fault;

    deps.engine.runDue();
    let bodyRead = false;
    try {
      const headers = headerRecord(req);
      // Headers first: an unsigned or unknown caller, or a declared body over the limit, is answered
      // before any of the body is read.
      precheck(deps.keys, headers);
      const raw = await readBody(req, deps.maxBodyBytes);
      bodyRead = true;
      const caller = await authenticate(
        { ...deps, store: deps.engine.store },
        {
          method,
          target: req.url ?? '/',
          headers,
          body: new Uint8Array(raw),
        },
      );
      const routed = requireOperation(
        lookup,
        method,
        url.pathname,
        caller.publicKeyId,
        headers['x-amz-pay-region'],
      );
      const { operation } = routed;
      checkHeaders(operation, headers);

      const idempotencyKey = IdempotencyStore.keyOf(method, headers);
      const fingerprint = IdempotencyStore.fingerprint(method, url.pathname + url.search, raw);
      if (idempotencyKey) {
        const stored = deps.idempotency.lookup(caller.merchantId, idempotencyKey, fingerprint);
        if (stored) {
          entry.status = stored.status;
          entry.replayed = true;
          sendJson(res, stored.status, stored.body, {}, truncate);
          return;
        }
      }

      const request = validateRequest(
        operation,
        {
          body: parseJsonBody(raw),
          params: routed.params,
          query: url.searchParams,
          headers,
          env: routed.realm.env,
        },
        deps,
      );
      const result = dispatch(deps.handlers, operation, {
        operationId: operation.operationId,
        merchantId: caller.merchantId,
        publicKeyId: caller.publicKeyId,
        params: routed.params,
        query: url.searchParams,
        body: request.body,
        headers,
        realm: routed.realm,
        simulationCode: request.simulationCode,
        engine: deps.engine,
      });
      const json = serialise(operation, result, deps.checkResponses);
      if (idempotencyKey) {
        deps.idempotency.remember(caller.merchantId, idempotencyKey, {
          fingerprint,
          status: result.status,
          body: json,
          storedAt: deps.engine.now().getTime(),
        });
      }
      entry.status = result.status;
      sendJson(res, result.status, json, {}, truncate);
    } catch (error) {
      const apiError = asApiError(error);
      // The rest of an unread body is discarded; closing spares the client sending it all.
      if (!bodyRead) res.setHeader('connection', 'close');
      entry.status = apiError.status;
      entry.reasonCode = apiError.reasonCode;
      sendError(res, apiError, truncate);
    }
  };
}
