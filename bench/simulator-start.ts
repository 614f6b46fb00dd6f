/**
 * `pnpm bench:simulator`: how long a fresh simulator with IPNs takes to start (startSimulator with
 * `notifications.url` until it answers, then close), the way a test suite that starts one per test
 * pays it. Baseline, in the same run: the same start paying two RSA key generations, as every fresh
 * simulator with IPNs did before its SNS keys could be passed pre-made or be shared per process.
 * Median of BENCH_STARTS starts each (default 15), the variants interleaved.
 */
import { performance } from 'node:perf_hooks';
import { generateSnsKeys, type SnsKeys, startSimulator } from '@amazon-pay-ts/simulator';
import { median, table } from './lib/measure.js';

const starts = Number(process.env.BENCH_STARTS ?? 15);
// Nothing listens there: a start delivers nothing, and no state change happens in this bench.
const url = 'http://127.0.0.1:9/ipn';

async function timedStart(keys: () => Promise<SnsKeys | undefined>): Promise<number> {
  const began = performance.now();
  const given = await keys();
  const sim = await startSimulator({ notifications: { url, ...(given ? { keys: given } : {}) } });
  const elapsed = performance.now() - began;
  await sim.close();
  return elapsed;
}

const premade = await generateSnsKeys();
const variants = {
  'keys made per simulator (before)': () => generateSnsKeys(),
  'pre-made keys passed': async () => premade,
  'no keys given, made once per process': async () => undefined,
  'without IPNs (reference)': null,
} as const;

const samples = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
// One start first, so the per-process keys of the third variant exist, as after a suite's first test.
await timedStart(async () => undefined);
for (let i = 0; i < starts; i++) {
  for (const [name, keys] of Object.entries(variants)) {
    let ms: number;
    if (keys === null) {
      const began = performance.now();
      const sim = await startSimulator();
      ms = performance.now() - began;
      await sim.close();
    } else {
      ms = await timedStart(keys);
    }
    samples.get(name)!.push(ms);
  }
}

const before = median(samples.get('keys made per simulator (before)')!);
console.log(
  table(
    ['fresh simulator with IPNs', 'median start', 'vs before'],
    [...samples].map(([name, values]) => {
      const ms = median(values);
      return [name, `${ms.toFixed(1)} ms`, `${(before / ms).toFixed(1)}x faster`];
    }),
  ),
);
console.log(`\n${starts} starts each, Node ${process.versions.node}.`);
