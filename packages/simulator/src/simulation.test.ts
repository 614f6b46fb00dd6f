import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIMULATION_CODES, simulationCodeTable } from './simulation.js';

const readme = join(dirname(fileURLToPath(import.meta.url)), '../README.md');
const START = '<!-- simulation-codes:start (generated from src/simulation.ts) -->';
const END = '<!-- simulation-codes:end -->';

/** Rows of cells, so column padding (a formatter's business) does not matter. */
const cells = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^-+$/, '---')),
    );

describe('simulation codes', () => {
  it('the README table is the one simulation.ts generates', () => {
    const text = readFileSync(readme, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, 'README lacks the simulation-codes markers').toBeGreaterThan(-1);
    const table = text.slice(start + START.length, end).trim();
    // On failure, paste the expected table (simulationCodeTable()) between the markers.
    expect(cells(table)).toEqual(cells(simulationCodeTable()));
  });

  it('the table names every operation and code', () => {
    const table = simulationCodeTable();
    for (const [operationId, codes] of Object.entries(SIMULATION_CODES)) {
      expect(table).toContain(`| ${operationId} |`);
      for (const code of codes) expect(table).toContain(`\`${code}\``);
    }
  });
});
