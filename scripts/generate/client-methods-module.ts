// Emits the client's generated/ files: the operation routes (what `ClientBase` sends) and one typed
// method per operation, grouped into abstract classes the client classes extend, plus the
// operation -> arguments table their `withResponse` types are a flat lookup into.

import { emitClientValidatorsModule } from './client-validators-module.js';
import { dateTimePaths, isDateTimeParameter } from './date-times.js';
import {
  deref,
  isSchemaObject,
  type JsonSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  resolvePointer,
  schemaRefName,
} from './document.js';
import { generatedHeader } from './header.js';

/** Which client classes carry an operation (the .NET SDK's split). */
export type ClientChannel = 'webStore' | 'inStore' | 'common';

/**
 * Tags whose operations every client carries: the .NET SDK offers delivery trackers and delegated
 * tokens on its web store and in-store clients alike. `InStore` operations go to the in-store client;
 * every other tag to the web store client.
 */
const tagChannels: Readonly<Record<string, ClientChannel>> = {
  InStore: 'inStore',
  DeliveryTracker: 'common',
  Token: 'common',
};

export interface ClientOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  channel: ClientChannel;
  /** Path parameter names in path order: the method's first arguments. */
  pathParams: string[];
  /**
   * Required query parameters of an operation without a body, taken positionally after the ids
   * (`getAuthorizationToken(mwsAuthToken, merchantId)`); a value in an object would only hide that it is needed.
   */
  queryArgs: { name: string; plainString: boolean }[];
  /** Optional query parameters of an operation without a body, taken as one trailing query object. */
  queryObject: string[];
  /** What follows the ids: the JSON body, the query, or nothing. Query of a body operation is not exposed. */
  input: 'body' | 'query' | 'none';
  bodyRequired: boolean;
  /**
   * `x-unwrap-single: <key>`: Amazon may wrap this operation's one result in `{ <key>: [result] }`
   * (Get Report Schedule By Id), so the client hands back the entry either way.
   */
  unwrapSingle?: string;
  /** Date-time fields of the input (dotted body paths, or query names): the client takes a `Date` there. */
  dateTimes: string[];
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Names the generated methods use for their own parameters. */
const reservedNames = new Set(['body', 'query', 'options']);

function parametersOf(document: OpenApiDocument, entry: OperationEntry): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])]) {
    const parameter = deref(document, raw);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** The client's view of every operation, in document order; throws on what a method cannot express. */
export function clientOperations(document: OpenApiDocument): ClientOperation[] {
  const seen = new Set<string>();
  return listOperations(document).map((entry) => {
    const { operation, method, path } = entry;
    const operationId = operation.operationId;
    const where = `${method.toUpperCase()} ${path}`;
    if (operationId === undefined) throw new Error(`${where} has no operationId`);
    if (!identifier.test(operationId))
      throw new Error(`${where}: operationId ${operationId} is not a method name`);
    if (seen.has(operationId)) throw new Error(`Duplicate operationId ${operationId}`);
    seen.add(operationId);
    const extra = operation as { tags?: unknown; summary?: unknown };
    const tags = Array.isArray(extra.tags) ? extra.tags.filter((tag) => typeof tag === 'string') : [];
    const channels = new Set(tags.map((tag) => tagChannels[tag] ?? 'webStore'));
    if (channels.size > 1) throw new Error(`${operationId}: tags ${tags.join(', ')} name different clients`);

    const parameters = parametersOf(document, entry);
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    for (const name of pathParams) {
      if (!identifier.test(name) || reservedNames.has(name)) {
        throw new Error(`${operationId}: path parameter ${name} cannot be an argument name`);
      }
      if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
        throw new Error(`${operationId}: path parameter ${name} is not declared`);
      }
    }
    const requestBody = operation.requestBody ? deref(document, operation.requestBody) : undefined;
    const unwrapSingle = (operation as { 'x-unwrap-single'?: unknown })['x-unwrap-single'];
    if (unwrapSingle !== undefined && (typeof unwrapSingle !== 'string' || !identifier.test(unwrapSingle))) {
      throw new Error(`${operationId}: x-unwrap-single must name a property`);
    }
    const query = parameters.filter((parameter) => parameter.in === 'query');
    const hasBody = requestBody !== undefined;
    const queryArgs = hasBody
      ? []
      : query
          .filter((parameter) => parameter.required === true)
          .map((parameter) => {
            const name = parameter.name;
            if (!identifier.test(name) || reservedNames.has(name) || pathParams.includes(name)) {
              throw new Error(`${operationId}: query parameter ${parameter.name} cannot be an argument name`);
            }
            const schema = parameter.schema;
            const plainString =
              isSchemaObject(schema) && schema.type === 'string' && schema.enum === undefined;
            return { name: parameter.name, plainString };
          });
    const queryObject = hasBody
      ? []
      : query.filter((parameter) => parameter.required !== true).map((parameter) => parameter.name);
    const dateTimes = hasBody
      ? dateTimePaths(document, requestBody.content?.['application/json']?.schema)
      : query
          .filter((parameter) => isDateTimeParameter(document, parameter.schema))
          .map((parameter) => parameter.name);
    return {
      operationId,
      method: method.toUpperCase(),
      path,
      summary: typeof extra.summary === 'string' ? extra.summary.trim() : '',
      channel: [...channels][0] ?? 'webStore',
      pathParams,
      queryArgs,
      queryObject,
      input: hasBody ? 'body' : query.length > 0 ? 'query' : 'none',
      bodyRequired: requestBody?.required === true,
      ...(unwrapSingle === undefined ? {} : { unwrapSingle }),
      dateTimes,
    };
  });
}

