import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultReasonCode, type FaultSpec } from '../faults.js';
import { sendJson } from './transport.js';

/**
 * Faults: applies the fault a test queued for this request. A delay waits; `reset` drops the
 * connection and `status` answers an error without processing the request (both 'handled');
 * `body: 'truncated'` lets the request be processed and cuts the answer ('truncate').
 */
export type FaultOutcome =
  | { kind: 'handled'; status: number; reasonCode: string }
  | { kind: 'proceed'; truncate: boolean };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function applyFault(
  fault: FaultSpec | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<FaultOutcome> {
  if (!fault) return { kind: 'proceed', truncate: false };
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.reset) {
    req.socket.destroy();
    return { kind: 'handled', status: -1, reasonCode: 'ConnectionReset' };
  }
  if (fault.status) {
    const reasonCode = fault.reasonCode ?? defaultReasonCode(fault.status);
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
    return { kind: 'handled', status: fault.status, reasonCode };
  }
  return { kind: 'proceed', truncate: fault.body === 'truncated' };
}
