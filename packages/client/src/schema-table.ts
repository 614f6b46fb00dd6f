// Checks values against the client's generated schema table (generated/operation-validators.ts):
// plain data written from the spec by scripts/generate/compact-schema.ts, whose header lists the
// node kinds. The verdicts are those of the zod schemas of @amazon-pay-ts/types (the equivalence
// test compares them); the client bundle carries this interpreter instead of a schema runtime.

/** One node of the schema table; a number refers to another entry of the table. */
export type SchemaNode = number | readonly [string, ...unknown[]];

/** A mismatch: where (dot-joined, `(root)` for the value itself), what was expected, and the value there. */
export interface SchemaIssue {
  /** Dot-joined keys and indexes from the checked value, `(root)` for the value itself. */
  path: string;
  /** What was expected and what was found, in plain English. */
  message: string;
  /** The value at `path`. */
  value: unknown;
}

// The regexes zod uses for the same formats, so both verdicts agree.
const email =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
/** The words zod's `stringbool` reads as true or false (query values arrive as text). */
const booleanWords = new Set([
  'true',
  '1',
  'yes',
  'on',
  'y',
  'enabled',
  'false',
  '0',
  'no',
  'off',
  'n',
  'disabled',
]);
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

// The walk shares one path array (pushed and popped) and builds messages only on a mismatch: a
// valid Checkout Session is checked without allocating.
type Path = (string | number)[];

function fail(issues: SchemaIssue[], path: Path, value: unknown, message: string): void {
  issues.push({ path: path.length ? path.join('.') : '(root)', message, value });
}

function expected(issues: SchemaIssue[], path: Path, value: unknown, what: string): void {
  fail(issues, path, value, `expected ${what}, got ${describe(value)}`);
}

function checkAt(
  table: readonly SchemaNode[],
  node: SchemaNode,
  value: unknown,
  path: Path,
  key: string | number,
  issues: SchemaIssue[],
): void {
  path.push(key);
  check(table, node, value, path, issues);
  path.pop();
}

function check(
  table: readonly SchemaNode[],
  node: SchemaNode,
  value: unknown,
  path: Path,
  issues: SchemaIssue[],
) {
  let resolved = node;
  while (typeof resolved === 'number') resolved = table[resolved]!;
  switch (resolved[0]) {
    case 'u':
      return;
    case 'v':
      if (value !== undefined) expected(issues, path, value, 'no content');
      return;
    case 'l':
      if (value !== null) expected(issues, path, value, 'null');
      return;
    case '?':
      if (value !== null) check(table, resolved[1] as SchemaNode, value, path, issues);
      return;
    case 'b':
      if (typeof value === 'boolean') return;
      if (resolved[1] && typeof value === 'string' && booleanWords.has(value.toLowerCase())) return;
      expected(issues, path, value, 'true or false');
      return;
    case 'e':
      if (!resolved.includes(value, 1)) {
        const options = resolved.slice(1).map((option) => JSON.stringify(option));
        expected(issues, path, value, `one of ${options.join(', ')}`);
      }
      return;
    case 's':
      checkString(resolved, value, path, issues);
      return;
    case 'n':
      checkNumber(resolved, value, path, issues);
      return;
    case 'a': {
      let items = value;
      const split = resolved[4];
      if (split === 1 && items !== undefined && !Array.isArray(items)) items = [items];
      if (split === 2 && typeof items === 'string') items = items.split(',');
      if (!Array.isArray(items)) {
        expected(issues, path, value, 'an array');
        return;
      }
      const min = resolved[2];
      const max = resolved[3];
      if (typeof min === 'number' && items.length < min) {
        fail(issues, path, value, `expected at least ${min} items, got ${items.length}`);
      }
      if (typeof max === 'number' && items.length > max) {
        fail(issues, path, value, `expected at most ${max} items, got ${items.length}`);
      }
      for (let index = 0; index < items.length; index++) {
        checkAt(table, resolved[1] as SchemaNode, items[index], path, index, issues);
      }
      return;
    }
    case 'o': {
      if (!isObject(value)) {
        expected(issues, path, value, 'an object');
        return;
      }
      const shape = resolved[1] as Record<string, SchemaNode>;
      const required = resolved[2] as readonly string[] | undefined;
      for (const key in shape) {
        const field = value[key];
        if (field === undefined && !required?.includes(key)) continue;
        checkAt(table, shape[key]!, field, path, key, issues);
      }
      const extra = resolved[3];
      if (extra === undefined) return;
      for (const key in value) {
        if (key in shape) continue;
        if (extra === false) {
          issues.push({ path: [...path, key].join('.'), message: 'is not a known field', value: value[key] });
        } else checkAt(table, extra as SchemaNode, value[key], path, key, issues);
      }
      return;
    }
    case 'r':
      if (!isObject(value)) {
        expected(issues, path, value, 'an object');
        return;
      }
      for (const key in value) checkAt(table, resolved[1] as SchemaNode, value[key], path, key, issues);
      return;
    case '&':
      check(table, resolved[1] as SchemaNode, value, path, issues);
      check(table, resolved[2] as SchemaNode, value, path, issues);
      return;
    case '|': {
      const reasons: string[] = [];
      const prefix = path.length ? `${path.join('.')}.` : '';
      for (let index = 1; index < resolved.length; index++) {
        const memberIssues: SchemaIssue[] = [];
        check(table, resolved[index] as SchemaNode, value, path, memberIssues);
        if (memberIssues.length === 0) return;
        for (const issue of memberIssues) {
          const where = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : '';
          reasons.push(where && where !== '(root)' ? `${where}: ${issue.message}` : issue.message);
        }
      }
      fail(issues, path, value, [...new Set(reasons)].join(', or '));
      return;
    }
    default:
      throw new Error(`unknown schema node ${String(resolved[0])}`);
  }
}

