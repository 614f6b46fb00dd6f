// Translates one JSON Schema (OpenAPI 3.1 dialect, as this spec writes it) into zod/mini source text:
// the functional API (`z.optional(x)`, `.check(z.maxLength(n))`) that tree-shakes to a few kB.
// Lenience is the spec's to decide: objects are loose unless `additionalProperties: false`,
// nulls are accepted only where the schema allows them, and the open-enum convention
// (`anyOf: [{$ref: closed enum}, {type: string}]`) becomes `z.union([EnumSchema, z.string()])`.
import {
  identifierFor,
  isNullSchema,
  isSchemaObject,
  type JsonSchema,
  type OpenApiDocument,
  openEnumOf,
  type SchemaObject,
  schemaRefName,
} from './document.js';

export interface ZodExpressionContext {
  document: OpenApiDocument;
  /** Component names already declared above the current one; others are referenced through z.lazy. */
  declared: ReadonlySet<string>;
  /** Collects every component the expression references, so the caller can import or order them. */
  referenced: Set<string>;
  /**
   * Path, query and header values arrive as strings; with `coerce` numbers, booleans and arrays
   * also accept their string form.
   */
  coerce?: { explodeArrays: boolean };
}

export function schemaConstName(componentName: string): string {
  return `${identifierFor(componentName)}Schema`;
}

const indentUnit = '  ';

export function zodExpression(schema: JsonSchema | undefined, ctx: ZodExpressionContext, depth = 0): string {
  if (schema === undefined || schema === true) return 'z.unknown()';
  if (schema === false) return 'z.never()';

  if (schema.$ref !== undefined) return referenceExpression(schema.$ref, ctx);

  const openEnum = openEnumOf(ctx.document, schema);
  if (openEnum !== undefined) {
    const known = referenceExpression(`#/components/schemas/${openEnum.enumName}`, ctx);
    return withNullable(`z.union([${known}, z.string()])`, openEnum.nullable);
  }

  const parts: string[] = [];
  const own = ownTypeExpression(schema, ctx, depth);
  if (own !== undefined) parts.push(own);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = schema[key];
    if (members !== undefined) parts.push(unionExpression(members, ctx, depth));
  }
  for (const member of schema.allOf ?? []) parts.push(zodExpression(member, ctx, depth));

  if (parts.length === 0) return 'z.unknown()';
  return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
}

function referenceExpression(ref: string, ctx: ZodExpressionContext): string {
  const name = schemaRefName(ref);
  if (name === undefined) throw new Error(`Schema reference outside components.schemas: ${ref}`);
  if (!ctx.document.components?.schemas || !(name in ctx.document.components.schemas)) {
    throw new Error(`Reference to unknown component schema ${name}`);
  }
  ctx.referenced.add(name);
  const constName = schemaConstName(name);
  return ctx.declared.has(name) ? constName : `z.lazy(() => ${constName})`;
}

function withNullable(expression: string, nullable: boolean): string {
  return nullable ? `z.nullable(${expression})` : expression;
}

function unionExpression(members: JsonSchema[], ctx: ZodExpressionContext, depth: number): string {
  const nullable = members.some(isNullSchema);
  const rest = members.filter((member) => !isNullSchema(member)).map((m) => zodExpression(m, ctx, depth));
  if (rest.length === 0) return 'z.null()';
  const base = rest.length === 1 ? rest[0]! : `z.union([${rest.join(', ')}])`;
  return withNullable(base, nullable);
}

function declaredTypes(schema: SchemaObject): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  return [];
}

