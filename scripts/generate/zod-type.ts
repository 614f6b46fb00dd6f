// The TypeScript type of a generated zod/mini expression, read back from the expression's own text
// (so it cannot drift from what the generator wrote), referencing other component schemas as
// `typeof XSchema`. zod.ts annotates every schema with it: without annotations tsc's declarations
// repeat each referenced schema's whole structure at every use (zod.d.ts was 270 kB), and a
// consumer's tsc without skipLibCheck instantiates every copy.

type Node =
  | { kind: 'call'; callee: string; args: Node[] }
  | { kind: 'name'; name: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'object'; entries: [string, Node][] }
  | { kind: 'array'; items: Node[] }
  | { kind: 'arrow'; body: Node };

const token =
  /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:e-?\d+)?|=>|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*|\.[A-Za-z_$][\w$]*|[()[\]{},:])/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, ' ');
  token.lastIndex = 0;
  while (token.lastIndex < withoutComments.length) {
    if (/^\s*$/.test(withoutComments.slice(token.lastIndex))) break;
    const match = token.exec(withoutComments);
    if (!match)
      throw new Error(`zodType: cannot read ${withoutComments.slice(token.lastIndex, token.lastIndex + 40)}`);
    tokens.push(match[1]!);
  }
  return tokens;
}

function parse(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const next = tokens[at++];
    if (next === undefined || (expected !== undefined && next !== expected)) {
      throw new Error(
        `zodType: expected ${expected ?? 'a token'} at ${tokens.slice(at - 1, at + 5).join(' ')}`,
      );
    }
    return next;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    while (peek() !== close) {
      items.push(expression());
      if (peek() === ',') take(',');
    }
    take(close);
    return items;
  };
  const expression = (): Node => {
    const first = take();
    let node: Node;
    if (first.startsWith('"')) node = { kind: 'string', text: first };
    else if (/^-?\d/.test(first)) node = { kind: 'number', text: first };
    else if (first === '[') node = { kind: 'array', items: list(']') };
    else if (first === '{') {
      const entries: [string, Node][] = [];
      while (peek() !== '}') {
        const key = take();
        take(':');
        entries.push([key, expression()]);
        if (peek() === ',') take(',');
      }
      take('}');
      node = { kind: 'object', entries };
    } else if (first === '(') {
      take(')');
      take('=>');
      node = { kind: 'arrow', body: expression() };
    } else if (first === 'new') {
      const callee = take();
      take('(');
      node = { kind: 'call', callee: `new ${callee}`, args: list(')') };
    } else if (peek() === '(') {
      take('(');
      node = { kind: 'call', callee: first, args: list(')') };
    } else node = { kind: 'name', name: first };
    // `.check(...)` refines a schema without changing its type.
    while (peek() === '.check') {
      take();
      take('(');
      list(')');
    }
    return node;
  };
  const root = expression();
  if (at !== tokens.length)
    throw new Error(`zodType: unread text after ${tokens.slice(at, at + 5).join(' ')}`);
  return root;
}

const leaves: Readonly<Record<string, string>> = {
  'z.string': 'z.ZodMiniString<string>',
  'z.url': 'z.ZodMiniURL',
  'z.email': 'z.ZodMiniEmail',
  'z.uuid': 'z.ZodMiniUUID',
  'z.iso.datetime': 'z.iso.ZodMiniISODateTime',
  'z.iso.date': 'z.iso.ZodMiniISODate',
  'z.number': 'z.ZodMiniNumber<number>',
  'z.int': 'z.ZodMiniInt',
  'z.boolean': 'z.ZodMiniBoolean<boolean>',
  'z.null': 'z.ZodMiniNull',
  'z.undefined': 'z.ZodMiniUndefined',
  'z.unknown': 'z.ZodMiniUnknown',
  'z.never': 'z.ZodMiniNever',
};

