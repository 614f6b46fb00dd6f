import { runSimulatorCommand } from '@amazon-pay-ts/simulator';
import { describe, expect, it } from 'vitest';
import { simulatorHelp, startSimulatorCommand } from '../src/simulator.js';

// Issue 21, found 4: `amazon-pay simulator` and `amazon-pay-simulator` declared their flags twice,
// `--ipn-url` existed only in the second, and they printed different things. Both now read one flag
// table and print through one launcher; only the command name differs.
const flagLines = (help: string) => help.split('\n').filter((line) => /^\s+--/.test(line));

describe('amazon-pay simulator and amazon-pay-simulator', () => {
  it('take the same flags', async () => {
    const printed: string[] = [];
    await runSimulatorCommand(['--help'], { out: (line) => printed.push(line) });
    const theirs = flagLines(printed.join('\n'));
    expect(theirs.length).toBeGreaterThanOrEqual(12);
    expect(flagLines(simulatorHelp)).toEqual(theirs);
    for (const flag of [
      '--tls',
      '--cert',
      '--key',
      '--key-file',
      '--public-key-id',
      '--state-dir',
      '--seed',
      '--ipn-url',
    ])
      expect(theirs.join('\n')).toContain(flag);
  });

  it('print the same lines for the same flags', async () => {
    const args = ['--port', '0', '--seed', 'same', '--ipn-url', 'http://127.0.0.1:9/ipn'];
    const ours: string[] = [];
    const a = await startSimulatorCommand(args, {
      out: (line) => ours.push(line),
      err: (line) => ours.push(line),
    });
    const theirs: string[] = [];
    const b = await runSimulatorCommand(args, { out: (line) => theirs.push(line) });
    try {
      const normalize = (lines: string[], launched: NonNullable<typeof a>) =>
        lines
          .join('\n')
          .replaceAll(launched.sim.url, '<url>')
          .replaceAll(new URL(launched.sim.url).host, '<host>')
          .replaceAll(launched.privateKeyPath ?? '<none>', '<key>');
      expect(normalize(ours, a!)).toBe(normalize(theirs, b!));
      expect(ours.join('\n')).toContain('http://127.0.0.1:9/ipn');
    } finally {
      await a?.close();
      await b?.close();
    }
  });
});
