// Translates one JSON Schema into a node of the client's compact schema table: plain data (nested
// arrays) that packages/client/src/schema-table.ts interprets, so a client bundle carries no schema
// runtime. The rules are zod-expression.ts's, node for node (the client's equivalence test compares
// both verdicts on fixtures, mutations and random values):
//   ['u'] unknown · ['v'] undefined only · ['l'] null · ['b', coerce?] boolean
//   ['s', minLength, maxLength|null, pattern|null, format|null] string
//   ['n', flags (1 integer, 2 coerce from string), ...[check, value] pairs ('>=', '>', '<=', '<', '%')]
//   ['e', ...values] one of the values (===) · ['?', node] or null
//   ['a', items, minItems, maxItems|null, split (0, 1 one value as [value], 2 comma-separated)]
//   ['o', { key: node }, [required keys], extra (absent: any, false: none, node: each must match)]
//   ['r', node] record of string keys · ['|', ...members] · ['&', left, right]
// A number is a reference to another table entry (one per component schema), which is how shared
// and recursive schemas are written once.
import {
  isNullSchema,
  isSchemaObject,
  type JsonSchema,
  type OpenApiDocument,
  openEnumOf,
  type SchemaObject,
  schemaRefName,
} from './document.js';

/** The table being written: its entries' source text and where each component went. */
export interface SchemaTable {
  /** The document the schemas come from. */
  document: OpenApiDocument;
  /** Source text of each entry; entries are component schemas and operation parts. */
  entries: string[];
  /** Component name → its entry. */
  components: Map<string, number>;
}

/** Where a node is written: its table, and whether values arrive as strings. */
export interface NodeContext {
  table: SchemaTable;
  /** Path, query and header values arrive as strings (see zod-expression.ts's `coerce`). */
  coerce?: { explodeArrays: boolean };
}

/** An empty table for one document. */
export function createSchemaTable(document: OpenApiDocument): SchemaTable {
  return { document, entries: [], components: new Map() };
}

/** Adds a node as its own entry (an operation's body, say) and returns its index. */
export function addEntry(table: SchemaTable, source: string): number {
  table.entries.push(source);
  return table.entries.length - 1;
}

/** The node of a schema (a component reference becomes its entry's index). */
export function schemaNode(schema: JsonSchema | undefined, ctx: NodeContext): string {
  if (schema === undefined || schema === true) return "['u']";
  if (schema === false) return "['e']";
  if (schema.$ref !== undefined) return String(componentEntry(schema.$ref, ctx.table));

  const { document } = ctx.table;
  const openEnum = openEnumOf(document, schema);
  // `z.union([KnownValues, z.string()])` passes exactly the strings: the list is not needed.
  if (openEnum !== undefined) return withNullable("['s']", openEnum.nullable);

  const parts: string[] = [];
  const own = ownTypeNode(schema, ctx);
  if (own !== undefined) parts.push(own);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = schema[key];
    if (members !== undefined) parts.push(unionNode(members, ctx));
  }
  for (const member of schema.allOf ?? []) parts.push(schemaNode(member, ctx));
  if (parts.length === 0) return "['u']";
  return parts.reduce((left, right) => `['&', ${left}, ${right}]`);
}

function componentEntry(ref: string, table: SchemaTable): number {
  const name = schemaRefName(ref);
  const schemas = table.document.components?.schemas;
  if (name === undefined) throw new Error(`Schema reference outside components.schemas: ${ref}`);
  if (!schemas || !(name in schemas)) throw new Error(`Reference to unknown component schema ${name}`);
  const known = table.components.get(name);
  if (known !== undefined) return known;
  // The index is taken before the node is written, so a schema that refers to itself finds it.
  const index = addEntry(table, '');
  table.components.set(name, index);
  table.entries[index] = schemaNode(schemas[name], { table });
  return index;
}

function withNullable(node: string, nullable: boolean): string {
  return nullable ? `['?', ${node}]` : node;
}

function unionNode(members: JsonSchema[], ctx: NodeContext): string {
  const nullable = members.some(isNullSchema);
  const rest = members.filter((member) => !isNullSchema(member)).map((member) => schemaNode(member, ctx));
  if (rest.length === 0) return "['l']";
  return withNullable(rest.length === 1 ? rest[0]! : `['|', ${rest.join(', ')}]`, nullable);
}

function declaredTypes(schema: SchemaObject): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  return [];
}

function literals(values: unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function ownTypeNode(schema: SchemaObject, ctx: NodeContext): string | undefined {
  const types = declaredTypes(schema);
  const nullable = types.includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));
  if (schema.const !== undefined) return `['e', ${literals([schema.const])}]`;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((value) => value !== null);
    if (values.length === 0) return "['l']";
    return withNullable(`['e', ${literals(values)}]`, nullable);
  }
  let concrete = types.filter((type) => type !== 'null');
  if (concrete.length === 0) {
    if (schema.properties !== undefined || schema.additionalProperties !== undefined) concrete = ['object'];
    else if (schema.items !== undefined) concrete = ['array'];
    else if (types.includes('null')) return "['l']";
    else return undefined;
  }
  const nodes = concrete.map((type) => typeNode(type, schema, ctx));
  return withNullable(nodes.length === 1 ? nodes[0]! : `['|', ${nodes.join(', ')}]`, nullable);
}

