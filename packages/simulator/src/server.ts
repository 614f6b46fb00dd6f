import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isSignatureAlgorithm, normalizeRegion, verifyButtonSignature } from '@amazon-pay-ts/signer';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types';
import type { ClockOption, SimulatorClock } from './clock.js';
import { Engine, type Realm } from './engine.js';
import { ApiError } from './errors.js';
import { defaultReasonCode, FaultQueue, type FaultSpec, type Faults } from './faults.js';
import type { HandlerTable } from './handler.js';
import { handleHostedPage } from './hosted-page.js';
import { IdempotencyStore } from './idempotency.js';
import { type Environment, requestId as newRequestId } from './ids.js';
import { findPaymentMethod, type SimulatedPaymentMethod } from './payment-methods.js';
import { type BuyerTokenOptions, issueBuyerToken } from './resources/buyer.js';
import {
  type ApproveOptions,
  approve,
  checkoutSessionView,
  signInUrl,
} from './resources/checkout-session.js';
import { allHandlers } from './resources/index.js';
import { reportDocumentContent } from './resources/reports.js';
import { compileRoutes, lookupRoute } from './routes.js';
import { KeyRing, type RegisteredKey, verifySignature } from './signature.js';
import { checkSimulationCode } from './simulation.js';
import { type SimulatorState, snapshot } from './state.js';
import { findUnknownField } from './unknown-fields.js';
import { validateRequestPart } from './validation.js';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Public keys whose signatures are accepted. More can be added with `addKey`. */
  keys?: RegisteredKey[];
  /** Start time (then running), or a clock to follow. */
  clock?: ClockOption;
  /** Largest accepted distance between `x-amz-pay-date` and the real clock; default 15 minutes. */
  maxSkewMs?: number;
  /**
   * Check every response against the spec's response schema before sending it (default true):
   * a mismatch is a simulator bug and is answered as a 500 naming the field.
   */
  checkResponses?: boolean;
  /**
   * Check that the signed `x-amz-pay-host` names the host the request reached (default true); turn
   * off behind a proxy that rewrites Host.
   */
  checkHost?: boolean;
  /**
   * Answer UnrecognizedField for body fields the spec does not describe, as Amazon does (default
   * true); turn off if you send a field Amazon added after this spec was written.
   */
  rejectUnknownFields?: boolean;
  /** Serve https with this certificate and key (PEM), e.g. for clients that insist on https. */
  tls?: { cert: string; key: string };
}

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