/** The part of a schema expressed by `type`, `enum`, `const` and their keywords; undefined when absent. */
function ownTypeExpression(
  schema: SchemaObject,
  ctx: ZodExpressionContext,
  depth: number,
): string | undefined {
  const types = declaredTypes(schema);
  const nullable = types.includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));

  if (schema.const !== undefined) return `z.literal(${JSON.stringify(schema.const)})`;

  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((value) => value !== null);
    if (values.length === 0) return 'z.null()';
    const base = values.every((value) => typeof value === 'string')
      ? `z.enum([${values.map((value) => JSON.stringify(value)).join(', ')}])`
      : `z.literal([${values.map((value) => JSON.stringify(value)).join(', ')}])`;
    return withNullable(base, nullable);
  }

  let concrete = types.filter((type) => type !== 'null');
  if (concrete.length === 0) {
    // Untyped schemas still say what they are through their keywords.
    if (schema.properties !== undefined || schema.additionalProperties !== undefined) concrete = ['object'];
    else if (schema.items !== undefined) concrete = ['array'];
    else if (types.includes('null')) return 'z.null()';
    else return undefined;
  }
  const expressions = concrete.map((type) => typeExpression(type, schema, ctx, depth));
  const base = expressions.length === 1 ? expressions[0]! : `z.union([${expressions.join(', ')}])`;
  return withNullable(base, nullable);
}

function typeExpression(
  type: string,
  schema: SchemaObject,
  ctx: ZodExpressionContext,
  depth: number,
): string {
  switch (type) {
    case 'string':
      return stringExpression(schema);
    case 'number':
    case 'integer':
      return numberExpression(type, schema, ctx);
    case 'boolean':
      return ctx.coerce ? 'z.union([z.boolean(), z.stringbool()])' : 'z.boolean()';
    case 'array':
      return arrayExpression(schema, ctx, depth);
    case 'object':
      return objectExpression(schema, ctx, depth);
    case 'null':
      return 'z.null()';
    default:
      throw new Error(`Unsupported schema type ${type}`);
  }
}

const stringFormats: Record<string, string> = {
  email: 'z.email()',
  uri: 'z.url()',
  url: 'z.url()',
  uuid: 'z.uuid()',
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
};

function stringExpression(schema: SchemaObject): string {
  const base = (schema.format !== undefined ? stringFormats[schema.format] : undefined) ?? 'z.string()';
  const checks: string[] = [];
  if (schema.minLength !== undefined) checks.push(`z.minLength(${schema.minLength})`);
  if (schema.maxLength !== undefined) checks.push(`z.maxLength(${schema.maxLength})`);
  if (schema.pattern !== undefined) checks.push(`z.regex(new RegExp(${JSON.stringify(schema.pattern)}))`);
  return withChecks(base, checks);
}

/** zod/mini attaches refinements with `.check(...)`, never by chaining methods. */
function withChecks(expression: string, checks: string[]): string {
  return checks.length === 0 ? expression : `${expression}.check(${checks.join(', ')})`;
}

function numberExpression(
  type: 'number' | 'integer',
  schema: SchemaObject,
  ctx: ZodExpressionContext,
): string {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  const decimalPlaces = schema['x-decimal-places'];
  const checks: string[] = [];
  // OpenAPI 3.0 wrote exclusive bounds as booleans beside minimum/maximum; 3.1 as numbers.
  if (typeof exclusiveMinimum === 'number') checks.push(`z.gt(${exclusiveMinimum})`);
  if (minimum !== undefined)
    checks.push(exclusiveMinimum === true ? `z.gt(${minimum})` : `z.gte(${minimum})`);
  if (typeof exclusiveMaximum === 'number') checks.push(`z.lt(${exclusiveMaximum})`);
  if (maximum !== undefined)
    checks.push(exclusiveMaximum === true ? `z.lt(${maximum})` : `z.lte(${maximum})`);
  if (multipleOf !== undefined) checks.push(`z.multipleOf(${multipleOf})`);
  // `x-decimal-places: n` is the spec's float-safe way to say "at most n decimals": JSON Schema's
  // `multipleOf: 0.01` is computed in binary floating point by most validators (ajv rejects 19.99).
  // zod's multipleOf compares decimal digits, so the rule stays exact here.
  if (decimalPlaces !== undefined) {
    if (typeof decimalPlaces !== 'number' || !Number.isInteger(decimalPlaces) || decimalPlaces < 0) {
      throw new Error(
        `x-decimal-places must be a non-negative integer, got ${JSON.stringify(decimalPlaces)}`,
      );
    }
    checks.push(`z.multipleOf(${1 / 10 ** decimalPlaces})`);
  }
  const base = withChecks(type === 'integer' ? 'z.int()' : 'z.number()', checks);
  if (!ctx.coerce) return base;
  // A string such as "25" becomes a number first, then meets the same rules.
  return type === 'integer' || checks.length > 0 ? `z.pipe(z.coerce.number(), ${base})` : 'z.coerce.number()';
}

