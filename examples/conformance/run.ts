import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveBuyer } from '../live-buyer.js';
import { compareRuns, formatTable } from './compare.js';
import { runScenarios, type StepResult, type Target } from './scenarios.js';
import { runAgainstSimulator } from './simulator-target.js';

/**
 * `pnpm conformance [--live-sandbox] [--record file.json]`: runs the scenario suite against the
 * simulator and — with --live-sandbox and the demo's environment variables — against Amazon's
 * sandbox, then prints both side by side. Without --live-sandbox the simulator is compared with the
 * committed recording of a live run (recorded-sandbox.json), if there is one. --record writes the
 * live run's statuses, reason codes and shapes (never values) for committing.
 */
export const RECORDING = join(dirname(fileURLToPath(import.meta.url)), 'recorded-sandbox.json');

function liveTarget(print: (text: string) => void): Target {
  const publicKeyId = process.env.AMAZON_PAY_PUBLIC_KEY_ID;
  const privateKeyText = process.env.AMAZON_PAY_PRIVATE_KEY;
  const region = (process.env.AMAZON_PAY_REGION ?? 'na') as Target['region'];
  const storeId = process.env.AMAZON_PAY_STORE_ID;
  if (!publicKeyId || !privateKeyText || !storeId) {
    throw new Error(
      '--live-sandbox needs AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY (PEM or file path), AMAZON_PAY_STORE_ID and optionally AMAZON_PAY_REGION (na, eu, jp).',
    );
  }
  const privateKey = privateKeyText.includes('-----BEGIN')
    ? privateKeyText
    : readFileSync(privateKeyText, 'utf8');
  const host = { na: 'pay-api.amazon.com', eu: 'pay-api.amazon.eu', jp: 'pay-api.amazon.jp' }[region];
  // Keys named SANDBOX-… carry the environment; older keys need it in the path.
  const prefix = /^(live|sandbox)-/i.test(publicKeyId) ? '' : '/sandbox';
  return {
    baseUrl: `https://${host}${prefix}`,
    publicKeyId,
    privateKey,
    region,
    storeId,
    buyer: liveBuyer(print),
  };
}

async function main() {
  const print = (text: string) => console.log(text);
  const live = process.argv.includes('--live-sandbox');
  const recordAt = process.argv.indexOf('--record');
  const recordPath = recordAt > 0 ? process.argv[recordAt + 1] : undefined;
  let other: StepResult[] | undefined;
  let otherName = 'sandbox';
  let region: Target['region'] = 'na';
  if (live) {
    const target = liveTarget(print);
    region = target.region;
    print(`running the scenarios against Amazon's sandbox (${target.region})…`);
    other = await runScenarios(target);
    if (recordPath) {
      writeFileSync(recordPath, `${JSON.stringify({ region, steps: other }, null, 2)}\n`);
      print(`recorded ${other.length} steps (statuses, reason codes, shapes; no values) to ${recordPath}`);
    }
  } else if (existsSync(RECORDING)) {
    const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as {
      region: Target['region'];
      steps: StepResult[];
    };
    ({ region } = recorded);
    other = recorded.steps;
    otherName = 'recorded sandbox';
  }
  const simulator = await runAgainstSimulator(region);
  if (!other) {
    print('No live run (pass --live-sandbox) and no recorded-sandbox.json: the simulator alone.\n');
    for (const r of simulator)
      print(`${r.scenario.padEnd(10)}  ${r.step.padEnd(44)}  ${r.status} ${r.reasonCode ?? ''}`);
  } else {
    const rows = compareRuns(simulator, other);
    print(formatTable(rows, otherName));
    print(`\n${rows.filter((r) => r.agrees).length} of ${rows.length} steps agree.`);
  }
  if (simulator.some((r) => r.status >= 500 || r.status === 0)) {
    console.error('the simulator answered a step with a 5xx or stopped');
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(`conformance failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
