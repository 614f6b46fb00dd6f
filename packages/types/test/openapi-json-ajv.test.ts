// The published openapi.json must work in a standard JSON Schema validator, not only through our
// generated zod: every request fixture validates with ajv, and two-decimal amounts are not
// rejected by floating-point arithmetic (`multipleOf: 0.01` made ajv refuse 19.99).
import { describe, expect, it } from 'vitest';
import { AmountInputSchema } from '../src/zod.js';
import { bundled, componentValidator, createSpecAjv, requestBodyValidator } from './ajv.js';
import { loadFixtures } from './fixtures.js';

const ajv = createSpecAjv();
const requests = loadFixtures().filter((fixture) => fixture.kind === 'request');

describe('openapi.json in ajv (default options)', () => {
  it('has request fixtures to check', () => {
    expect(requests.length).toBeGreaterThan(20);
  });

  it.each(requests.map((fixture) => [fixture.name, fixture] as const))('accepts request %s', (_, fixture) => {
    const validate = requestBodyValidator(ajv, fixture.operationId);
    expect(validate, `${fixture.operationId} has a JSON request body`).toBeDefined();
    const valid = validate!(fixture.payload);
    expect(validate!.errors ?? [], fixture.name).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares no fractional multipleOf anywhere (binary floats make validators reject valid values)', () => {
    const found: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        for (const [index, child] of node.entries()) visit(child, `${path}/${index}`);
      } else if (node !== null && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) {
          if (key === 'multipleOf' && typeof child === 'number' && !Number.isInteger(child)) found.push(path);
          visit(child, `${path}/${key}`);
        }
      }
    };
    visit(bundled, '#');
    expect(found).toEqual([]);
  });
});

describe('numeric amounts with two decimals', () => {
  const validateAmount = componentValidator(ajv, 'AmountInput');
  // Every cent from 0.00 to 200.00, then every 997th cent up to 100,000, as JSON numbers.
  const sample: number[] = [];
  for (let cents = 0; cents <= 20_000; cents++) sample.push(Number((cents / 100).toFixed(2)));
  for (let cents = 20_000; cents <= 10_000_000; cents += 997) sample.push(Number((cents / 100).toFixed(2)));

  it('all pass ajv against openapi.json', () => {
    const rejected = sample.filter((amount) => !validateAmount(amount));
    expect(rejected.slice(0, 10)).toEqual([]);
  });

  it('all pass the generated zod schema', () => {
    const rejected = sample.filter((amount) => !AmountInputSchema.safeParse(amount).success);
    expect(rejected.slice(0, 10)).toEqual([]);
  });

  it('with a third decimal fail both', () => {
    for (const amount of [19.999, 0.001, 1234.565, 1e-7]) {
      expect(validateAmount(amount), String(amount)).toBe(false);
      expect(AmountInputSchema.safeParse(amount).success, String(amount)).toBe(false);
    }
  });
});
