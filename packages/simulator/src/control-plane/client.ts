import {
  type ControlPlaneCall,
  type ControlPlaneMethods,
  controlPlaneMethods,
  controlPlaneRoutes,
} from '../generated/control-plane/client-methods.js';

/** How to reach a simulator's control plane. */
export interface ControlPlaneClientOptions {
  /** The simulator's base URL, as it printed it (`http://127.0.0.1:4010`, `https://simulator:4010`). */
  baseUrl: string;
  /** The bearer token, needed when the simulator listens on an address other than loopback. */
  token?: string;
  /** The fetch to send with (a test double, or one trusting the simulator's CA). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Deadline of one call, ms (default 30 000; settling notifications waits for deliveries). */
  timeoutMs?: number;
}

/** A control plane answer other than 2xx: its status and the `{ reasonCode, message }` it sent. */
export class ControlPlaneError extends Error {
  constructor(
    readonly status: number,
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlPlaneError';
  }
}

/**
 * A typed client of the simulator's control plane (openapi/simulator-control.yaml), one method per
 * operation: `approveCheckoutSession(id, { paymentMethod: '0701' })`, `advanceClock({ ms: 30_000 })`,
 * `queueFault({ status: 503 })`, `getState()`, `reset()`… Plain fetch, no Node-only module: it runs
 * wherever a merchant's tests run, in another process or container than the simulator.
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneMethods {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError('baseUrl must be the simulator URL, e.g. http://127.0.0.1:4010');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError('baseUrl must be an http(s) URL');
  }
  const origin = base.href.replace(/\/+$/, '');
  const send = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call: ControlPlaneCall = async (operationId, pathParams, body, query) => {
    const route = controlPlaneRoutes[operationId];
    const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(pathParams[name] ?? ''),
    );
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (route.hasBody) headers['content-type'] = 'application/json';
    const response = await send(`${origin}${path}${search.size > 0 ? `?${search}` : ''}`, {
      method: route.method,
      headers,
      ...(route.hasBody ? { body: JSON.stringify(body ?? {}) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      let reason: { reasonCode?: string; message?: string } = {};
      try {
        reason = JSON.parse(text);
      } catch {
        // Not the control plane (a proxy's page): the status says enough.
      }
      throw new ControlPlaneError(
        response.status,
        reason.reasonCode ?? 'UnexpectedResponse',
        `${operationId}: ${response.status} ${reason.reasonCode ?? ''} ${reason.message ?? text.slice(0, 200)}`.trim(),
      );
    }
    return response.status === 204 || text === '' ? undefined : JSON.parse(text);
  };
  return controlPlaneMethods(call);
}
