import { describe, expect, it } from 'vitest';
import { amazonTimestamp, createClock, parseTimestamp } from './clock.js';

describe('clock', () => {
  it('formats and parses Amazon timestamps', () => {
    const date = new Date('2021-12-15T15:28:29.123Z');
    expect(amazonTimestamp(date)).toBe('20211215T152829Z');
    expect(parseTimestamp('20211215T152829Z')?.toISOString()).toBe('2021-12-15T15:28:29.000Z');
    expect(parseTimestamp('2021-12-15T15:28:29Z')?.getTime()).toBe(Date.UTC(2021, 11, 15, 15, 28, 29));
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('advances and jumps, telling the engine each time', () => {
    let moves = 0;
    const clock = createClock(new Date('2030-01-01T00:00:00Z'), () => moves++);
    const start = clock.now().getTime();
    expect(start).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
    expect(clock.advance(60_000).getTime() - start).toBeGreaterThanOrEqual(60_000);
    clock.set('2031-06-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2031);
    expect(moves).toBe(2);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set('not a date')).toThrow(RangeError);
  });

  it('refuses to leave four-digit years, where every date it writes would be malformed', () => {
    let moves = 0;
    const clock = createClock(new Date('9998-12-01T00:00:00Z'), () => moves++);
    expect(() => clock.advance(366 * 24 * 3_600_000)).toThrow(/outside 0001-01-01 to 9998-12-31/);
    expect(() => clock.set('9999-12-31T23:59:59Z')).toThrow(RangeError);
    expect(() => clock.set(-62_200_000_000_000)).toThrow(RangeError);
    expect(() => createClock('+010000-01-01T00:00:00Z', () => {})).toThrow(RangeError);
    expect(moves).toBe(0);
    expect(clock.now().getUTCFullYear()).toBe(9998);
    expect(clock.set('0001-01-01T00:00:00Z').toISOString()).toMatch(/^0001-01-01T00:00:00/);
  });

  it('can follow another clock', () => {
    const fixed = new Date('2029-02-03T04:05:06Z');
    const clock = createClock({ now: () => fixed }, () => {});
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe('2029-02-03T04:05:07.000Z');
  });
});
