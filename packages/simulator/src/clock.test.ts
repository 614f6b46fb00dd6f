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

  it('can follow another clock', () => {
    const fixed = new Date('2029-02-03T04:05:06Z');
    const clock = createClock({ now: () => fixed }, () => {});
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe('2029-02-03T04:05:07.000Z');
  });
});
