import { describe, expect, it } from 'vitest';
import { appendCapped } from '../src/capped-log.js';
import { startSimulator } from '../src/index.js';

describe('log limits', () => {
  it('keeps the newest entries, in order, once a log is full', () => {
    const log: number[] = [];
    for (let n = 1; n <= 7; n += 1) appendCapped(log, n, 3);
    expect(log).toEqual([5, 6, 7]);
  });

  it('bounds the request log by maxLogEntries, unauthenticated requests included', async () => {
    const sim = await startSimulator({ maxLogEntries: 3 });
    try {
      const requestIds: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        const response = await fetch(`${sim.url}/v2/checkoutSessions/nothing-${n}`);
        await response.arrayBuffer();
        requestIds.push(response.headers.get('x-amz-pay-request-id')!);
      }
      expect(sim.requests.map((entry) => entry.requestId)).toEqual(requestIds.slice(2));
    } finally {
      await sim.close();
    }
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(startSimulator({ maxLogEntries: 0 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ maxLogEntries: 1.5 })).rejects.toThrow(/maxLogEntries/);
  });
});
