import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSpec } from './bundle.js';
import { generateFiles } from './index.js';
import { type GeneratedTestModules, generateTestModules, testSpecPath, typeErrors } from './test-support.js';

let generated: GeneratedTestModules;
beforeAll(async () => {
  generated = await generateTestModules();
}, 60_000);
afterAll(() => generated?.cleanup());

interface ParseResult {
  success: boolean;
  data?: unknown;
}
type Parser = { safeParse(value: unknown): ParseResult };
function operation(id: string) {
  const found = generated.operations.operationSchemas[id];
  if (found === undefined) throw new Error(`no operation ${id}`);
  return found as Record<string, unknown> & {
    pathParams: Parser;
    query: Parser;
    headers: Parser;
    body: Parser | undefined;
    response: Parser;
  };
}

describe('generated operation map', () => {
  it('lists every operation with its upper-case method, path and success status', () => {
    const summary = Object.fromEntries(
      generated.operationIds.map((id) => {
        const { method, path, successStatus, bodyRequired } = operation(id);
        return [id, `${method} ${path} ${successStatus} ${bodyRequired ? 'body' : '-'}`];
      }),
    );
    expect(summary).toEqual({
      listWidgets: 'GET /v2/widgets 200 -',
      createWidget: 'POST /v2/widgets 201 body',
      getWidget: 'GET /v2/widgets/{widgetId} 200 -',
      deleteWidget: 'DELETE /v2/widgets/{widgetId} 200 -',
      updateWidget: 'PATCH /v2/widgets/{widgetId} 200 -',
      closeWidget: 'DELETE /v2/widgets/{widgetId}/close 200 body',
    });
  });

  it('uses the component schemas for bodies and responses, inline schemas otherwise', () => {
    expect(operation('createWidget').body).toBe(generated.zod.CreateWidgetRequestSchema);
    expect(operation('createWidget').response).toBe(generated.zod.WidgetSchema);
    expect(operation('getWidget').body).toBeUndefined();
    expect(operation('updateWidget').body?.safeParse({ note: 'x' }).success).toBe(true);
    expect(operation('updateWidget').body?.safeParse({ note: 1 }).success).toBe(false);
    expect(operation('closeWidget').body?.safeParse({}).success).toBe(false);
    // No response content: nothing to validate.
    expect(operation('deleteWidget').response.safeParse(undefined).success).toBe(true);
  });

  it('merges path-level parameters into each operation', () => {
    for (const id of ['getWidget', 'updateWidget', 'deleteWidget', 'closeWidget']) {
      expect(operation(id).pathParams.safeParse({ widgetId: 'W-1' }).success, id).toBe(true);
      expect(operation(id).pathParams.safeParse({ widgetId: '' }).success, id).toBe(false);
      expect(operation(id).pathParams.safeParse({}).success, id).toBe(false);
    }
  });

  it('parses query values from their string form', () => {
    const { query } = operation('listWidgets');
    expect(query.safeParse({ states: 'Open,Closed', pageSize: '25' }).data).toEqual({
      states: ['Open', 'Closed'],
      pageSize: 25,
    });
    expect(query.safeParse({ states: ['Open'], pageSize: 25 }).success).toBe(true);
    expect(query.safeParse({}).success).toBe(true);
    expect(query.safeParse({ states: 'Open,Ajar' }).success).toBe(false);
    expect(query.safeParse({ pageSize: '0' }).success).toBe(false);
    expect(query.safeParse({ pageSize: 'ten' }).success).toBe(false);
  });

  it('names headers in lower case, requires the required ones and lets others through', () => {
    const { headers } = operation('createWidget');
    expect(headers.safeParse({}).success).toBe(false);
    const result = headers.safeParse({
      'x-amz-pay-idempotency-key': 'key-1',
      'x-amz-pay-date': '20211215T152829Z',
    });
    expect(result.data).toEqual({
      'x-amz-pay-idempotency-key': 'key-1',
      'x-amz-pay-date': '20211215T152829Z',
    });
    expect(headers.safeParse({ 'x-amz-pay-idempotency-key': 'k'.repeat(33) }).success).toBe(false);
    expect(operation('getWidget').headers.safeParse({}).success).toBe(true);
  });
});

describe('generated TypeScript', () => {
  it('types open enums as known values plus any other string', () => {
    const types = generated.files['schema.ts']!;
    expect(types).toContain('state: components["schemas"]["WidgetState"] | (string & {});');
    expect(types).toContain('reasonCode?: components["schemas"]["WidgetState"] | (string & {}) | null;');
    expect(types).toContain('currencyCode: components["schemas"]["CurrencyCode"];');
  });

  it('writes an alias per component schema', () => {
    const names = Object.keys(generated.document.components?.schemas ?? {});
    for (const name of names) {
      expect(generated.files['aliases.ts']).toContain(
        `export type ${name} = components['schemas']['${name}'];`,
      );
    }
  });

  it('lists the operationIds in operation-ids.ts, in spec order, without importing zod', () => {
    expect(generated.operationIds).toEqual(Object.keys(generated.operations.operationSchemas));
    expect(generated.files['operation-ids.ts']).not.toMatch(/^import /m);
  });

  it('typechecks under the repo compiler settings', () => {
    expect(
      typeErrors(generated.dir, [
        'schema.ts',
        'aliases.ts',
        'zod.ts',
        'operation-ids.ts',
        'operations.ts',
        'openapi.ts',
      ]),
    ).toEqual([]);
  }, 60_000);

  it('starts every file with the regenerate note and is deterministic', async () => {
    for (const [name, source] of Object.entries(generated.files)) {
      if (name.endsWith('.json')) expect(JSON.parse(source)['x-generated'], name).toMatch(/pnpm generate/);
      else expect(source.startsWith('// Generated by scripts/generate'), name).toBe(true);
    }
    expect(await generateFiles(bundleSpec(testSpecPath))).toEqual(generated.files);
  }, 60_000);
});
