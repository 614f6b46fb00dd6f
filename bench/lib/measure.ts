import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface RunResult {
  opsPerSecond: number;
  /** p99 event-loop delay during the run, milliseconds. */
  p99DelayMs: number;
  /**
   * CPU time of the whole process (every thread: the event loop, the thread pool's signatures, a
   * worker's server) per operation, microseconds. Steadier than throughput on a shared machine,
   * where other jobs take the CPUs away: it counts work done, not time waited.
   */
  cpuUsPerOp: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `op` from `inFlight` concurrent loops for `seconds` (after a short warm-up) and reports
 * throughput and the p99 event-loop delay meanwhile (monitorEventLoopDelay, 1 ms resolution).
 * Every loop yields one event-loop turn before each operation, as a server handling requests from
 * sockets would: without it a synchronous signer never lets the loop turn and no delay is sampled.
 */
export async function measure(inFlight: number, op: () => unknown, seconds: number): Promise<RunResult> {
  await loop(inFlight, op, Math.min(0.3, seconds / 4));
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const count = await loop(inFlight, op, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = (performance.now() - started) / 1000;
  histogram.disable();
  return {
    opsPerSecond: count / elapsed,
    p99DelayMs: histogram.percentile(99) / 1e6,
    cpuUsPerOp: (cpu.user + cpu.system) / count,
  };
}

async function loop(inFlight: number, op: () => unknown, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await nextTurn();
      await op();
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return count;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Markdown table with right-aligned numeric columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
