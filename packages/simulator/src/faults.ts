import { operationIds } from '@amazon-pay-ts/types';

/**
 * Faults a test queues for the next API requests: an error status (optionally with Retry-After),
 * a delay, a dropped connection, or a response cut off mid-body.
 */
export interface FaultSpec {
  /** Answer with this status instead of processing the request. */
  status?: number;
  reasonCode?: string;
  message?: string;
  /** Seconds, sent as `retry-after` (with `status`). */
  retryAfter?: number;
  /** Wait this long (real time) before handling the request. */
  delayMs?: number;
  /** Destroy the socket without answering; the request is not processed. */
  reset?: boolean;
  /** Process the request, then send only part of the response body and drop the connection. */
  body?: 'truncated';
  /** How many requests this fault applies to (default 1). */
  times?: number;
  /** Only requests for this operationId. */
  operationId?: string;
}

const DEFAULT_REASON: Record<number, string> = {
  400: 'InvalidRequest',
  401: 'UnauthorizedAccess',
  403: 'InvalidAccountStatus',
  404: 'ResourceNotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  425: 'TooEarly',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function defaultReasonCode(status: number): string {
  return DEFAULT_REASON[status] ?? (status >= 500 ? 'InternalServerError' : 'InvalidRequest');
}

/** Injected failures for the next requests: see {@link FaultSpec}. */
export interface Faults {
  /** Queues a fault for the next matching request(s). */
  next(spec: FaultSpec): void;
  /** Drops every queued fault. */
  clear(): void;
  /** Faults still queued. */
  readonly pending: readonly Readonly<FaultSpec>[];
}

const knownOperationIds: ReadonlySet<string> = new Set(operationIds);

export class FaultQueue implements Faults {
  private queue: (FaultSpec & { remaining: number })[] = [];

  next(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`fault times must be a positive integer, got ${times}`);
    if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) {
      throw new RangeError(`fault status must be an HTTP status, got ${spec.status}`);
    }
    // A misspelt operationId would queue a fault that never fires, and the test meant to meet it
    // would pass without it.
    if (spec.operationId !== undefined && !knownOperationIds.has(spec.operationId)) {
      throw new RangeError(
        `fault operationId must be an Amazon Pay operationId, e.g. getCharge, got '${spec.operationId}'`,
      );
    }
    this.queue.push({ ...spec, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): readonly Readonly<FaultSpec>[] {
    return this.queue.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  /** Takes the first fault that applies to this operation, consuming one of its uses. */
  take(operationId: string | null): FaultSpec | undefined {
    const index = this.queue.findIndex((f) => !f.operationId || f.operationId === operationId);
    if (index === -1) return undefined;
    const fault = this.queue[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault;
  }
}