function arrayExpression(schema: SchemaObject, ctx: ZodExpressionContext, depth: number): string {
  const itemContext = { ...ctx, coerce: undefined };
  const checks: string[] = [];
  if (schema.minItems !== undefined) checks.push(`z.minLength(${schema.minItems})`);
  if (schema.maxItems !== undefined) checks.push(`z.maxLength(${schema.maxItems})`);
  const items = zodExpression(
    schema.items,
    ctx.coerce ? { ...itemContext, coerce: { explodeArrays: false } } : itemContext,
    depth,
  );
  const expression = withChecks(`z.array(${items})`, checks);
  if (!ctx.coerce) return expression;
  // `a=1&a=2` arrives as an array, `a=1` as one string, `a=1,2` (explode: false) as one joined string.
  const toArray = ctx.coerce.explodeArrays
    ? '(value: unknown) => (value === undefined || Array.isArray(value) ? value : [value])'
    : "(value: unknown) => (typeof value === 'string' ? value.split(',') : value)";
  return `z.pipe(z.transform(${toArray}), ${expression})`;
}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function propertyKey(name: string): string {
  return identifierPattern.test(name) ? name : JSON.stringify(name);
}

function objectExpression(schema: SchemaObject, ctx: ZodExpressionContext, depth: number): string {
  const properties = Object.entries(schema.properties ?? {});
  const additional = schema.additionalProperties;
  const propertyContext = { ...ctx, coerce: undefined };
  if (properties.length === 0 && isSchemaObject(additional)) {
    return `z.record(z.string(), ${zodExpression(additional, propertyContext, depth)})`;
  }
  const required = new Set(schema.required ?? []);
  const inner = indentUnit.repeat(depth + 1);
  const lines = properties.map(([name, propertySchema]) => {
    const expression = zodExpression(propertySchema, propertyContext, depth + 1);
    return `${inner}${propertyKey(name)}: ${required.has(name) ? expression : `z.optional(${expression})`},`;
  });
  const shape = lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indentUnit.repeat(depth)}}`;
  if (additional === false) return `z.strictObject(${shape})`;
  if (isSchemaObject(additional)) {
    return `z.catchall(z.object(${shape}), ${zodExpression(additional, propertyContext, depth)})`;
  }
  return `z.looseObject(${shape})`;
}

/** Where a JSON string literal of the generated source starts and ends (patterns, enum values, keys). */
const stringLiteral = /"(?:[^"\\]|\\.)*"/g;

/**
 * Marks every call of a generated expression side-effect free (`/* @__PURE__ *\/`), string literals
 * left alone. Bundlers then drop the schemas a program never reaches: a module's top-level calls are
 * otherwise kept, since a bundler cannot know that building a zod schema changes nothing else.
 */
export function markPure(expression: string): string {
  const annotate = (code: string) =>
    code
      .replace(/(?<![\w.$])z\.([A-Za-z.]+)\(/g, '/* @__PURE__ */ z.$1(')
      .replace(/\bnew RegExp\(/g, '/* @__PURE__ */ new RegExp(');
  let result = '';
  let last = 0;
  for (const match of expression.matchAll(stringLiteral)) {
    result += annotate(expression.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + annotate(expression.slice(last));
}
