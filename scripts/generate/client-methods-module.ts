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
  /** The `x-amz-pay-simulation-code` values the spec declares for the operation (none: it has no simulations). */
  simulationCodes: string[];
  /**
   * A list read page by page: the operation takes a `nextToken` query parameter and answers with a
   * `nextToken` beside one required array, `items`. `tokenOnly` (`x-next-token-only` in the spec): later
   * pages send the token alone, else the first page's query with the token.
   */
  pagination?: { items: string; tokenOnly: boolean };
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
    const simulationCodes = simulationCodesOf(document, parameters, operationId);
    const pagination = paginationOf(document, entry, query);
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
      simulationCodes,
      ...(pagination === undefined ? {} : { pagination }),
    };
  });
}

/** The closed enum of the operation's `x-amz-pay-simulation-code` header, or [] without one. */
function simulationCodesOf(
  document: OpenApiDocument,
  parameters: readonly ParameterObject[],
  operationId: string,
): string[] {
  const parameter = parameters.find(
    (candidate) => candidate.in === 'header' && candidate.name === 'x-amz-pay-simulation-code',
  );
  if (parameter === undefined) return [];
  const schema = resolveSchema(document, parameter.schema);
  const codes = isSchemaObject(schema) && Array.isArray(schema.enum) ? schema.enum : undefined;
  if (codes === undefined || codes.length === 0 || !codes.every((code) => typeof code === 'string')) {
    throw new Error(`${operationId}: x-amz-pay-simulation-code must be a closed enum of strings`);
  }
  return codes as string[];
}

/**
 * How a list operation pages, derived from the spec: a `nextToken` query parameter, and a success
 * object with a `nextToken` and exactly one required array (the items). Undefined for other operations.
 */
function paginationOf(
  document: OpenApiDocument,
  entry: OperationEntry,
  query: readonly ParameterObject[],
): ClientOperation['pagination'] {
  const { operation } = entry;
  const tokenOnly = (operation as { 'x-next-token-only'?: unknown })['x-next-token-only'];
  const where = operation.operationId ?? entry.path;
  if (!query.some((parameter) => parameter.name === 'nextToken')) {
    if (tokenOnly !== undefined) throw new Error(`${where}: x-next-token-only without a nextToken parameter`);
    return undefined;
  }
  if (tokenOnly !== undefined && typeof tokenOnly !== 'boolean') {
    throw new Error(`${where}: x-next-token-only must be true or false`);
  }
  const success = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  const schema = resolveSchema(
    document,
    success === undefined ? undefined : deref(document, success[1]).content?.['application/json']?.schema,
  );
  const properties = isSchemaObject(schema) ? (schema.properties ?? {}) : {};
  const arrays = (isSchemaObject(schema) ? (schema.required ?? []) : []).filter((name) => {
    const property = resolveSchema(document, properties[name]);
    return isSchemaObject(property) && property.type === 'array';
  });
  if (!('nextToken' in properties) || arrays.length !== 1) {
    throw new Error(
      `${where}: takes nextToken, so its answer needs a nextToken and exactly one required array`,
    );
  }
  return { items: arrays[0]!, tokenOnly: tokenOnly === true };
}

/** A schema with its `$ref` chain followed. */
function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  const seen = new Set<string>();
  while (isSchemaObject(current) && current.$ref !== undefined) {
    if (seen.has(current.$ref)) throw new Error(`Reference cycle at ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref) as JsonSchema;
  }
  return current;
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
  params.push(`options?: CallOptions<${id}>`);
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
      ...(op.simulationCodes.length === 0
        ? []
        : [`    simulationCodes: [${op.simulationCodes.map((code) => `'${code}'`).join(', ')}],`]),
      ...(op.pagination === undefined
        ? []
        : [`    pagination: { items: '${op.pagination.items}', tokenOnly: ${op.pagination.tokenOnly} },`]),
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

function resultDocComment(
  schema: JsonSchema | undefined,
  operationIds: readonly string[],
  returnedBy = `Returned by ${operationIds.map((id) => `\`${id}\``).join(', ')}.`,
): string {
  const description =
    isSchemaObject(schema) && typeof schema.description === 'string' ? schema.description : '';
  const lines = [
    ...description
      .trim()
      .replaceAll('*/', '*\\/')
      .split('\n')
      .filter((line) => line !== ''),
    returnedBy,
    // TypeDoc documents the alias as an interface: a page with every field, not `ResponseBody<…>`.
    '@interface',
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
  // The items of the paged lists, under their schema names too (`client.paginate` yields them).
  const items = new Map<string, string[]>();
  for (const op of clientOperations(document)) {
    const name = op.pagination === undefined ? undefined : itemSchemaName(document, op);
    if (name === undefined || byName.has(name)) continue;
    items.set(name, [...(items.get(name) ?? []), op.operationId]);
  }
  for (const [name, operationIds] of items) {
    const schema = resolvePointer(document, `#/components/schemas/${encodeURIComponent(name)}`) as JsonSchema;
    const listedBy = operationIds.map((id) => `\`client.paginate.${id}\``).join(', ');
    blocks.push(
      `${resultDocComment(schema, [], `Listed by ${operationIds.map((id) => `\`${id}\``).join(', ')}; ${listedBy} yields them.`)}` +
        `export type ${name} = PageItem<'${operationIds[0]}'>;`,
    );
  }
  const imports = [
    ...(items.size > 0 ? ["import type { PageItem } from '../paginate.js';"] : []),
    "import type { ResponseBody } from '../types.js';",
  ];
  return `${generatedHeader}${imports.join('\n')}\n\n${blocks.join('\n')}\n`;
}

