import { appendCapped } from './capped-log.js';
import type { Environment } from './ids.js';

/** The objects whose state changes Amazon reports in instant payment notifications. */
export type StateChangeObjectType = 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHARGEBACK';

/** One state change made by the simulator's state machines, by a request or by simulated time. */
export interface StateChangeEvent {
  objectType: StateChangeObjectType;
  /** The charge permission, charge, refund or dispute id. */
  objectId: string;
  chargePermissionId: string;
  /** The merchant that owns the object (see `RegisteredKey.merchantId`). */
  merchantId: string;
  /** The new state, e.g. `Authorized`; creation counts as a change from `previousState: null`. */
  state: string;
  previousState: string | null;
  reasonCode: string | null;
  environment: Environment;
  /** Simulated time of the change. */
  at: Date;
}

/** Called with every state change (see {@link Simulator.onStateChange}). */
export type StateChangeListener = (event: StateChangeEvent) => void;

/**
 * The engine's state-change stream. Listeners run synchronously, in order, when a change is made;
 * a listener that throws does not affect the request that caused the change: its error is
 * rethrown on a later tick, where the test runner reports it.
 */
export class StateChanges {
  private listeners = new Set<StateChangeListener>();
  private log: StateChangeEvent[] = [];

  /** Calls `listener` for every later change; returns a function that stops it. */
  on(listener: StateChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The changes so far, oldest first: the newest 10,000 (DEFAULT_MAX_LOG_ENTRIES). */
  get all(): readonly StateChangeEvent[] {
    return this.log.map((e) => Object.freeze({ ...e }));
  }

  /** Forgets the changes so far (listeners stay). */
  clear(): void {
    this.log = [];
  }

  emit(event: StateChangeEvent): void {
    appendCapped(this.log, event);
    for (const listener of this.listeners) {
      try {
        listener({ ...event });
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
