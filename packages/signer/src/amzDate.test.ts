import { describe, expect, it } from 'vitest';
import { amzDate, parseAmzDate } from './amzDate.js';

describe('amzDate', () => {
  it('formats UTC as YYYYMMDDTHHMMSSZ, dropping milliseconds', () => {
    expect(amzDate(new Date('2019-09-23T23:19:08.999Z'))).toBe('20190923T231908Z');
    expect(amzDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('20260102T030405Z');
  });
});

describe('parseAmzDate', () => {
  it('reads the basic form', () => {
    expect(parseAmzDate('20190923T231908Z')?.toISOString()).toBe('2019-09-23T23:19:08.000Z');
  });
  it("reads the extended form Amazon's Node SDK sends", () => {
    expect(parseAmzDate('2026-11-27T22:24:51Z')?.toISOString()).toBe('2026-11-27T22:24:51.000Z');
    expect(parseAmzDate('2026-11-27T22:24:51.123Z')?.toISOString()).toBe('2026-11-27T22:24:51.000Z');
  });
  it('rejects other shapes and impossible dates', () => {
    for (const bad of [
      '',
      '20190923231908',
      '2019-09-23 23:19:08Z',
      '20191323T231908Z',
      '20190230T000000Z',
      '20190923T246000Z',
    ]) {
      expect(parseAmzDate(bad)).toBeNull();
    }
  });
  it('round-trips with amzDate', () => {
    const date = new Date(Date.UTC(2030, 11, 31, 23, 59, 59));
    expect(parseAmzDate(amzDate(date))?.getTime()).toBe(date.getTime());
  });
});