/**
 * `operation-pages.ts`: one method per list the spec pages (`pagination`), each a typed walk over
 * every page. `client.paginate` is an instance; the walk itself is `paginate.ts`.
 */
export function emitClientPagesModule(document: OpenApiDocument): string {
  const paged = clientOperations(document).filter((op) => op.pagination !== undefined);
  for (const op of paged) {
    if (op.channel === 'inStore') {
      throw new Error(`${op.operationId} pages, but only web store clients have \`paginate\``);
    }
  }
  const methods = paged.map((op) => {
    const id = `'${op.operationId}'`;
    const items = op.pagination!.items;
    const summary = op.summary
      .replace(/\s+/g, ' ')
      .replace(/[.!?]$/, '')
      .replaceAll('*/', '*\\/');
    return [
      `  /** ${op.method} ${op.path}${summary ? `: ${summary}` : ''}, every page: iterates the \`${items}\`, \`.pages()\` the pages. */`,
      `  ${op.operationId}(${parameterList(op).join(', ')}): Paginator<${id}> {`,
      `    return this.#walk(${id}, [${op.pathParams.join(', ')}], ${callInput(op)}, options) as Paginator<${id}>;`,
      '  }',
    ].join('\n');
  });
  const typeImports = [
    'CallOptions',
    ...(paged.some((op) => op.input === 'query') ? ['QueryParams'] : []),
    ...(paged.some((op) => op.input === 'body') ? ['RequestInput'] : []),
  ];
  return `${generatedHeader}import type { PageWalk, Paginator } from '../paginate.js';
import type { ${typeImports.join(', ')} } from '../types.js';

/**
 * The lists Amazon answers page by page (a \`nextToken\` in the spec), each walked from the first page
 * to the last: \`for await (const report of client.paginate.getReports(query))\`. A page is requested
 * only when the items before it are used up, so a \`break\` sends nothing more; the call options
 * (signal, deadline, retries) apply to every page.
 */
export class PaginatedOperations {
  readonly #walk: PageWalk;

  /** @internal The client builds it (\`client.paginate\`). */
  constructor(walk: PageWalk) {
    this.#walk = walk;
  }

${methods.join('\n')}
}
`;
}

/** The component schema of the items of a paged list (`pagination.items`), by name. */
function itemSchemaName(document: OpenApiDocument, op: ClientOperation): string | undefined {
  const entry = listOperations(document).find(
    (candidate) => candidate.operation.operationId === op.operationId,
  );
  const success = Object.entries(entry?.operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  const page = resolveSchema(
    document,
    success === undefined ? undefined : deref(document, success[1]).content?.['application/json']?.schema,
  );
  const list = isSchemaObject(page)
    ? resolveSchema(document, page.properties?.[op.pagination!.items])
    : undefined;
  const item = isSchemaObject(list) ? list.items : undefined;
  return isSchemaObject(item) && item.$ref !== undefined ? schemaRefName(item.$ref) : undefined;
}

/** File name -> contents of packages/client/src/generated/. */
export function emitClientModules(document: OpenApiDocument): Record<string, string> {
  return {
    'operation-routes.ts': emitClientRoutesModule(document),
    'operation-methods.ts': emitClientMethodsModule(document),
    'operation-pages.ts': emitClientPagesModule(document),
    'operation-results.ts': emitClientResultsModule(document),
    'operation-validators.ts': emitClientValidatorsModule(document),
  };
}
