import { describe, expect, it } from 'vitest';
import { cpuCount, createLimiter } from './concurrency.js';

describe('createLimiter', () => {
  it('never runs more than the limit at once, and runs everything in order', async () => {
    const limited = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (id: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      order.push(id);
      running--;
      return id;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((id) => limited(task(id))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
  });
  it('frees its slot when a task fails', async () => {
    const limited = createLimiter(1);
    await expect(limited(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limited(async () => 'next')).resolves.toBe('next');
  });
  it('refuses a limit that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(/positive integer/);
    expect(() => createLimiter(1.5)).toThrow(/positive integer/);
  });
});

describe('cpuCount', () => {
  it('is a positive integer', () => {
    expect(Number.isInteger(cpuCount()) && cpuCount() > 0).toBe(true);
  });
});
