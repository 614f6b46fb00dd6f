import { type ClockOption, createClock, type SimulatorClock } from './clock.js';
import { StateChanges } from './events.js';
import { type Environment, Ids, type RegionCode } from './ids.js';
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
  /** Every id the simulator hands out (seeded: reproducible). */
  readonly ids: Ids;
  /** Every state change the state machines make, for IPN delivery and tests. */
  readonly changes = new StateChanges();
  /** Base URL of the running server, for hosted pages and report downloads. */
  baseUrl = '';
  private tasks: ScheduledTask[] = [];
  private seq = 0;
  private running = false;

  constructor(
    private readonly clockOption: ClockOption | undefined,
    seed?: string,
  ) {
    this.clock = createClock(clockOption, () => this.runDue());
    this.ids = new Ids(seed);
  }

  /**
   * Forgets every object, pending transition and state change, and starts the ids (and a clock set
   * to a start time) again, as a fresh simulator with the same options would.
   */
  reset(): void {
    Object.assign(this.store, createStore());
    this.tasks = [];
    this.changes.clear();
    this.ids.reset();
    if (
      this.clockOption !== undefined &&
      !(typeof this.clockOption === 'object' && 'now' in this.clockOption)
    ) {
      this.clock.set(this.clockOption);
    } else {
      this.clock.set(this.clockOption === undefined ? Date.now() : this.clockOption.now());
    }
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