function typeNode(type: string, schema: SchemaObject, ctx: NodeContext): string {
  switch (type) {
    case 'string':
      return stringNode(schema);
    case 'number':
    case 'integer':
      return numberNode(type, schema, ctx);
    case 'boolean':
      return ctx.coerce ? "['b', 1]" : "['b']";
    case 'array':
      return arrayNode(schema, ctx);
    case 'object':
      return objectNode(schema, ctx);
    case 'null':
      return "['l']";
    default:
      throw new Error(`Unsupported schema type ${type}`);
  }
}

/** Formats zod-expression.ts checks; the interpreter knows email and URL (uri), the spec's two. */
const checkedFormats = new Set(['email', 'uri', 'url']);
const zodOnlyFormats = new Set(['uuid', 'date-time', 'date']);

/** Drops trailing `null`s and zeros the interpreter reads as absent. */
function trimmed(items: (string | number | null)[], absent: (string | number | null)[]): string {
  let end = items.length;
  while (end > 1 && absent.includes(items[end - 1]!)) end -= 1;
  return `[${items
    .slice(0, end)
    .map((item) => (item === null ? 'null' : typeof item === 'number' ? String(item) : item))
    .join(', ')}]`;
}

function stringNode(schema: SchemaObject): string {
  if (schema.format !== undefined && zodOnlyFormats.has(schema.format)) {
    throw new Error(`format ${schema.format}: teach packages/client/src/schema-table.ts to check it first`);
  }
  const format =
    schema.format !== undefined && checkedFormats.has(schema.format)
      ? JSON.stringify(schema.format === 'email' ? 'email' : 'url')
      : null;
  return trimmed(
    [
      "'s'",
      schema.minLength ?? 0,
      schema.maxLength ?? null,
      schema.pattern !== undefined ? JSON.stringify(schema.pattern) : null,
      format,
    ],
    [0, null],
  );
}

function numberNode(type: 'number' | 'integer', schema: SchemaObject, ctx: NodeContext): string {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  const decimalPlaces = schema['x-decimal-places'];
  const checks: string[] = [];
  if (typeof exclusiveMinimum === 'number') checks.push(`'>', ${exclusiveMinimum}`);
  if (minimum !== undefined) checks.push(`'${exclusiveMinimum === true ? '>' : '>='}', ${minimum}`);
  if (typeof exclusiveMaximum === 'number') checks.push(`'<', ${exclusiveMaximum}`);
  if (maximum !== undefined) checks.push(`'${exclusiveMaximum === true ? '<' : '<='}', ${maximum}`);
  if (multipleOf !== undefined) checks.push(`'%', ${multipleOf}`);
  if (decimalPlaces !== undefined) {
    if (typeof decimalPlaces !== 'number' || !Number.isInteger(decimalPlaces) || decimalPlaces < 0) {
      throw new Error(
        `x-decimal-places must be a non-negative integer, got ${JSON.stringify(decimalPlaces)}`,
      );
    }
    checks.push(`'%', ${1 / 10 ** decimalPlaces}`);
  }
  const flags = (type === 'integer' ? 1 : 0) | (ctx.coerce ? 2 : 0);
  return `['n', ${[flags, ...checks].join(', ')}]`;
}

function arrayNode(schema: SchemaObject, ctx: NodeContext): string {
  const items = schemaNode(schema.items, {
    table: ctx.table,
    coerce: ctx.coerce ? { explodeArrays: false } : undefined,
  });
  const split = ctx.coerce ? (ctx.coerce.explodeArrays ? 1 : 2) : 0;
  return trimmed(["'a'", items, schema.minItems ?? 0, schema.maxItems ?? null, split], [0, null]);
}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(name: string): string {
  return identifierPattern.test(name) ? name : JSON.stringify(name);
}

/** `{ key: node }` with the required keys; `extra` as in the header. */
export function objectSource(properties: [string, string][], required: string[], extra?: string): string {
  const shape = `{ ${properties.map(([name, node]) => `${propertyKey(name)}: ${node}`).join(', ')} }`;
  const parts = ["'o'", shape];
  if (required.length > 0 || extra !== undefined) parts.push(`[${literals(required)}]`);
  if (extra !== undefined) parts.push(extra);
  return `[${parts.join(', ')}]`;
}

function objectNode(schema: SchemaObject, ctx: NodeContext): string {
  const properties = Object.entries(schema.properties ?? {});
  const additional = schema.additionalProperties;
  const propertyContext = { table: ctx.table };
  if (properties.length === 0 && isSchemaObject(additional)) {
    return `['r', ${schemaNode(additional, propertyContext)}]`;
  }
  const nodes = properties.map(([name, property]): [string, string] => [
    name,
    schemaNode(property, propertyContext),
  ]);
  const required = (schema.required ?? []).filter((name) => properties.some(([key]) => key === name));
  const extra =
    additional === false
      ? 'false'
      : isSchemaObject(additional)
        ? schemaNode(additional, propertyContext)
        : undefined;
  return objectSource(nodes, required, extra);
}
