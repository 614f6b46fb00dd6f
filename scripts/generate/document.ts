// The slice of an OpenAPI 3.1 document the generators read, and helpers shared by them.
// The bundled document only has local `#/...` references, so resolving is a JSON-pointer walk.

export type JsonSchema = boolean | SchemaObject;

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
  title?: string;
  [extension: string]: unknown;
}

export interface ParameterObject {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  style?: string;
  explode?: boolean;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
}

export interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
}

export type PathItemObject = { parameters?: ParameterObject[] } & Partial<
  Record<HttpMethod, OperationObject>
>;

export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    parameters?: Record<string, ParameterObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    responses?: Record<string, ResponseObject>;
  };
  [key: string]: unknown;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

const schemaRefPrefix = '#/components/schemas/';

/** Follows a local `#/a/b` reference; throws on anything else so a broken bundle fails loudly. */
export function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let node: unknown = document;
  for (const rawSegment of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(rawSegment).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(segment in node)) {
      throw new Error(`Unresolvable reference ${ref}`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Resolves `$ref` chains of parameters, request bodies and responses (not schemas). */
export function deref<T extends { $ref?: string }>(document: OpenApiDocument, value: T): T {
  let current = value;
  const seen = new Set<string>();
  while (current.$ref !== undefined) {
    if (seen.has(current.$ref)) throw new Error(`Reference cycle at ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref) as T;
  }
  return current;
}

/** The component name of a `#/components/schemas/<Name>` reference, or undefined for any other. */
export function schemaRefName(ref: string): string | undefined {
  return ref.startsWith(schemaRefPrefix) ? decodeURIComponent(ref.slice(schemaRefPrefix.length)) : undefined;
}

export function isSchemaObject(schema: JsonSchema | undefined): schema is SchemaObject {
  return typeof schema === 'object' && schema !== null;
}

export function isNullSchema(schema: JsonSchema): boolean {
  return isSchemaObject(schema) && schema.type === 'null' && Object.keys(schema).every(isAnnotationOrType);
}

function isAnnotationOrType(key: string): boolean {
  return key === 'type' || key === 'description' || key === 'title' || key.startsWith('x-');
}

/** A closed enum component: `{ type: string, enum: [...] }` with only string values. */
export function isClosedStringEnum(schema: JsonSchema | undefined): boolean {
  return (
    isSchemaObject(schema) &&
    Array.isArray(schema.enum) &&
    schema.enum.length > 0 &&
    schema.enum.every((value) => typeof value === 'string') &&
    (schema.type === undefined || schema.type === 'string')
  );
}

export interface OpenEnum {
  /** Component name of the closed enum listing the known values. */
  enumName: string;
  nullable: boolean;
}

/**
 * Recognises the spec's open-enum convention: `anyOf: [{$ref: <closed enum>}, {type: string}]`,
 * optionally with `{type: 'null'}` as a third member. Returns undefined for anything else.
 */
export function openEnumOf(document: OpenApiDocument, schema: JsonSchema | undefined): OpenEnum | undefined {
  if (!isSchemaObject(schema) || !Array.isArray(schema.anyOf)) return undefined;
  if (schema.type !== undefined || schema.properties !== undefined || schema.allOf || schema.oneOf)
    return undefined;
  let enumName: string | undefined;
  let hasPlainString = false;
  let nullable = false;
  for (const member of schema.anyOf) {
    if (!isSchemaObject(member)) return undefined;
    if (member.$ref !== undefined) {
      const name = schemaRefName(member.$ref);
      if (name === undefined || enumName !== undefined) return undefined;
      if (!isClosedStringEnum(resolvePointer(document, member.$ref) as JsonSchema)) return undefined;
      enumName = name;
    } else if (isNullSchema(member)) {
      nullable = true;
    } else if (member.type === 'string' && Object.keys(member).every(isAnnotationOrType)) {
      hasPlainString = true;
    } else {
      return undefined;
    }
  }
  return enumName !== undefined && hasPlainString ? { enumName, nullable } : undefined;
}

/** Turns a component name into a TypeScript identifier (names in this spec are already PascalCase). */
export function identifierFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Every `#/components/schemas/<Name>` referenced anywhere inside `value`, in order of first appearance. */
export function schemaRefsIn(value: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string') {
        const name = schemaRefName(child);
        if (name !== undefined && !names.includes(name)) names.push(name);
      } else {
        visit(child);
      }
    }
  };
  visit(value);
  return names;
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  pathItem: PathItemObject;
}

/** Operations in document order (paths as written, methods in the fixed order above). */
export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, rawPathItem] of Object.entries(document.paths ?? {})) {
    const pathItem = deref(document, rawPathItem as PathItemObject & { $ref?: string });
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation !== undefined) entries.push({ path, method, operation, pathItem });
    }
  }
  return entries;
}