/** The method's parameters, as written in both the class and the arguments table. */
function parameterList(op: ClientOperation): string[] {
  const id = JSON.stringify(op.operationId).replaceAll('"', "'");
  const params = op.pathParams.map((name) => `${name}: string`);
  for (const { name, plainString } of op.queryArgs) {
    params.push(`${name}: ${plainString ? 'string' : `QueryParams<${id}>['${name}']`}`);
  }
  if (op.input === 'body') params.push(`body${op.bodyRequired ? '' : '?'}: RequestInput<${id}>`);
  if (op.queryObject.length > 0) {
    const type =
      op.queryArgs.length === 0
        ? `QueryParams<${id}>`
        : `Omit<QueryParams<${id}>, ${op.queryArgs.map(({ name }) => `'${name}'`).join(' | ')}>`;
    params.push(`query?: ${type}`);
  }
  params.push('options?: CallOptions');
  return params;
}

function callInput(op: ClientOperation): string {
  if (op.input === 'body') return 'body';
  if (op.input === 'none') return 'undefined';
  if (op.queryArgs.length === 0) return 'query';
  const named = op.queryArgs.map(({ name }) => name);
  return `{ ${[...named, ...(op.queryObject.length > 0 ? ['...query'] : [])].join(', ')} }`;
}

function docComment(op: ClientOperation, indent: string): string {
  const summary = op.summary.replace(/\s+/g, ' ').replaceAll('*/', '*\\/');
  const text = `${op.method} ${op.path}${summary ? `: ${summary}${/[.!?]$/.test(summary) ? '' : '.'}` : ''}`;
  return `${indent}/** ${text} */`;
}

function methodSource(op: ClientOperation): string {
  const id = `'${op.operationId}'`;
  const result = `Promise<ResponseBody<${id}>>`;
  return [
    docComment(op, '  '),
    `  ${op.operationId}(${parameterList(op).join(', ')}): ${result} {`,
    `    return this[CALL](${id}, [${op.pathParams.join(', ')}], ${callInput(op)}, options) as ${result};`,
    '  }',
  ].join('\n');
}

const classes: { channel: ClientChannel; name: string; base: string; doc: string }[] = [
  {
    channel: 'common',
    name: 'CommonOperations',
    base: 'ClientBase',
    doc: 'Operations every client carries.',
  },
  {
    channel: 'webStore',
    name: 'WebStoreOperations',
    base: 'CommonOperations',
    doc: 'The web store operations (every tag but `InStore`), over the common ones.',
  },
  {
    channel: 'inStore',
    name: 'InStoreOperations',
    base: 'CommonOperations',
    doc: 'The in-store operations (tag `InStore`), over the common ones.',
  },
];

/** `operation-routes.ts`: plain data, so `core.ts` can import it without a module cycle. */
export function emitClientRoutesModule(document: OpenApiDocument): string {
  const entries = clientOperations(document).map((op) =>
    [
      `  ${op.operationId}: {`,
      `    method: '${op.method}',`,
      `    path: '${op.path}',`,
      `    pathParams: [${op.pathParams.map((name) => `'${name}'`).join(', ')}],`,
      `    input: '${op.input}',`,
      `    dateTimes: [${op.dateTimes.map((path) => `'${path}'`).join(', ')}],`,
      `    channel: '${op.channel}',`,
      ...(op.unwrapSingle === undefined ? [] : [`    unwrapSingle: '${op.unwrapSingle}',`]),
      '  },',
    ].join('\n'),
  );
  return `${generatedHeader}import type { OperationRoute } from '../operations.js';

/** Every operation of the spec, by operationId: what the client sends for it and which clients carry it. */
export const OPERATION_ROUTES = {
${entries.join('\n')}
} as const satisfies Record<string, OperationRoute>;
`;
}

