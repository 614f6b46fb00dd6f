import { describe, expect, it } from 'vitest';
import { unwrapSingle } from './unwrap.js';

const schedule = { reportScheduleId: '68973459224', reportType: 'X', scheduleFrequency: 'P1D' };

describe('unwrapSingle', () => {
  it('returns the entry of a one-entry wrapper (the docs sample shape)', () => {
    expect(unwrapSingle('reportSchedules', { reportSchedules: [schedule] })).toEqual({
      data: schedule,
      issues: [],
    });
  });

  it('returns a bare object unchanged (the shape the Node.js SDK test asserts)', () => {
    expect(unwrapSingle('reportSchedules', schedule)).toEqual({ data: schedule, issues: [] });
  });

  it('reports a wrapper without exactly one entry and leaves it', () => {
    for (const list of [[], [schedule, schedule], null]) {
      const body = { reportSchedules: list };
      const result = unwrapSingle('reportSchedules', body);
      expect(result.data).toBe(body);
      expect(result.issues).toHaveLength(1);
    }
  });

  it('does nothing for operations without the key', () => {
    const body = { reportSchedules: [schedule] };
    expect(unwrapSingle(undefined, body).data).toBe(body);
  });
});