function checkNumber(node: readonly unknown[], value: unknown, path: Path, issues: SchemaIssue[]): void {
  const flags = node[1] as number;
  let number = value;
  try {
    if (flags & 2) number = Number(value);
  } catch {
    // An object without a primitive form (no prototype) stays what it is: not a number.
  }
  if (
    typeof number !== 'number' ||
    !Number.isFinite(number) ||
    (flags & 1 && !Number.isSafeInteger(number))
  ) {
    expected(issues, path, value, flags & 1 ? 'an integer' : 'a number');
    return;
  }
  for (let index = 2; index < node.length; index += 2) {
    const bound = node[index + 1] as number;
    const [passes, words] = numberChecks[node[index] as string]!;
    if (!passes(number, bound))
      fail(issues, path, value, `expected a number ${words} ${bound}, got ${number}`);
  }
}

function checkString(node: readonly unknown[], value: unknown, path: Path, issues: SchemaIssue[]): void {
  if (typeof value !== 'string') {
    expected(issues, path, value, 'a string');
    return;
  }
  const min = node[1] as number | undefined;
  const max = node[2] as number | null | undefined;
  const pattern = node[3] as string | null | undefined;
  const format = node[4];
  if (min !== undefined && value.length < min) {
    fail(
      issues,
      path,
      value,
      min === 1 ? 'expected a non-empty string' : `expected at least ${min} characters, got ${value.length}`,
    );
  }
  if (typeof max === 'number' && value.length > max) {
    fail(issues, path, value, `expected at most ${max} characters, got ${value.length}`);
  }
  if (typeof pattern === 'string') {
    let regex = patterns.get(pattern);
    if (regex === undefined) {
      regex = new RegExp(pattern);
      patterns.set(pattern, regex);
    }
    if (!regex.test(value)) fail(issues, path, value, `expected a string matching ${regex}`);
  }
  if (format === 'email' && !email.test(value)) fail(issues, path, value, 'expected an email address');
  if (format === 'url' && !URL.canParse(value.trim())) fail(issues, path, value, 'expected an absolute URL');
}