/** `operation-methods.ts`: the arguments table and one abstract class of methods per client channel. */
export function emitClientMethodsModule(document: OpenApiDocument): string {
  const operations = clientOperations(document);
  const table = operations.map(
    (op) => `${docComment(op, '  ')}\n  ${op.operationId}: [${parameterList(op).join(', ')}];`,
  );
  const uses = (pattern: RegExp) => operations.some((op) => pattern.test(parameterList(op).join()));
  const typeImports = [
    'CallOptions',
    ...(uses(/QueryParams</) ? ['QueryParams'] : []),
    ...(uses(/RequestInput</) ? ['RequestInput'] : []),
    'ResponseBody',
  ];
  const classSources = classes.map(({ channel, name, base, doc }) => {
    const methods = operations.filter((op) => op.channel === channel).map(methodSource);
    return `/** ${doc} */\nexport abstract class ${name} extends ${base} {\n${methods.join('\n')}\n}`;
  });
  return `${generatedHeader}import { CALL, ClientBase } from '../core.js';
import type { ${typeImports.join(', ')} } from '../types.js';

/**
 * The arguments of every operation method, by operationId: path ids first, then the body or query,
 * then {@link CallOptions}. The \`withResponse\` types are a flat lookup here instead of inference over
 * \`this\`, which tsc gives up on (TS2589) in consumers' code.
 */
export interface OperationArguments {
${table.join('\n')}
}

${classSources.join('\n\n')}
`;
}

/**
 * The component schema an operation's success answers with, by name: a `$ref` to it, or — where
 * Amazon may wrap the one result (`x-unwrap-single`) — the first `$ref` of the union, the entry the
 * client hands back. Undefined for a success without content or an inline schema.
 */
function resultSchemaName(document: OpenApiDocument, entry: OperationEntry): string | undefined {
  for (const [status, raw] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^2\d\d$/.test(status)) continue;
    const schema = deref(document, raw).content?.['application/json']?.schema;
    if (!isSchemaObject(schema)) continue;
    if (schema.$ref !== undefined) return schemaRefName(schema.$ref);
    const union = (schema.anyOf ?? schema.oneOf ?? []).find(
      (member): member is { $ref: string } => isSchemaObject(member) && member.$ref !== undefined,
    );
    if (
      union !== undefined &&
      (entry.operation as Record<string, unknown>)['x-unwrap-single'] !== undefined
    ) {
      return schemaRefName(union.$ref);
    }
  }
  return undefined;
}

function resultDocComment(schema: JsonSchema | undefined, operationIds: readonly string[]): string {
  const description =
    isSchemaObject(schema) && typeof schema.description === 'string' ? schema.description : '';
  const returnedBy = `Returned by ${operationIds.map((id) => `\`${id}\``).join(', ')}.`;
  const lines = [
    ...description
      .trim()
      .replaceAll('*/', '*\\/')
      .split('\n')
      .filter((line) => line !== ''),
    returnedBy,
  ];
  return `/**\n${lines.map((line) => ` * ${line}`).join('\n')}\n */\n`;
}

/**
 * `operation-results.ts`: every component schema a method resolves to, under its schema name, as the
 * method resolves to it (`ResponseBody`: decoded, unwrapped), so a merchant names results without
 * importing `@amazon-pay-ts/types`.
 */
export function emitClientResultsModule(document: OpenApiDocument): string {
  const byName = new Map<string, string[]>();
  for (const entry of listOperations(document)) {
    const name = resultSchemaName(document, entry);
    const operationId = entry.operation.operationId;
    if (name === undefined || operationId === undefined) continue;
    byName.set(name, [...(byName.get(name) ?? []), operationId]);
  }
  const blocks = [...byName].map(([name, operationIds]) => {
    const schema = resolvePointer(document, `#/components/schemas/${encodeURIComponent(name)}`) as JsonSchema;
    if (!identifier.test(name)) throw new Error(`result schema ${name} is not a type name`);
    return `${resultDocComment(schema, operationIds)}export type ${name} = ResponseBody<'${operationIds[0]}'>;`;
  });
  return `${generatedHeader}import type { ResponseBody } from '../types.js';\n\n${blocks.join('\n')}\n`;
}

/** File name -> contents of packages/client/src/generated/. */
export function emitClientModules(document: OpenApiDocument): Record<string, string> {
  return {
    'operation-routes.ts': emitClientRoutesModule(document),
    'operation-methods.ts': emitClientMethodsModule(document),
    'operation-results.ts': emitClientResultsModule(document),
    'operation-validators.ts': emitClientValidatorsModule(document),
  };
}
