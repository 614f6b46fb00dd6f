import { describe, expect, it } from 'vitest';
import { emitClientValidatorsModule } from './client-validators-module.js';
import type { OpenApiDocument } from './document.js';
import { markPure } from './zod-expression.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

const widgets: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/v2/widgets': {
      get: {
        operationId: 'listWidgets',
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'x-amz-pay-region', in: 'header', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'OK', ...json({ $ref: '#/components/schemas/WidgetList' }) } },
      },
      post: {
        operationId: 'createWidget',
        parameters: [
          { name: 'x-amz-pay-idempotency-key', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/Widget' }) },
        responses: { '201': { description: 'Created', ...json({ $ref: '#/components/schemas/Widget' }) } },
      },
    },
    '/v2/widgets/{widgetId}': {
      delete: {
        operationId: 'deleteWidget',
        parameters: [
          { name: 'widgetId', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
        ],
        responses: { '204': { description: 'No Content' } },
      },
    },
  },
  components: {
    schemas: {
      Widget: { type: 'object', properties: { name: { type: 'string' } } },
      WidgetList: {
        type: 'object',
        properties: { widgets: { type: 'array', items: { $ref: '#/components/schemas/Widget' } } },
      },
      // The client's button kinds each need their payload schema.
      ...Object.fromEntries(
        ['Checkout', 'Recurring', 'PaymentMethodOnFile', 'AdditionalPayment', 'SignIn'].map((kind) => [
          `${kind}ButtonPayload`,
          { type: 'object', properties: { storeId: { type: 'string' } }, required: ['storeId'] },
        ]),
      ),
    },
  },
} as OpenApiDocument;

describe('the client validators module', () => {
  const source = emitClientValidatorsModule(widgets);

  it('carries bodies, queries and responses as table entries, and no path or header schema', () => {
    expect(source).not.toMatch(/from '@amazon-pay-ts\/types'|from 'zod/);
    expect(source).toContain("['o', { cursor: ['s'] }], // 0\n");
    expect(source).toContain("['o', { widgets: ['a', 2] }], // 1 WidgetList");
    expect(source).toContain("['o', { name: ['s'] }], // 2 Widget");
    expect(source).toContain("['v'], // 3");
    expect(source).toContain('listWidgets: { query: 0, response: 1 },');
    expect(source).toContain('createWidget: { body: 2, bodyRequired: true, response: 2 },');
    expect(source).toContain('deleteWidget: { response: 3 },');
    expect(source).toContain('checkout: 4,');
    expect(source).not.toMatch(/x-amz-pay|widgetId|minLength/);
  });

  it('fails on a spec without the button payload schemas the client checks', () => {
    const { CheckoutButtonPayload: _dropped, ...schemas } = widgets.components!.schemas!;
    expect(() => emitClientValidatorsModule({ ...widgets, components: { schemas } })).toThrow(
      /no CheckoutButtonPayload schema/,
    );
  });
});

describe('markPure', () => {
  it('marks every zod call and RegExp construction, and leaves string literals alone', () => {
    expect(markPure('z.optional(z.string().check(z.regex(new RegExp("^z.x(\\\\d)$"))))')).toBe(
      '/* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/* @__PURE__ */ new RegExp("^z.x(\\\\d)$"))))',
    );
    expect(markPure('z.looseObject({ "z.enum(": z.enum(["z.a("]) })')).toBe(
      '/* @__PURE__ */ z.looseObject({ "z.enum(": /* @__PURE__ */ z.enum(["z.a("]) })',
    );
  });
});
