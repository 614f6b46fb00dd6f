import {
  AmazonPayError,
  AmazonPayUnprocessableError,
  type ClientConfig,
  type ClientHooks,
  WebStoreClient,
} from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { type Simulator, startSimulator } from '@amazon-pay-ts/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOORS, type DoorName } from './doors.js';
import { type Fault, type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { MONEY_OPERATIONS, type PreparedCall } from './operations.js';

/**
 * Every money-moving operation × every fault, through one door of the client (each door has its
 * own test file, so vitest runs them side by side). Each case ends in exactly one of two outcomes:
 * - success, and the simulator shows exactly one effect;
 * - a typed AmazonPayError carrying operationId, method, url and (for POSTs) the idempotency key,
 *   after which the same call through the same door with that key leaves exactly one effect —
 *   never two, never none.
 * Effects are counted on the simulator's state; nothing is mocked.
 */

// Short deadlines so hung and slow replies cost under a second; the bound checked below. On a loaded
// machine a healthy attempt can still exceed its deadline: it is then retried with the same key, so
// a cell may show another of the two legal outcomes, never a third.
const ATTEMPT_TIMEOUT_MS = 800;
const TIMEOUT_MS = 5_000;
const MAX_RETRIES = 2;
const ATTEMPTS = MAX_RETRIES + 1;

interface FaultCase {
  readonly label: string;
  readonly fault: (abort: () => void) => Fault;
  /** How many requests in a row get the fault (default 1: a transient fault). */
  readonly times?: number;
  /** Retry-After waits the client must have asked for (checked through the sleep hook). */
  readonly waitsMs?: (waits: readonly number[]) => void;
}

const httpDate = (msFromNow: number) => new Date(Date.now() + msFromNow).toUTCString();

const FAULTS: readonly FaultCase[] = [
  { label: 'reset before forwarding (no effect)', fault: () => ({ kind: 'reset-before-forward' }) },
  { label: 'reset before headers', fault: () => ({ kind: 'reset-before-headers' }) },
  {
    label: 'reset before headers, every attempt',
    fault: () => ({ kind: 'reset-before-headers' }),
    times: ATTEMPTS,
  },
  { label: 'reset mid-body', fault: () => ({ kind: 'reset-mid-body' }) },
  { label: 'truncated JSON (connection close)', fault: () => ({ kind: 'truncated-json' }) },
  { label: 'empty 200', fault: () => ({ kind: 'empty-2xx' }) },
  { label: 'HTML 200', fault: () => ({ kind: 'html-2xx' }) },
  { label: 'JSON null 200', fault: () => ({ kind: 'json-null-2xx' }) },
  { label: 'JSON as text/plain', fault: () => ({ kind: 'wrong-content-type' }) },
  {
    label: '302 to another host',
    fault: () => ({ kind: 'redirect', status: 302, location: 'http://elsewhere.invalid/captured' }),
  },
  {
    label: '307 to another host',
    fault: () => ({ kind: 'redirect', status: 307, location: 'http://elsewhere.invalid/v2/charges' }),
  },
  { label: '408, no Retry-After', fault: () => ({ kind: 'status-before-forward', status: 408 }) },
  {
    label: '429, Retry-After 1 (seconds)',
    fault: () => ({ kind: 'status-before-forward', status: 429, retryAfter: '1' }),
    waitsMs: (waits) => expect(waits).toEqual([1000]),
  },
  {
    label: '429, Retry-After HTTP date',
    fault: () => ({ kind: 'status-before-forward', status: 429, retryAfter: httpDate(2000) }),
    waitsMs: (waits) => {
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThanOrEqual(2000);
    },
  },
  {
    label: '503, Retry-After garbage',
    fault: () => ({ kind: 'status-before-forward', status: 503, retryAfter: 'soon-ish' }),
  },
  {
    label: '503, Retry-After huge (1 day)',
    fault: () => ({ kind: 'status-before-forward', status: 503, retryAfter: '86400' }),
    waitsMs: (waits) => expect(waits).toEqual([]),
  },
  { label: '500, no Retry-After', fault: () => ({ kind: 'status-before-forward', status: 500 }) },
  {
    label: '503 on every attempt',
    fault: () => ({ kind: 'status-before-forward', status: 503 }),
    times: ATTEMPTS,
  },
  { label: '502 after the server acted', fault: () => ({ kind: 'status-after-forward', status: 502 }) },
  { label: 'hung before headers', fault: () => ({ kind: 'hang-before-headers' }) },
  { label: 'slow body (1 byte / 200 ms)', fault: () => ({ kind: 'slow-body', byteEveryMs: 200 }) },
  {
    label: 'aborted mid-flight by the caller',
    fault: (abort) => ({ kind: 'notify-after-forward', onForwarded: abort }),
  },
];

/** How the door's client is observed. */
export interface MatrixOptions {
  /**
   * Hooks, a `retry.onRetry` and a logger that all throw (or reject) on every event, beside hooks
   * that record the events: the matrix must come out the same as without them (hooks and loggers
   * cannot change a call's outcome), and every call must end with exactly one onSuccess or onError.
   */
  readonly throwingObservers?: boolean;
}

/** Hooks that throw on every event (synchronously, or with a rejected promise). */
const throwingHooks: ClientHooks[] = [
  Object.fromEntries(
    ['onRequest', 'onResponse', 'onRetry', 'onSuccess', 'onError'].map((name) => [
      name,
      () => {
        throw new Error(`${name} broke`);
      },
    ]),
  ),
  Object.fromEntries(
    ['onRequest', 'onResponse', 'onRetry', 'onSuccess', 'onError'].map((name) => [
      name,
      () => Promise.reject(new Error(`${name} rejected`)),
    ]),
  ),
];

/** Defines the matrix's tests for one door and prints its matrix when they are done. */
export function faultMatrix(doorName: DoorName, options: MatrixOptions = {}): void {
  const door = DOORS[doorName];
  let sim: Simulator;
  let proxy: FaultProxy;
  let setup: WebStoreClient;
  let faulty: WebStoreClient;
  const waits: number[] = [];
  /** Retries of the call in flight, as the client reports them to `retry.onRetry` (any door). */
  let retries = 0;
  /** The terminal hook events of the call in flight (`throwingObservers`). */
  const ends: { hook: 'onSuccess' | 'onError'; idempotencyKey: string | undefined }[] = [];
  const matrix = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
    const publicKeyId = 'SANDBOX-AFAULTSUITEKEY0001';
    sim = await startSimulator({ keys: [{ publicKeyId, publicKey: publicKeyPem }] });
    proxy = await startFaultProxy(sim.url);
    const base: ClientConfig = {
      region: 'na',
      publicKeyId,
      privateKey: privateKeyPem,
      validateResponses: 'strict',
    };
    setup = new WebStoreClient({ ...base, baseUrl: sim.url });
    faulty = new WebStoreClient({
      ...base,
      baseUrl: proxy.url,
      maxRetries: MAX_RETRIES,
      attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
      timeoutMs: TIMEOUT_MS,
      logger: {
        warn: () => {
          if (options.throwingObservers) throw new Error('the log sink is down');
        },
      },
      retry: {
        baseDelayMs: 1,
        maxDelayMs: 5,
        maxRetryAfterMs: 5_000,
        // Waits are recorded, not slept: the suite checks what the client would wait, in no time.
        sleep: async (ms) => {
          waits.push(ms);
        },
        onRetry: () => {
          retries += 1;
          if (options.throwingObservers) throw new Error('onRetry broke');
        },
      },
      ...(options.throwingObservers
        ? {
            hooks: [
              ...throwingHooks,
              {
                onSuccess: ({ idempotencyKey }) => void ends.push({ hook: 'onSuccess', idempotencyKey }),
                onError: ({ idempotencyKey }) => void ends.push({ hook: 'onError', idempotencyKey }),
              },
            ],
          }
        : {}),
    });
  });

  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
    printMatrix(doorName, matrix);
  });

  describe.each(MONEY_OPERATIONS)('$name', (operation) => {
    it.each(FAULTS)('$label', async (faultCase) => {
      const prepared = await operation.prepare(setup, sim);
      const controller = new AbortController();
      proxy.inject(
        faultCase.fault(() => controller.abort(new Error('caller gave up'))),
        faultCase.times ?? 1,
      );
      waits.length = 0;
      retries = 0;
      ends.length = 0;
      const before = prepared.effects(sim.state);
      expect(before).toBe(0);

      const started = performance.now();
      let outcome: string;
      try {
        await door(faulty, prepared.call, { signal: controller.signal });
        expect(prepared.effects(sim.state), 'success means exactly one effect').toBe(1);
        if (options.throwingObservers) expect(ends.map((end) => end.hook)).toEqual(['onSuccess']);
        outcome = retries === 0 ? 'ok ×1' : `ok ×1 (${retries} retr${retries === 1 ? 'y' : 'ies'})`;
      } catch (error) {
        expect(error).toBeInstanceOf(AmazonPayError);
        const failure = error as AmazonPayError;
        expect(failure.operationId).toBe(operation.name);
        expect(failure.method).toMatch(/^(POST|PATCH|DELETE)$/);
        expect(failure.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\//);
        if (operation.keyed) expect(failure.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
        if (options.throwingObservers) {
          expect(ends).toEqual([{ hook: 'onError', idempotencyKey: failure.idempotencyKey }]);
        }
        const effectsAfterError = prepared.effects(sim.state);
        expect(effectsAfterError, 'never two effects').toBeLessThanOrEqual(1);
        if (effectsAfterError === 1)
          expect(failure.mayHaveSucceeded, 'an effect happened: must say so').toBe(true);
        // Recovery as the README says: the same call through the same door, with the error's key.
        const recovery = await recover(prepared, failure);
        expect(prepared.effects(sim.state), 'the retry with the key leaves exactly one effect').toBe(1);
        outcome = `${failure.name.replace(/^AmazonPay|Error$/g, '')} → ${recovery}`;
      }
      expect(performance.now() - started, 'within the documented bound').toBeLessThan(TIMEOUT_MS + 500);
      faultCase.waitsMs?.(waits);
      record(matrix, operation.name, faultCase.label, outcome);
    });
  });

  async function recover(prepared: PreparedCall, failure: AmazonPayError) {
    try {
      await door(
        setup,
        prepared.call,
        failure.idempotencyKey ? { idempotencyKey: failure.idempotencyKey } : {},
      );
      return failure.idempotencyKey ? 'same key: ok ×1' : 'again: ok ×1';
    } catch (error) {
      // A DELETE/PATCH carries no key (Amazon ignores one there): repeating a cancel that already
      // happened is refused as a state error, and the state shows the single effect.
      if (error instanceof AmazonPayUnprocessableError) return `again: 422 ${error.reasonCode}, ×1`;
      throw error;
    }
  }
}

function record(matrix: Map<string, Map<string, string>>, operation: string, fault: string, outcome: string) {
  if (!matrix.has(fault)) matrix.set(fault, new Map());
  matrix.get(fault)!.set(operation, outcome);
}

function printMatrix(doorName: DoorName, matrix: Map<string, Map<string, string>>) {
  if (matrix.size === 0) return;
  const operations = MONEY_OPERATIONS.map((op) => op.name);
  const lines = [`| fault | ${operations.join(' | ')} |`, `|---|${operations.map(() => '---').join('|')}|`];
  for (const [fault, row] of matrix) {
    lines.push(`| ${fault} | ${operations.map((op) => row.get(op) ?? '—').join(' | ')} |`);
  }
  console.log(
    `\nFault matrix through ${doorName} (operation × fault → outcome; ×1 = exactly one effect on the simulator)\n\n${lines.join('\n')}\n`,
  );
}
