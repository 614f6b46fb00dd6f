import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, formatTable } from './compare.js';
import { RECORDING } from './run.js';
import type { StepResult } from './scenarios.js';
import { runAgainstSimulator } from './simulator-target.js';

/** The conformance suite as CI runs it: against the simulator, and against a committed live recording if any. */
let results: StepResult[];
beforeAll(async () => {
  results = await runAgainstSimulator('na');
}, 60_000);

const answerOf = (scenario: string, step: string) => {
  const found = results.find((r) => r.scenario === scenario && r.step === step);
  return found && `${found.status} ${found.reasonCode ?? ''}`.trim();
};

describe('conformance suite against the simulator', () => {
  it('runs every scenario to the end, never answering 5xx', () => {
    expect(new Set(results.map((r) => r.scenario))).toEqual(new Set(['errors', 'demo flow', 'declines']));
    expect(results.filter((r) => r.status >= 500 || r.status === 0)).toEqual([]);
  });

  it('answers the error cases and declines as Amazon documents them', () => {
    expect({
      unknown: answerOf('errors', 'unknown checkout session'),
      missing: answerOf('errors', 'missing storeId'),
      misspelled: answerOf('errors', 'misspelled field'),
      decimals: answerOf('errors', 'amount with too many decimals'),
      notJson: answerOf('errors', 'body not JSON'),
      created: answerOf('errors', 'createCheckoutSession'),
      hard: answerOf('declines', 'createCharge HardDeclined'),
      soft: answerOf('declines', 'createCharge SoftDeclined'),
      overLimit: answerOf('declines', 'createCharge over the limit'),
      refundOver: answerOf('demo flow', 'refund over the limit'),
      captured: answerOf('demo flow', 'captureCharge'),
    }).toEqual({
      unknown: '404 ResourceNotFound',
      missing: '400 MissingParameterValue',
      misspelled: '400 UnrecognizedField',
      decimals: '400 InvalidParameterValue',
      notJson: '400 InvalidRequestFormat',
      created: '201',
      hard: '422 HardDeclined',
      soft: '422 SoftDeclined',
      overLimit: '400 TransactionAmountExceeded',
      refundOver: '400 TransactionAmountExceeded',
      captured: '200',
    });
  });

  it('records shapes without values', () => {
    const text = JSON.stringify(results);
    expect(text).not.toMatch(/S01-\d{7}/);
    expect(text).not.toContain('merchant.example');
  });

  it('agrees with itself in the side-by-side table', () => {
    const rows = compareRuns(results, results);
    expect(rows.every((r) => r.agrees)).toBe(true);
    expect(formatTable(rows, 'again')).toContain('✓');
  });

  it.runIf(existsSync(RECORDING))('agrees with the committed recording of a live sandbox run', () => {
    const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as { steps: StepResult[] };
    const rows = compareRuns(results, recorded.steps);
    expect(
      rows.filter((r) => !r.agrees),
      formatTable(rows, 'recorded sandbox'),
    ).toEqual([]);
  });
});
