import { describe, expect, it } from 'vitest';
import {
  clientOperations,
  emitClientMethodsModule,
  emitClientPagesModule,
  emitClientResultsModule,
  emitClientRoutesModule,
} from './client-methods-module.js';
import type { OpenApiDocument, ParameterObject } from './document.js';

const ok = { '200': { description: 'OK' } };
const idParam = (name: string): ParameterObject => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
});

function spec(paths: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: '3.1.0',
    paths: paths as OpenApiDocument['paths'],
    components: { parameters: { Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' } } } },
  };
}

const widgets = spec({
  '/v2/widgets': {
    get: {
      operationId: 'listWidgets',
      tags: ['Widget'],
      summary: 'List widgets',
      parameters: [{ $ref: '#/components/parameters/Cursor' }],
      responses: ok,
    },
    post: {
      operationId: 'createWidget',
      tags: ['Widget'],
      summary: 'Create a widget (*/ is escaped).',
      parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'boolean' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: ok,
    },
  },
  '/v2/shops/{shopId}/widgets/{widgetId}': {
    parameters: [idParam('shopId'), idParam('widgetId')],
    patch: {
      operationId: 'updateWidget',
      tags: ['InStore'],
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      responses: ok,
    },
  },
  '/v2/tokens/{token}': {
    get: {
      operationId: 'getToken',
      tags: ['Token'],
      summary: 'Exchange a token',
      parameters: [
        idParam('token'),
        { name: 'merchantId', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] } },
        { name: 'locale', in: 'query', schema: { type: 'string' } },
      ],
      responses: ok,
    },
  },
});

describe('clientOperations', () => {
  it('derives arguments, input and channel from the spec', () => {
    const byId = Object.fromEntries(clientOperations(widgets).map((op) => [op.operationId, op]));
    expect(byId.listWidgets).toMatchObject({ input: 'query', queryArgs: [], queryObject: ['cursor'] });
    expect(byId.listWidgets?.channel).toBe('webStore');
    // A body operation does not expose its query.
    expect(byId.createWidget).toMatchObject({ input: 'body', bodyRequired: true, queryObject: [] });
    expect(byId.updateWidget).toMatchObject({
      pathParams: ['shopId', 'widgetId'],
      input: 'body',
      bodyRequired: false,
      channel: 'inStore',
    });
    expect(byId.getToken).toMatchObject({
      channel: 'common',
      pathParams: ['token'],
      queryArgs: [
        { name: 'merchantId', plainString: true },
        { name: 'kind', plainString: false },
      ],
      queryObject: ['locale'],
    });
  });

  it('refuses what a method cannot express', () => {
    const bad =
      (operation: Record<string, unknown>, path = '/v2/x/{id}') =>
      () =>
        clientOperations(
          spec({ [path]: { parameters: [idParam('id')], get: { responses: ok, ...operation } } }),
        );
    expect(bad({})).toThrow(/has no operationId/);
    expect(bad({ operationId: 'get-x' })).toThrow(/is not a method name/);
    expect(bad({ operationId: 'getX', tags: ['InStore', 'Token'] })).toThrow(/different clients/);
    expect(bad({ operationId: 'getX' }, '/v2/x/{other}')).toThrow(/other is not declared/);
    expect(bad({ operationId: 'getX' }, '/v2/x/{options}')).toThrow(/cannot be an argument name/);
    expect(
      bad({
        operationId: 'getX',
        parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'string' } }],
      }),
    ).toThrow(/query parameter id cannot be an argument name/);
  });
});

describe('simulation codes and pages from the spec', () => {
  const page = {
    type: 'object',
    required: ['widgets'],
    properties: {
      widgets: { type: 'array', items: { type: 'object' } },
      nextToken: { type: ['string', 'null'] },
      total: { type: 'integer' },
    },
  };
  const json = (schema: unknown) => ({
    '200': { description: 'OK', content: { 'application/json': { schema } } },
  });
  const token = { name: 'nextToken', in: 'query', schema: { type: 'string' } };
  const listed = (operation: Record<string, unknown>) =>
    spec({ '/v2/widgets': { get: { operationId: 'listWidgets', responses: json(page), ...operation } } });

  it('reads the closed enum of x-amz-pay-simulation-code, through refs', () => {
    const document = listed({
      parameters: [{ $ref: '#/components/parameters/Simulation' }],
    });
    document.components = {
      parameters: {
        Simulation: {
          name: 'x-amz-pay-simulation-code',
          in: 'header',
          schema: { $ref: '#/components/schemas/Codes' },
        },
      },
      schemas: { Codes: { type: 'string', enum: ['Declined', 'Expired'] } },
    };
    expect(clientOperations(document)[0]?.simulationCodes).toEqual(['Declined', 'Expired']);
    expect(emitClientRoutesModule(document)).toContain("    simulationCodes: ['Declined', 'Expired'],\n");
    const open = listed({
      parameters: [{ name: 'x-amz-pay-simulation-code', in: 'header', schema: { type: 'string' } }],
    });
    expect(() => clientOperations(open)).toThrow(/must be a closed enum/);
    expect(clientOperations(listed({}))[0]?.simulationCodes).toEqual([]);
    expect(emitClientRoutesModule(listed({}))).not.toContain('simulationCodes');
  });

  it('finds the paged lists: a nextToken parameter, a nextToken and one required array in the answer', () => {
    const paged = listed({ parameters: [token], 'x-next-token-only': true });
    expect(clientOperations(paged)[0]?.pagination).toEqual({ items: 'widgets', tokenOnly: true });
    expect(clientOperations(listed({ parameters: [token] }))[0]?.pagination).toEqual({
      items: 'widgets',
      tokenOnly: false,
    });
    expect(clientOperations(listed({}))[0]?.pagination).toBeUndefined();
    expect(emitClientRoutesModule(paged)).toContain(
      "    pagination: { items: 'widgets', tokenOnly: true },\n",
    );
    expect(() => clientOperations(listed({ 'x-next-token-only': true }))).toThrow(/without a nextToken/);
    const noList = spec({
      '/v2/widgets': {
        get: { operationId: 'listWidgets', parameters: [token], responses: json({ type: 'object' }) },
      },
    });
    expect(() => clientOperations(noList)).toThrow(/exactly one required array/);
  });

  it('writes one paginate method per paged list, typed by its operation', () => {
    const pages = emitClientPagesModule(listed({ parameters: [token] }));
    expect(pages).toContain(
      "  listWidgets(query?: QueryParams<'listWidgets'>, options?: CallOptions<'listWidgets'>): Paginator<'listWidgets'> {\n" +
        "    return this.#walk('listWidgets', [], query, options) as Paginator<'listWidgets'>;",
    );
    expect(pages).toContain('iterates the `widgets`');
    const inStore = listed({ parameters: [token], tags: ['InStore'] });
    expect(() => emitClientPagesModule(inStore)).toThrow(/only web store clients have `paginate`/);
  });
});

