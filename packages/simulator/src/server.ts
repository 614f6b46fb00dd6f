import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { type ApproveOptions, approve, BuyerActionError } from './buyer-actions.js';
import { DEFAULT_MAX_LOG_ENTRIES } from './capped-log.js';
import type { ClockOption, SimulatorClock } from './clock.js';
import { controlPlane } from './control-plane/surface.js';
import { Engine } from './engine.js';
import { ApiError } from './errors.js';
import type { StateChangeEvent, StateChangeListener } from './events.js';
import { FaultQueue, type Faults } from './faults.js';
import { isLoopbackHost } from './hosts.js';
import {
  createSimulatedNotifications,
  type NotificationOptions,
  type SimulatorNotifications,
} from './notifications/index.js';
import { findPaymentMethod, type SimulatedPaymentMethod } from './payment-methods.js';
import { type BuyerTokenOptions, issueBuyerToken } from './resources/buyer.js';
import { checkoutSessionView, signInUrl } from './resources/checkout-session.js';
import { allHandlers } from './resources/index.js';
import { compileRoutes } from './routes.js';
import { KeyRing, type RegisteredKey } from './signature.js';
import { createApiHandler, type RequestLogEntry } from './stages/api.js';
import { IdempotencyStore } from './stages/idempotency.js';
import { asApiError } from './stages/respond.js';
import {
  closeServer,
  createTransport,
  headerRecord,
  listen,
  readBody,
  sendError,
} from './stages/transport.js';
import { type SimulatorState, snapshot } from './state.js';
import { builtInPages } from './surfaces/index.js';
import { findPage } from './surfaces/pages.js';

export { isLoopbackHost } from './hosts.js';
export type { RequestLogEntry } from './stages/api.js';

/** The simulator's request body limit unless `maxBodyBytes` says otherwise (Amazon publishes none). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link startSimulator}: address, keys, clock, notifications, limits. */
export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. On `0.0.0.0` or `::` (every interface) `url` names 127.0.0.1 or [::1]. */
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
  /**
   * Largest request body accepted, in bytes (default 1 MiB); larger ones are answered 413
   * RequestEntityTooLarge without being read. Amazon publishes no limit; its largest requests are a
   * few kilobytes.
   */
  maxBodyBytes?: number;
  /**
   * How many entries the request log (`requests`, the control plane's `listRequests`) keeps, newest
   * first to stay (default 10,000): every request is logged, so the log of a long-running simulator
   * is bounded by this rather than by memory.
   */
  maxLogEntries?: number;
  /** Serve https with this certificate and key (PEM), e.g. for clients that insist on https. */
  tls?: { cert: string; key: string };
  /**
   * Instant payment notifications: a simulated SNS delivers a signed IPN to `url` (and to endpoints
   * added with `sim.notifications.subscribe`) on every state change.
   */
  notifications?: NotificationOptions;
  /**
   * Makes every id reproducible (checkout sessions, charge permissions, charges, refunds, buyers,
   * tokens, request ids…): the same seed and the same requests give the same ids, for snapshot tests.
   */
  seed?: string | number;
  /**
   * The control plane under `/__simulator` (openapi/simulator-control.yaml). On a loopback address it
   * is open unless a `token` is given; on any other address it always needs `Authorization: Bearer
   * <token>`, with a random token made at start when none is given (`sim.controlToken`).
   */
  control?: { token?: string };
  /**
   * The URL clients reach the simulator at when it is not the address it listens on (a container
   * behind a service name, e.g. `https://simulator:4010`): hosted page links, report document URLs
   * and IPN certificate URLs use it.
   */
  publicUrl?: string;
}

/** How the simulated buyer approves a checkout session: payment method, buyer, addresses. */
export interface ApproveInput extends Omit<ApproveOptions, 'paymentMethod'> {
  /** A simulated payment method's last four digits, e.g. `'0701'` for a pending authorization. */
  paymentMethod?: string | SimulatedPaymentMethod;
}

/** A running simulator, from {@link startSimulator}. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`; API paths are `${url}/v2/...` (or with /sandbox, /live). */
  readonly url: string;
  /** A read-only snapshot of everything the simulator holds, shaped like the API's responses. */
  readonly state: SimulatorState;
  /** The API requests answered so far, oldest first: the newest `maxLogEntries` (default 10,000). */
  readonly requests: readonly RequestLogEntry[];
  /** The control plane's bearer token, or null when it is open (loopback without a given token). */
  readonly controlToken: string | null;
  readonly clock: SimulatorClock;
  readonly faults: Faults;
  /** Acts as the buyer: signs in (if needed) and, once the session allows it, confirms payment. */
  approve(checkoutSessionId: string, options?: ApproveInput): ReturnType<typeof checkoutSessionView>;
  /** Where the buyer signs in for a checkout session (what the Amazon Pay button opens). */
  hostedPageUrl(checkoutSessionId: string): string;
  /** A buyer token as Amazon Sign-In returns to signInReturnUrl, for getBuyer. */
  issueBuyerToken(options?: BuyerTokenOptions): string;
  /** Accepts signatures made with another public key from now on. */
  addKey(key: RegisteredKey): void;
  /**
   * Calls `listener` for every state change of a charge permission, charge, refund or dispute
   * (chargeback) — made by a request or by simulated time; returns a function that stops it.
   */
  onStateChange(listener: StateChangeListener): () => void;
  /** Every state change so far, oldest first. */
  readonly stateChanges: readonly StateChangeEvent[];
  /** The simulated SNS that delivers IPNs: subscriptions, faults, the delivery log. */
  readonly notifications: SimulatorNotifications;
  /**
   * Back to how it started: forgets every object, idempotency key, queued fault, log entry and
   * later subscription, and sets the clock (and, with a seed, the ids) back. Keys stay.
   */
  reset(): void;
  /** Stops the IPN deliveries and closes the server. */
  close(): Promise<void>;
}

function checkPublicUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new RangeError(`publicUrl must be an absolute http(s) URL, got '${publicUrl}'`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search)
    throw new RangeError(`publicUrl must be an http(s) origin without a path, got '${publicUrl}'`);
  return url.origin;
}

/** Starts a local, stateful Amazon Pay API v2 that verifies request signatures. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl);
  const controlToken =
    options.control?.token ?? (isLoopbackHost(host) ? null : randomBytes(24).toString('base64url'));
  if (controlToken !== null && controlToken.length < 16)
    throw new RangeError('control.token must be at least 16 characters');
  const engine = new Engine(options.clock, options.seed === undefined ? undefined : String(options.seed));
  const keys = new KeyRing();
  for (const key of options.keys ?? []) keys.add(key);
  const faults = new FaultQueue();
  const log: RequestLogEntry[] = [];
  const idempotency = new IdempotencyStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxLogEntries = options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES;
  if (!Number.isSafeInteger(maxLogEntries) || maxLogEntries < 1)
    throw new RangeError(`maxLogEntries must be a positive integer, got ${maxLogEntries}`);
  const handleApi = createApiHandler({
    engine,
    keys,
    faults,
    idempotency,
    routes: compileRoutes(operationSchemas as unknown as Record<string, OperationSchema>),
    handlers: allHandlers,
    log,
    maxSkewMs: options.maxSkewMs ?? 15 * 60 * 1000,
    checkResponses: options.checkResponses ?? true,
    checkHost: options.checkHost ?? true,
    rejectUnknownFields: options.rejectUnknownFields ?? true,
    maxBodyBytes,
    maxLogEntries,
  });

  const notifications = await createSimulatedNotifications(engine, options.notifications);
  const reset = () => {
    engine.reset();
    faults.clear();
    idempotency.clear();
    log.length = 0;
    notifications.reset();
  };
  const control = controlPlane({
    engine,
    keys,
    faults,
    notifications: notifications.api,
    log,
    reset,
    token: controlToken,
  });
  const pages = [control, notifications.page, ...builtInPages];

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const requestId = engine.ids.requestId();
    res.setHeader('x-amz-pay-request-id', requestId);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.local');
    } catch {
      res.setHeader('connection', 'close');
      return sendError(
        res,
        new ApiError(400, 'InvalidRequestFormat', 'The request target is not a valid URL path.'),
      );
    }
    const request = { method: (req.method ?? 'GET').toUpperCase(), url, headers: headerRecord(req) };
    const page = findPage(pages, request);
    if (!page) return handleApi(req, res, url, requestId);
    return page.handle({
      ...request,
      req,
      res,
      requestId,
      engine,
      keys,
      body: () => readBody(req, maxBodyBytes),
    });
  }

  const server = createTransport(options.tls, (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, asApiError(error));
      else res.destroy();
    });
  });
  const listening = await listen(server, host, options.port ?? 0, !!options.tls);
  engine.baseUrl = publicUrl ?? listening;

  return {
    url: engine.baseUrl,
    get state() {
      engine.runDue();
      return snapshot(engine);
    },
    get requests() {
      return log.map((e) => Object.freeze({ ...e }));
    },
    controlToken,
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
      engine.runDue();
      const record = engine.store.checkoutSessions.get(checkoutSessionId);
      if (!record) throw new BuyerActionError(`Checkout session ${checkoutSessionId} does not exist.`);
      approve(engine, record, { ...rest, ...(method ? { paymentMethod: method } : {}) });
      return checkoutSessionView(engine, record);
    },
    hostedPageUrl: (id) => signInUrl(engine, id),
    issueBuyerToken: ({ merchantId, ...opts } = {}) => issueBuyerToken(engine, merchantId ?? null, opts),
    addKey: (key) => keys.add(key),
    onStateChange: (listener) => engine.changes.on(listener),
    get stateChanges() {
      return engine.changes.all;
    },
    notifications: notifications.api,
    reset,
    close: () => {
      notifications.close();
      return closeServer(server);
    },
  };
}
