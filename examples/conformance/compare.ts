import type { StepResult } from './scenarios.js';
import { diffShapes, sameShape } from './shape.js';

/** One row per step: the simulator's answer beside the other run's, and how their shapes differ. */
export interface ComparisonRow {
  scenario: string;
  step: string;
  simulator: string;
  other: string;
  shape: string;
  agrees: boolean;
}

const answer = (r: StepResult | undefined) =>
  r ? `${r.status}${r.reasonCode ? ` ${r.reasonCode}` : ''}` : '—';

export function compareRuns(simulator: StepResult[], other: StepResult[]): ComparisonRow[] {
  const key = (r: StepResult) => `${r.scenario}\u0000${r.step}`;
  const byKey = new Map<string, StepResult[]>();
  for (const r of other) byKey.set(key(r), [...(byKey.get(key(r)) ?? []), r]);
  const rows: ComparisonRow[] = [];
  for (const sim of simulator) {
    const theirs = byKey.get(key(sim))?.shift();
    let shape = '—';
    let agrees = false;
    if (theirs) {
      const diff = diffShapes(sim.shape, theirs.shape);
      shape = sameShape(diff)
        ? 'same'
        : [
            ...diff.onlyLeft.map((p) => `-${p}`),
            ...diff.onlyRight.map((p) => `+${p}`),
            ...diff.typeDiffers.map((p) => `~${p}`),
          ].join(' ');
      agrees = sim.status === theirs.status && sim.reasonCode === theirs.reasonCode && sameShape(diff);
    }
    rows.push({
      scenario: sim.scenario,
      step: sim.step,
      simulator: answer(sim),
      other: answer(theirs),
      shape,
      agrees,
    });
  }
  return rows;
}

/** The side-by-side table; `-path` only the simulator sends, `+path` only the other side. */
export function formatTable(rows: ComparisonRow[], otherName: string): string {
  const header = ['', 'scenario', 'step', 'simulator', otherName, 'shape (-sim only, +other only, ~type)'];
  const lines = rows.map((r) => [r.agrees ? '✓' : '✗', r.scenario, r.step, r.simulator, r.other, r.shape]);
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...lines.map((l) => l[i]!.length))));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))).join('  ');
  return [fmt(header), ...lines.map(fmt)].join('\n');
}