export interface ApproveInput extends Omit<ApproveOptions, 'paymentMethod'> {
  /** A simulated payment method's last four digits, e.g. `'0701'` for a pending authorization. */
  paymentMethod?: string | SimulatedPaymentMethod;
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`; API paths are `${url}/v2/...` (or with /sandbox, /live). */
  readonly url: string;
  /** A read-only snapshot of everything the simulator holds, shaped like the API's responses. */
  readonly state: SimulatorState;
  /** Every API request answered so far, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  readonly clock: SimulatorClock;
  readonly faults: Faults;
  /** Acts as the buyer: signs in (if needed) and, once the session allows it, confirms payment. */
  approve(checkoutSessionId: string, options?: ApproveInput): ReturnType<typeof checkoutSessionView>;
  /** Where the buyer signs in for a checkout session (what the Amazon Pay button opens). */
  hostedPageUrl(checkoutSessionId: string): string;
  /** A buyer token as Amazon Sign-In returns to signInReturnUrl, for getBuyer. */
  issueBuyerToken(options?: BuyerTokenOptions): string;
  addKey(key: RegisteredKey): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function realmOf(pathEnv: Environment | null, publicKeyId: string, regionHeader: string | undefined): Realm {
  const keyEnv = /^live-/i.test(publicKeyId) ? 'Live' : /^sandbox-/i.test(publicKeyId) ? 'Sandbox' : null;
  return {
    env: pathEnv ?? keyEnv ?? 'Sandbox',
    region: normalizeRegion(regionHeader) ?? 'na',
  };
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Starts a local, stateful Amazon Pay API v2 that verifies request signatures. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const engine = new Engine(options.clock);
  const keys = new KeyRing();
  for (const key of options.keys ?? []) keys.add(key);
  const faults = new FaultQueue();
  const idempotency = new IdempotencyStore();
  const routes = compileRoutes(operationSchemas as unknown as Record<string, OperationSchema>);
  const handlers: HandlerTable = allHandlers;
  const log: RequestLogEntry[] = [];
  const maxSkewMs = options.maxSkewMs ?? 15 * 60 * 1000;
  const checkResponses = options.checkResponses ?? true;
  const checkHost = options.checkHost ?? true;
  const rejectUnknownFields = options.rejectUnknownFields ?? true;

  function sendJson(
    res: ServerResponse,
    status: number,
    json: string,
    extraHeaders: Record<string, string> = {},
    truncate = false,
  ) {
    const bytes = Buffer.from(json);
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': bytes.length, ...extraHeaders });
    if (truncate) {
      res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => res.socket?.destroy());
      return;
    }
    res.end(bytes);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer, reqId: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const lookup = lookupRoute(routes, method, url.pathname);
    const operationId = lookup.kind === 'match' ? lookup.match.operation.operationId : null;
    const entry: RequestLogEntry = {
      requestId: reqId,
      operationId,
      method,
      path: url.pathname + url.search,
      status: 0,
      reasonCode: null,
      replayed: false,
    };
    log.push(entry);

    const fault: FaultSpec | undefined = faults.take(operationId);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.reset) {
      entry.status = -1;
      entry.reasonCode = 'ConnectionReset';
      req.socket.destroy();
      return;
    }
    if (fault?.status) {
      const reasonCode = fault.reasonCode ?? defaultReasonCode(fault.status);
      entry.status = fault.status;
      entry.reasonCode = reasonCode;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      sendJson(
        res,
        fault.status,
        JSON.stringify({
          reasonCode,
          message: fault.message ?? `Simulated ${fault.status} (a fault queued with sim.faults.next).`,
        }),
        headers,
      );
      return;
    }
    const truncate = fault?.body === 'truncated';

    engine.runDue();
    const headers = headerRecord(req);
    try {
      const verified = await verifySignature(
        keys,
        { method, url: req.url ?? '/', headers, body: new Uint8Array(raw) },
        // Signatures are dated by the sender's real clock; simulated time only drives state changes.
        new Date(),
        maxSkewMs,
      );
      const signedHost = headers['x-amz-pay-host'];
      if (
        checkHost &&
        signedHost !== undefined &&
        headers.host !== undefined &&
        signedHost !== headers.host
      ) {
        throw new ApiError(
          400,
          'InvalidHeaderValue',
          `x-amz-pay-host '${signedHost}' does not match the host this request was sent to ('${headers.host}'); sign the host of the URL you call.`,
        );
      }
      if (lookup.kind === 'not-found')
        throw new ApiError(404, 'ResourceNotFound', `No Amazon Pay operation at ${url.pathname}.`);
      if (lookup.kind === 'method-not-allowed') {
        throw new ApiError(
          405,
          'UnsupportedOperation',
          `${method} is not supported on ${url.pathname}; use ${lookup.allowed.join(' or ')}.`,
        );
      }
      const { operation, params } = lookup.match;
      const realm = realmOf(lookup.env, verified.publicKeyId, headers['x-amz-pay-region']);

      const authToken = headers['x-amz-pay-authtoken'];
      if (authToken !== undefined && !engine.store.authorizationTokens.has(authToken)) {
        throw new ApiError(
          401,
          'UnauthorizedAccess',
          'x-amz-pay-authtoken is not a delegated authorization token issued by getAuthorizationToken.',
        );
      }
      const headerCheck = operation.headers.safeParse(headers);
      if (!headerCheck.success) {
        const issue = headerCheck.error.issues[0]!;
        const name = String(issue.path[0] ?? 'header');
        throw headers[name] === undefined
          ? new ApiError(
              400,
              'MissingHeader',
              `The header '${name}' is required for ${operation.operationId}.`,
            )
          : new ApiError(
              400,
              'InvalidHeaderValue',
              `The value of header '${name}' is invalid: ${issue.message}.`,
            );
      }

      const idempotencyKey = headers['x-amz-pay-idempotency-key'];
      const fingerprint = IdempotencyStore.fingerprint(method, url.pathname + url.search, raw);
      if (idempotencyKey) {
        const stored = idempotency.lookup(
          verified.publicKeyId,
          idempotencyKey,
          fingerprint,
          engine.now().getTime(),
        );
        if (stored) {
          entry.status = stored.status;
          entry.replayed = true;
          sendJson(res, stored.status, stored.body, {}, truncate);
          return;
        }
      }

      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          throw new ApiError(
            400,
            'InvalidRequestFormat',
            `The request body is not valid JSON: ${(error as Error).message}.`,
          );
        }
      }
      if (operation.body) {
        if (body === undefined) {
          if (operation.bodyRequired) {
            throw new ApiError(
              400,
              'InvalidRequestFormat',
              `${operation.operationId} needs a JSON request body.`,
            );
          }
        } else {
          validateRequestPart(operation.body, body);
          const unknown = rejectUnknownFields ? findUnknownField(operation.body, body) : undefined;
          if (unknown) {
            throw new ApiError(400, 'UnrecognizedField', `The field '${unknown}' is invalid for this API.`);
          }
        }
      }
      validateRequestPart(operation.pathParams, params);
      validateRequestPart(operation.query, Object.fromEntries(url.searchParams));
      const simulationCode = checkSimulationCode(
        operation.operationId,
        headers['x-amz-pay-simulation-code'] ?? null,
        realm.env,
      );

      const handler = handlers[operation.operationId];
      if (!handler)
        throw new ApiError(501, 'UnsupportedOperation', `${operation.operationId} is not simulated.`);
      const result = handler({
        operationId: operation.operationId,
        params,
        query: url.searchParams,
        body: (body ?? {}) as Record<string, unknown>,
        headers,
        realm,
        simulationCode,
        engine,
      });
      const status = result.status ?? operation.successStatus;
      if (checkResponses) {
        const check = operation.response.safeParse(result.body);
        if (!check.success) {
          const issue = check.error.issues[0]!;
          throw new ApiError(
            500,
            'InternalServerError',
            `Simulator bug: its ${operation.operationId} response does not match the spec at '${issue.path.join('.')}': ${issue.message}.`,
          );
        }
      }
      const json = JSON.stringify(result.body);
      if (idempotencyKey) {
        idempotency.remember(verified.publicKeyId, idempotencyKey, {
          fingerprint,
          status,
          body: json,
          storedAt: engine.now().getTime(),
        });
      }
      entry.status = status;
      sendJson(res, status, json, {}, truncate);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'InternalServerError',
              `Simulator error: ${(error as Error).message ?? String(error)}`,
            );
      entry.status = apiError.status;
      entry.reasonCode = apiError.reasonCode;
      sendJson(
        res,
        apiError.status,
        JSON.stringify({ reasonCode: apiError.reasonCode, message: apiError.message }),
        apiError.headers,
        truncate,
      );
    }
  }

  async function handleButton(res: ServerResponse, raw: Buffer) {
    let input: { payloadJSON?: unknown; signature?: unknown; publicKeyId?: unknown; algorithm?: unknown };
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(
        res,
        400,
        JSON.stringify({
          reasonCode: 'InvalidRequestFormat',
          message: 'Send JSON {payloadJSON, signature, publicKeyId, algorithm?}.',
        }),
      );
    }
    const payload =
      typeof input.payloadJSON === 'string' ? input.payloadJSON : JSON.stringify(input.payloadJSON);
    const algorithm = isSignatureAlgorithm(input.algorithm) ? input.algorithm : 'AMZN-PAY-RSASSA-PSS-V2';
    const key = keys.get(String(input.publicKeyId));
    if (!key) {
      return sendJson(
        res,
        400,
        JSON.stringify({
          reasonCode: 'InvalidPublicKeyId',
          message: `Public key id '${String(input.publicKeyId)}' is not registered.`,
        }),
      );
    }
    const result = await verifyButtonSignature(
      payload,
      String(input.signature ?? ''),
      (await key).cryptoKey,
      algorithm,
    );
    if (!result.ok) {
      return sendJson(
        res,
        400,
        JSON.stringify({
          reasonCode: 'InvalidSignatureError',
          message: `Signature does not match payloadJSON signed with ${algorithm} (${result.reason}); sign exactly the string you pass as payloadJSON.`,
        }),
      );
    }
    // A sign-in button payload carries signInReturnUrl: Amazon signs the buyer in and returns a buyer token.
    const parsed = JSON.parse(payload) as { signInReturnUrl?: unknown; signInScopes?: unknown };
    if (typeof parsed.signInReturnUrl === 'string') {
      const scopes = Array.isArray(parsed.signInScopes) ? parsed.signInScopes.map(String) : undefined;
      const token = issueBuyerToken(engine, scopes ? { scopes } : {});
      const target = new URL(parsed.signInReturnUrl);
      target.searchParams.set('buyerToken', token);
      res.writeHead(302, { location: target.toString(), 'content-length': 0 });
      return res.end();
    }
    return sendJson(res, 200, JSON.stringify({ valid: true, algorithm, payloadJSON: payload }));
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const reqId = newRequestId();
    res.setHeader('x-amz-pay-request-id', reqId);
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    if (url.pathname === '/checkout/button' && req.method === 'POST') return handleButton(res, raw);
    if (url.pathname.startsWith('/checkout/'))
      return handleHostedPage(engine, req, res, url, raw.toString('utf8'));
    const download = /^\/documents\/([^/]+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      engine.runDue();
      const content = reportDocumentContent(engine, decodeURIComponent(download[1]!));
      if (content === undefined)
        return sendJson(
          res,
          404,
          JSON.stringify({ reasonCode: 'ResourceNotFound', message: 'No such report document.' }),
        );
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-length': Buffer.byteLength(content),
      });
      return res.end(content);
    }
    if (url.pathname === '/' && req.method === 'GET') {
      return sendJson(
        res,
        200,
        JSON.stringify({
          simulator: '@amazon-pay-ts/simulator',
          apiBase: `${engine.baseUrl}/v2`,
          publicKeyIds: keys.ids(),
        }),
      );
    }
    return handleApi(req, res, url, raw, reqId);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, JSON.stringify({ reasonCode: 'InternalServerError', message: String(error) }));
      } else {
        res.destroy();
      }
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  engine.baseUrl = `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;

  return {
    url: engine.baseUrl,
    get state() {
      engine.runDue();
      return snapshot(engine);
    },
    get requests() {
      return log.map((e) => Object.freeze({ ...e }));
    },
    clock: engine.clock,
    faults,
    approve(checkoutSessionId, input = {}) {
      const { paymentMethod, ...rest } = input;
      let method: SimulatedPaymentMethod | undefined;
      if (typeof paymentMethod === 'string') {
        method = findPaymentMethod(paymentMethod);
        if (!method) throw new RangeError(`unknown simulated payment method '${paymentMethod}'`);
      } else {
        method = paymentMethod;
      }
      const record = approve(engine, checkoutSessionId, {
        ...rest,
        ...(method ? { paymentMethod: method } : {}),
      });
      return checkoutSessionView(engine, record);
    },
    hostedPageUrl: (id) => signInUrl(engine, id),
    issueBuyerToken: (opts) => issueBuyerToken(engine, opts),
    addKey: (key) => keys.add(key),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
