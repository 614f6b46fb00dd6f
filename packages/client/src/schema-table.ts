// Checks values against the client's generated schema table (generated/operation-validators.ts):
// plain data written from the spec by scripts/generate/compact-schema.ts, whose header lists the
// node kinds. The verdicts are those of the zod schemas of @amazon-pay-ts/types (the equivalence
// test compares them); the client bundle carries this interpreter instead of a schema runtime.

/** One node of the schema table; a number refers to another entry of the table. */
export type SchemaNode = number | readonly [string, ...unknown[]];

/** A mismatch: where (dot-joined, `(root)` for the value itself), what was expected, and the value there. */
export interface SchemaIssue {
  path: string;
  message: string;
  value: unknown;
}

// The regexes zod uses for the same formats, so both verdicts agree.
const email =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const truthy = ['true', '1', 'yes', 'on', 'y', 'enabled'];
const falsy = ['false', '0', 'no', 'off', 'n', 'disabled'];
const patterns = new Map<string, RegExp>();

/** What a value is, in words, for messages (never its text: it may be a buyer's data). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's multipleOf: the quotient within a few float epsilons of an integer. */
function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
}

const numberChecks: Record<string, [(value: number, bound: number) => boolean, string]> = {
  '>=': [(value, bound) => value >= bound, 'at least'],
  '>': [(value, bound) => value > bound, 'more than'],
  '<=': [(value, bound) => value <= bound, 'at most'],
  '<': [(value, bound) => value < bound, 'less than'],
  '%': [isMultiple, 'a multiple of'],
};

/** Every issue of `value` against `node` of `table` (empty when it conforms). */
export function checkSchema(table: readonly SchemaNode[], node: SchemaNode, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(table, node, value, [], issues);
  return issues;
}

function check(
  table: readonly SchemaNode[],
  node: SchemaNode,
  value: unknown,
  path: (string | number)[],
  issues: SchemaIssue[],
) {
  let resolved = node;
  while (typeof resolved === 'number') resolved = table[resolved]!;
  const [kind, a, b, c, d] = resolved;
  const fail = (message: string): void => {
    issues.push({ path: path.length ? path.join('.') : '(root)', message, value });
  };
  const expected = (what: string) => fail(`expected ${what}, got ${describe(value)}`);
  switch (kind) {
    case 'u':
      return;
    case 'v':
      if (value !== undefined) expected('no content');
      return;
    case 'l':
      if (value !== null) expected('null');
      return;
    case '?':
      if (value !== null) check(table, a as SchemaNode, value, path, issues);
      return;
    case 'b':
      if (typeof value === 'boolean') return;
      if (a && typeof value === 'string' && [...truthy, ...falsy].includes(value.toLowerCase())) return;
      expected('true or false');
      return;
    case 'e':
      if (!resolved.includes(value, 1)) {
        expected(
          `one of ${resolved
            .slice(1)
            .map((option) => JSON.stringify(option))
            .join(', ')}`,
        );
      }
      return;
    case 's':
      return checkString(value, a as number | undefined, b as number | null, c as string | null, d, fail);
    case 'n': {
      const flags = a as number;
      let number = value;
      try {
        if (flags & 2) number = Number(value);
      } catch {
        // An object without a primitive form (no prototype) stays what it is: not a number.
      }
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        return expected(flags & 1 ? 'an integer' : 'a number');
      }
      if (flags & 1 && !Number.isSafeInteger(number)) return expected('an integer');
      for (let index = 2; index < resolved.length; index += 2) {
        const bound = resolved[index + 1] as number;
        const [passes, words] = numberChecks[resolved[index] as string]!;
        if (!passes(number, bound)) fail(`expected a number ${words} ${bound}, got ${number}`);
      }
      return;
    }
    case 'a': {
      let items = value;
      if (d === 1 && items !== undefined && !Array.isArray(items)) items = [items];
      if (d === 2 && typeof items === 'string') items = items.split(',');
      if (!Array.isArray(items)) return expected('an array');
      if (typeof b === 'number' && items.length < b)
        fail(`expected at least ${b} items, got ${items.length}`);
      if (typeof c === 'number' && items.length > c) fail(`expected at most ${c} items, got ${items.length}`);
      items.forEach((item, index) => {
        check(table, a as SchemaNode, item, [...path, index], issues);
      });
      return;
    }
    case 'o': {
      if (!isObject(value)) return expected('an object');
      const shape = a as Record<string, SchemaNode>;
      const required = (b as readonly string[] | undefined) ?? [];
      for (const key in shape) {
        const field = value[key];
        if (field === undefined && !required.includes(key)) continue;
        check(table, shape[key]!, field, [...path, key], issues);
      }
      if (c === undefined) return;
      for (const key in value) {
        if (key in shape) continue;
        if (c === false) {
          issues.push({ path: [...path, key].join('.'), message: 'is not a known field', value: value[key] });
        } else check(table, c as SchemaNode, value[key], [...path, key], issues);
      }
      return;
    }
    case 'r':
      if (!isObject(value)) return expected('an object');
      for (const key in value) check(table, a as SchemaNode, value[key], [...path, key], issues);
      return;
    case '&':
      check(table, a as SchemaNode, value, path, issues);
      check(table, b as SchemaNode, value, path, issues);
      return;
    case '|': {
      const reasons: string[] = [];
      for (const member of resolved.slice(1) as SchemaNode[]) {
        const memberIssues: SchemaIssue[] = [];
        check(table, member, value, path, memberIssues);
        if (memberIssues.length === 0) return;
        const prefix = path.length ? `${path.join('.')}.` : '';
        for (const issue of memberIssues) {
          const where = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : '';
          reasons.push(where && where !== '(root)' ? `${where}: ${issue.message}` : issue.message);
        }
      }
      fail([...new Set(reasons)].join(', or '));
      return;
    }
    default:
      throw new Error(`unknown schema node ${String(kind)}`);
  }
}

function checkString(
  value: unknown,
  min: number | undefined,
  max: number | null,
  pattern: string | null,
  format: unknown,
  fail: (message: string) => void,
) {
  if (typeof value !== 'string') return fail(`expected a string, got ${describe(value)}`);
  if (min !== undefined && value.length < min) {
    fail(
      min === 1 ? 'expected a non-empty string' : `expected at least ${min} characters, got ${value.length}`,
    );
  }
  if (typeof max === 'number' && value.length > max) {
    fail(`expected at most ${max} characters, got ${value.length}`);
  }
  if (typeof pattern === 'string') {
    let regex = patterns.get(pattern);
    if (regex === undefined) {
      regex = new RegExp(pattern);
      patterns.set(pattern, regex);
    }
    if (!regex.test(value)) fail(`expected a string matching ${regex}`);
  }
  if (format === 'email' && !email.test(value)) fail('expected an email address');
  if (format === 'url' && !URL.canParse(value.trim())) fail('expected an absolute URL');
}