const objectModes: Readonly<Record<string, string>> = {
  'z.object': 'z.core.$strip',
  'z.looseObject': 'z.core.$loose',
  'z.strictObject': 'z.core.$strict',
};

function typeOf(node: Node, indent: string): string {
  if (node.kind === 'name') {
    if (!/Schema$/.test(node.name)) throw new Error(`zodType: unexpected name ${node.name}`);
    return `typeof ${node.name}`;
  }
  if (node.kind !== 'call') throw new Error(`zodType: a ${node.kind} is not a schema`);
  const { callee, args } = node;
  const leaf = leaves[callee];
  if (leaf !== undefined) return leaf;
  const arg = (index: number) => {
    const value = args[index];
    if (value === undefined) throw new Error(`zodType: ${callee} needs argument ${index + 1}`);
    return value;
  };
  switch (callee) {
    case 'z.optional':
      return `z.ZodMiniOptional<${typeOf(arg(0), indent)}>`;
    case 'z.nullable':
      return `z.ZodMiniNullable<${typeOf(arg(0), indent)}>`;
    case 'z.array':
      return `z.ZodMiniArray<${typeOf(arg(0), indent)}>`;
    case 'z.lazy': {
      const getter = arg(0);
      if (getter.kind !== 'arrow') throw new Error('zodType: z.lazy takes an arrow function');
      return `z.ZodMiniLazy<${typeOf(getter.body, indent)}>`;
    }
    case 'z.union': {
      const options = arg(0);
      if (options.kind !== 'array') throw new Error('zodType: z.union takes an array');
      return `z.ZodMiniUnion<readonly [${options.items.map((item) => typeOf(item, indent)).join(', ')}]>`;
    }
    case 'z.intersection':
      return `z.ZodMiniIntersection<${typeOf(arg(0), indent)}, ${typeOf(arg(1), indent)}>`;
    case 'z.record':
      return `z.ZodMiniRecord<${typeOf(arg(0), indent)}, ${typeOf(arg(1), indent)}>`;
    case 'z.enum': {
      const values = arg(0);
      if (values.kind !== 'array' || values.items.some((item) => item.kind !== 'string')) {
        throw new Error('zodType: z.enum takes an array of strings');
      }
      const members = values.items.map((item) => (item as { text: string }).text);
      return `z.ZodMiniEnum<{ ${members.map((member) => `${member}: ${member};`).join(' ')} }>`;
    }
    case 'z.literal': {
      const value = arg(0);
      const literals = value.kind === 'array' ? value.items : [value];
      const texts = literals.map((item) => {
        if (item.kind === 'string' || item.kind === 'number') return item.text;
        if (item.kind === 'name' && ['true', 'false', 'null'].includes(item.name)) return item.name;
        throw new Error('zodType: z.literal takes literals');
      });
      return `z.ZodMiniLiteral<${texts.join(' | ')}>`;
    }
    case 'z.catchall': {
      const object = arg(0);
      if (object.kind !== 'call' || objectModes[object.callee] === undefined) {
        throw new Error('zodType: z.catchall takes an object schema');
      }
      return `z.ZodMiniObject<${shapeType(object, indent)}, z.core.$catchall<${typeOf(arg(1), indent)}>>`;
    }
    default: {
      const mode = objectModes[callee];
      if (mode === undefined) throw new Error(`zodType: no type for ${callee}`);
      return `z.ZodMiniObject<${shapeType(node, indent)}, ${mode}>`;
    }
  }
}

function shapeType(node: Node & { kind: 'call' }, indent: string): string {
  const shape = node.args[0];
  if (shape === undefined) return '{}';
  if (shape.kind !== 'object') throw new Error(`zodType: ${node.callee} takes an object literal`);
  if (shape.entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = shape.entries.map(([key, value]) => `${inner}${key}: ${typeOf(value, inner)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The type of a zod/mini expression the generator wrote (component references as `typeof XSchema`). */
export function zodType(expression: string): string {
  return typeOf(parse(expression), '');
}
