// Emits operations.ts: the zod schemas of every operation's params, body and success response,
// keyed by operationId, for the simulator (routing, validation) and merchants who validate; and
// operation-ids.ts: the operationIds alone, without zod, for the types package's root entry.
import {
  deref,
  type JsonSchema,
  listOperations,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
} from './document.js';
import { generatedHeader } from './header.js';
import {
  markPure,
  propertyKey,
  schemaConstName,
  type ZodExpressionContext,
  zodExpression,
} from './zod-expression.js';

const location = ['path', 'query', 'header'] as const;
type ParameterLocation = (typeof location)[number];

/** Path-level parameters apply unless the operation redefines the same name and location. */
export function mergedParameters(document: OpenApiDocument, entry: OperationEntry): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])]) {
    const parameter = deref(document, raw);
    const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    byKey.set(`${parameter.in}:${name}`, { ...parameter, name });
  }
  return [...byKey.values()];
}

export function jsonSchemaOf(content: Record<string, MediaTypeObject> | undefined): JsonSchema | undefined {
  if (content === undefined) return undefined;
  const json = Object.entries(content).find(
    ([type]) => type === 'application/json' || type.endsWith('+json'),
  );
  return (json ?? Object.entries(content)[0])?.[1].schema;
}

export function parametersObject(
  parameters: ParameterObject[],
  where: ParameterLocation,
  ctx: ZodExpressionContext,
  indent: string,
): string {
  const selected = parameters.filter((parameter) => parameter.in === where);
  // Requests carry many headers besides the documented ones (signature, date, host...).
  const factory = where === 'header' ? 'z.looseObject' : 'z.object';
  if (selected.length === 0) return `${factory}({})`;
  const lines = selected.map((parameter) => {
    const explode = parameter.explode ?? (parameter.style === undefined || parameter.style === 'form');
    const expression = zodExpression(parameter.schema, { ...ctx, coerce: { explodeArrays: explode } }, 4);
    const required = parameter.in === 'path' || parameter.required === true;
    return `${indent}  ${propertyKey(parameter.name)}: ${required ? expression : `z.optional(${expression})`},`;
  });
  return `${factory}({\n${lines.join('\n')}\n${indent}})`;
}

export function emitOperationsModule(document: OpenApiDocument): string {
  const declared = new Set(Object.keys(document.components?.schemas ?? {}));
  const referenced = new Set<string>();
  const ctx: ZodExpressionContext = { document, declared, referenced };
  const seen = new Set<string>();
  const entries: string[] = [];
  // Parameter schemas repeat across operations (most share the same headers): each distinct one is a
  // module constant, and every value is written `name as typeof name`, so the declarations name it
  // instead of repeating its whole type per operation (operations.d.ts was 320 kB).
  const hoisted = new Map<string, string>();
  const counters = new Map<string, number>();
  const named = (kind: string, expression: string): string => {
    if (/^[A-Za-z_$][\w$]*$/.test(expression)) return `${expression} as typeof ${expression}`;
    let name = hoisted.get(expression);
    if (name === undefined) {
      const count = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, count);
      name = expression === 'z.object({})' ? 'noParameters' : `${kind}${count}`;
      hoisted.set(expression, name);
    }
    return `${name} as typeof ${name}`;
  };

  for (const entry of listOperations(document)) {
    const { operation, method, path } = entry;
    const operationId = operation.operationId;
    if (operationId === undefined) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    if (seen.has(operationId)) throw new Error(`Duplicate operationId ${operationId}`);
    seen.add(operationId);

    const parameters = mergedParameters(document, entry);
    const successStatuses = Object.keys(operation.responses ?? {})
      .filter((status) => /^2\d\d$/.test(status))
      .sort();
    const successStatus = successStatuses[0];
    if (successStatus === undefined) throw new Error(`${operationId} documents no 2xx response`);
    const success = deref(document, operation.responses![successStatus]!);
    const responseSchema = jsonSchemaOf(success.content);
    const requestBody = operation.requestBody ? deref(document, operation.requestBody) : undefined;
    const bodySchema = requestBody ? jsonSchemaOf(requestBody.content) : undefined;

    const indent = '    ';
    const lines = [
      `operationId: ${JSON.stringify(operationId)}`,
      `method: ${JSON.stringify(method.toUpperCase())}`,
      `path: ${JSON.stringify(path)}`,
      `successStatus: ${Number(successStatus)}`,
      `pathParams: ${named('pathParams', parametersObject(parameters, 'path', ctx, ''))}`,
      `query: ${named('query', parametersObject(parameters, 'query', ctx, ''))}`,
      `headers: ${named('headers', parametersObject(parameters, 'header', ctx, ''))}`,
      `body: ${bodySchema === undefined ? 'undefined' : named('body', zodExpression(bodySchema, ctx, 0))}`,
      `bodyRequired: ${requestBody?.required === true}`,
      // A success without content (204, Update Merchant Account) has no body: the result is undefined.
      `response: ${named('response', success.content === undefined ? 'z.undefined()' : responseSchema === undefined ? 'z.unknown()' : zodExpression(responseSchema, ctx, 0))}`,
    ];
    entries.push(
      `  ${propertyKey(operationId)}: {\n${lines.map((line) => `${indent}${line},`).join('\n')}\n  },`,
    );
  }

  const imports = [...referenced].map(schemaConstName).sort();
  const importLines = [
    "import * as z from 'zod/mini';",
    "import type { OperationId } from './operation-ids.js';",
  ];
  if (imports.length > 0) {
    importLines.push(`import {\n${imports.map((name) => `  ${name},`).join('\n')}\n} from './zod.js';`);
  }
  const constants = [...hoisted].map(([expression, name]) => `const ${name} = ${markPure(expression)};`);
  return `${generatedHeader}${importLines.join('\n')}

${constants.join('\n\n')}

/** What the generator knows about one operation; every entry of \`operationSchemas\` satisfies it. */
export interface OperationSchema {
  readonly operationId: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
  /** Path template under the server URL, e.g. \`/v2/charges/{chargeId}\`. */
  readonly path: string;
  readonly successStatus: number;
  readonly pathParams: z.ZodMiniObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;
  /** Query values may be given as strings (as parsed from a URL) or typed values. */
  readonly query: z.ZodMiniObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;
  /** Documented request headers, names in lower case; other headers pass through. */
  readonly headers: z.ZodMiniObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;
  /** JSON request body, undefined when the operation takes none. */
  readonly body?: z.ZodMiniType | undefined;
  readonly bodyRequired: boolean;
  /** Body of the success response; \`z.undefined()\` when the success status has no content. */
  readonly response: z.ZodMiniType;
}

/** Method, path, status and zod validators of every operation of the spec, by operationId. */
export const operationSchemas = {
${entries.join('\n')}
} as const satisfies Record<OperationId, OperationSchema>;
`;
}

/** operation-ids.ts: every operationId, with no zod, so the package's root entry runs without it. */
export function emitOperationIdsModule(document: OpenApiDocument): string {
  const ids = listOperations(document).map(({ operation, method, path }) => {
    if (operation.operationId === undefined)
      throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    return operation.operationId;
  });
  return `${generatedHeader}/** Every operationId of the spec, in the order the spec lists its paths. */
export const operationIds = [
${ids.map((id) => `  ${JSON.stringify(id)},`).join('\n')}
] as const;

/** An operationId of the spec, e.g. \`getCheckoutSession\`. */
export type OperationId = (typeof operationIds)[number];
`;
}
