import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The hosted pages, the control plane and the buyer's actions change a checkout session, charge
// permission, charge or refund only through transitions.ts (the review's "state changes only through
// transitions, from pages too"): none of their files assigns a record's state fields itself.
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const stateFields = [
  'status',
  'state',
  'reasons',
  'buyer',
  'paymentMethod',
  'processed',
  'shippingAddress',
  'billingAddress',
];
const write = new RegExp(`\\.(${stateFields.join('|')})(\\.\\w+)?\\s*=[^=>]`);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('who writes state', () => {
  it('pages, the control plane and the buyer actions leave it to transitions.ts', () => {
    const checked = [
      ...files(join(src, 'surfaces')),
      ...files(join(src, 'control-plane')),
      join(src, 'buyer-actions.ts'),
    ];
    const offenders = checked.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${relative(src, file)}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && write.test(line))
        .map(({ line, at }) => `${at} ${line}`),
    );
    expect(checked.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('would catch a page that cancels a session by hand', () => {
    expect(write.test("record.status = { state: 'Canceled' }")).toBe(true);
    expect(write.test('record.status.updatedAt = engine.now();')).toBe(true);
    expect(write.test("if (record.status === 'Open')")).toBe(false);
  });
});
