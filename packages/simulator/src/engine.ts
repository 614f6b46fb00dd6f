import { type ClockOption, createClock, type SimulatorClock } from './clock.js';
import { StateChanges } from './events.js';
import type { Environment, RegionCode } from './ids.js';
import { createStore, type Store } from './store.js';

interface ScheduledTask {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * The simulator's world: the store, the controllable clock and the timed transitions
 * (pending authorizations, expiries, report generation) that fire when simulated time reaches them.
 */
export class Engine {
  readonly store: Store = createStore();
  readonly clock: SimulatorClock;
  /** Every state change the state machines make, for IPN delivery and tests. */
  readonly changes = new StateChanges();
  /** Base URL of the running server, for hosted pages and report downloads. */
  baseUrl = '';
  private tasks: ScheduledTask[] = [];
  private seq = 0;
  private running = false;

  constructor(clock: ClockOption | undefined) {
    this.clock = createClock(clock, () => this.runDue());
  }

  now(): Date {
    return this.clock.now();
  }

  /** Runs `run` once simulated time reaches `at` (checked on every request and clock move). */
  schedule(at: Date, run: () => void): void {
    this.tasks.push({ at: at.getTime(), seq: this.seq++, run });
  }

  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const now = this.now().getTime();
        const due = this.tasks.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
        if (due.length === 0) return;
        this.tasks = this.tasks.filter((t) => t.at > now);
        for (const task of due) task.run();
      }
    } finally {
      this.running = false;
    }
  }
}

/** Which Amazon environment and region a request addressed. */
export interface Realm {
  env: Environment;
  region: RegionCode;
}
