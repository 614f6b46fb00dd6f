/** A clock the tests control: it follows real time from an offset that `advance` and `set` move. */
export interface SimulatorClock {
  /** The simulated current time. */
  now(): Date;
  /** Moves simulated time forward (due state transitions run at once) and returns the new time. */
  advance(ms: number): Date;
  /** Jumps simulated time to `date` (forward or back) and returns it. */
  set(date: Date | string | number): Date;
}

/** Where simulated time starts (a date, ISO string or epoch ms; it then runs), or a clock to follow. */
export type ClockOption =
  | Date
  | string
  | number
  | {
      /** The current time of the clock to follow. */
      now(): Date;
    };

/**
 * The times the clock may be moved to: four-digit years, which every date the simulator writes
 * (ISO 8601 in bodies, Amazon's `20211215T152829Z` in headers) needs; the upper end leaves a year
 * for the clock to keep running in real time after being set.
 */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9998-12-31T23:59:59.999Z');

function checkRange(ms: number, what: string): number {
  if (ms < EARLIEST || ms > LATEST)
    throw new RangeError(
      `${what} would put simulated time at ${new Date(ms).toISOString()}, outside 0001-01-01 to 9998-12-31`,
    );
  return ms;
}

export function createClock(start: ClockOption | undefined, onMove: () => void): SimulatorClock {
  const base: () => number =
    start !== undefined && typeof start === 'object' && 'now' in start
      ? () => start.now().getTime()
      : () => Date.now();
  let offset = 0;
  if (start !== undefined && !(typeof start === 'object' && 'now' in start)) {
    offset = checkRange(toMs(start), 'the clock option') - Date.now();
  }
  return {
    now: () => new Date(base() + offset),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
      checkRange(base() + offset + ms, `clock.advance(${ms})`);
      offset += ms;
      onMove();
      return new Date(base() + offset);
    },
    set(date) {
      offset = checkRange(toMs(date), `clock.set(${JSON.stringify(date)})`) - base();
      onMove();
      return new Date(base() + offset);
    },
  };
}

function toMs(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${String(value)}`);
  return ms;
}

/** Amazon's timestamp form, `20211215T152829Z`. */
export function amazonTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses Amazon's compact form or any ISO 8601 date; undefined when unparseable. */
export function parseTimestamp(value: string): Date | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const ms = compact
    ? Date.UTC(+compact[1]!, +compact[2]! - 1, +compact[3]!, +compact[4]!, +compact[5]!, +compact[6]!)
    : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