describe('emitted client modules', () => {
  const methods = emitClientMethodsModule(widgets);

  it('writes one documented method per operation into the class of its channel', () => {
    expect(methods).toContain(
      '  /** GET /v2/tokens/{token}: Exchange a token. */\n' +
        "  getToken(token: string, merchantId: string, kind: QueryParams<'getToken'>['kind'], " +
        "query?: Omit<QueryParams<'getToken'>, 'merchantId' | 'kind'>, options?: CallOptions<'getToken'>): " +
        "Promise<ResponseBody<'getToken'>> {\n" +
        "    return this[CALL]('getToken', [token], { merchantId, kind, ...query }, options) as " +
        "Promise<ResponseBody<'getToken'>>;",
    );
    expect(methods).toContain(
      "listWidgets(query?: QueryParams<'listWidgets'>, options?: CallOptions<'listWidgets'>)",
    );
    expect(methods).toContain("this[CALL]('listWidgets', [], query, options)");
    expect(methods).toContain('/** POST /v2/widgets: Create a widget (*\\/ is escaped). */');
    expect(methods).toContain(
      "updateWidget(shopId: string, widgetId: string, body?: RequestInput<'updateWidget'>, options?: CallOptions<'updateWidget'>)",
    );
    expect(methods).toContain(
      "  updateWidget: [shopId: string, widgetId: string, body?: RequestInput<'updateWidget'>, options?: CallOptions<'updateWidget'>];",
    );
    const classBody = (name: string) => methods.slice(methods.indexOf(`class ${name} `)).split('\n}\n')[0];
    expect(classBody('CommonOperations')).toContain('getToken(');
    expect(classBody('WebStoreOperations')).toContain('listWidgets(');
    expect(classBody('WebStoreOperations')).not.toContain('updateWidget(');
    expect(classBody('InStoreOperations')).toContain('updateWidget(');
    expect(methods.startsWith('// Generated by scripts/generate')).toBe(true);
  });

  it('writes the routes table the client sends from', () => {
    const routes = emitClientRoutesModule(widgets);
    expect(routes).toContain(
      "  getToken: {\n    method: 'GET',\n    path: '/v2/tokens/{token}',\n    pathParams: ['token'],\n" +
        "    input: 'query',\n    dateTimes: [],\n    channel: 'common',\n  },",
    );
    expect(routes).toContain("pathParams: ['shopId', 'widgetId'],");
    expect(emitClientRoutesModule(widgets)).toBe(routes);
  });
});

describe('emitted result types', () => {
  const widget = { $ref: '#/components/schemas/Widget' };
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const results = spec({
    '/v2/widgets': {
      post: {
        operationId: 'createWidget',
        responses: { '201': json(widget), '400': json({ type: 'object' }) },
      },
      get: { operationId: 'listWidgets', responses: { '200': json({ type: 'object' }) } },
    },
    '/v2/widgets/{widgetId}': {
      parameters: [idParam('widgetId')],
      get: {
        operationId: 'getWidget',
        'x-unwrap-single': 'widgets',
        responses: { '200': json({ anyOf: [widget, { $ref: '#/components/schemas/WidgetList' }] }) },
      },
      delete: { operationId: 'deleteWidget', responses: { '204': { description: 'gone' } } },
    },
  });
  results.components = {
    schemas: {
      Widget: { type: 'object', description: 'A widget.\nIt has parts.' },
      WidgetList: { type: 'object' },
    },
  };

  it('names each component schema a method returns after its first operation, with who returns it', () => {
    const source = emitClientResultsModule(results);
    expect(source).toContain("import type { ResponseBody } from '../types.js';");
    expect(source).toContain(
      "/**\n * A widget.\n * It has parts.\n * Returned by `createWidget`, `getWidget`.\n * @interface\n */\nexport type Widget = ResponseBody<'createWidget'>;",
    );
    // `@interface`: the API reference gives the alias a page with its fields (checked on the real
    // output by scripts/check-docs.mjs after `pnpm docs`).
    // Inline successes, successes without content and error bodies name nothing.
    expect(source.match(/export type/g)).toHaveLength(1);
  });
});
