// Rules every part of the published spec keeps, checked over the whole bundled document so a new
// operation or field cannot slip past them: responses accept what Amazon really sends (nulls,
// unknown fields, new enum values), every operation declares the headers Amazon reads and the
// generic error rows from shared components, and no status is declared without a source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundled } from './ajv.js';
import { fixturesDir } from './fixtures.js';

type Schema = { [key: string]: unknown } & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: unknown;
};
interface Operation {
  operationId: string;
  parameters?: { $ref?: string; name?: string; in?: string }[];
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}

const schemas = bundled.components.schemas as Record<string, Schema>;
const components = bundled.components as unknown as {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  parameters: Record<string, { name: string; in: string; required?: boolean }>;
};
const methods = ['get', 'put', 'post', 'delete', 'patch'];
const operations: Operation[] = Object.values(bundled.paths).flatMap((item) =>
  methods.flatMap((method) => (item[method] ? [item[method] as unknown as Operation] : [])),
);
const refName = (ref: string) => ref.split('/').pop()!;
const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(schemas[refName(schema.$ref)]!) : schema);

function allowsNull(schema: Schema): boolean {
  if (schema.$ref) return allowsNull(resolve(schema));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null') || schema.enum?.includes(null)) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(allowsNull);
}

const isEnumRef = (schema: Schema) => schema.$ref !== undefined && Array.isArray(resolve(schema).enum);
const isPlainString = (schema: Schema) => schema.type === 'string' && schema.enum === undefined;

/** Every violation of the response rules under a schema, as `<where>: <what>`. */
function responseViolations(root: Schema, where: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (schema: Schema, at: string): void => {
    if (schema.$ref) {
      const name = refName(schema.$ref);
      const target = schemas[name]!;
      if (Array.isArray(target.enum)) {
        found.push(`${at}: closed enum ${name} (wrap it with a plain string)`);
        return;
      }
      if (seen.has(name)) return;
      seen.add(name);
      visit(target, name);
      return;
    }
    if (Array.isArray(schema.enum)) found.push(`${at}: inline closed enum`);
    for (const key of ['anyOf', 'oneOf'] as const) {
      const members = schema[key] ?? [];
      const open = members.some(isPlainString);
      for (const member of members) {
        if (open && isEnumRef(member)) continue; // `anyOf: [Enum, string]`: an open enum
        visit(member, at);
      }
    }
    for (const member of schema.allOf ?? []) visit(member, at);
    if (schema.items) visit(schema.items, `${at}[]`);
    if (schema.additionalProperties === false) found.push(`${at}: forbids unknown properties`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (!schema.required?.includes(name) && !allowsNull(property))
        found.push(`${at}.${name}: rejects null`);
      visit(property, `${at}.${name}`);
    }
  };
  visit(root, where);
  return found;
}

function successSchemas(operation: Operation): Schema[] {
  return Object.entries(operation.responses)
    .filter(([status]) => /^2\d\d$/.test(status))
    .flatMap(([, response]) => {
      const resolved = response.$ref ? components.responses[refName(response.$ref)]! : response;
      const schema = resolved.content?.['application/json']?.schema;
      return schema ? [schema] : [];
    });
}

describe('every success response', () => {
  it('accepts null for every optional field, unknown fields and enum values Amazon adds', () => {
    const violations = operations.flatMap((operation) =>
      successSchemas(operation).flatMap((schema) => responseViolations(schema, operation.operationId)),
    );
    expect([...new Set(violations)]).toEqual([]);
  });

  it('the rule catches what it is meant to catch', () => {
    const closed: Schema = {
      type: 'object',
      properties: { state: { $ref: '#/components/schemas/CurrencyCode' }, note: { type: 'string' } },
      additionalProperties: false,
    };
    expect(responseViolations(closed, 'Probe')).toEqual([
      'Probe: forbids unknown properties',
      'Probe.state: rejects null',
      'Probe.state: closed enum CurrencyCode (wrap it with a plain string)',
      'Probe.note: rejects null',
    ]);
  });
});

// Amazon's generic error table applies to every operation; each row is one shared component.
const genericRows: Record<string, string> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '408': 'RequestTimeout',
  '429': 'TooManyRequests',
  '500': 'ServerError',
  '503': 'ServiceUnavailable',
  default: 'OtherError',
};

describe('every operation', () => {
  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s declares the generic error rows from the shared responses',
    (_, operation) => {
      for (const [status, component] of Object.entries(genericRows)) {
        expect(operation.responses[status]?.$ref, `${status}`).toBe(`#/components/responses/${component}`);
      }
    },
  );

  it('declares only statuses with a source (no 409 DuplicateSchedule, nothing invented)', () => {
    const sourced = new Set([...Object.keys(genericRows), '200', '201', '202', '204', '303', '422']);
    const declared = operations.flatMap((operation) =>
      Object.keys(operation.responses).map((status) => `${operation.operationId} ${status}`),
    );
    expect(declared.filter((entry) => !sourced.has(entry.split(' ')[1]!))).toEqual([]);
  });

  const sharedHeaders = {
    AmzPayDate: 'x-amz-pay-date',
    AmzPayHost: 'x-amz-pay-host',
    AmzPayRegion: 'x-amz-pay-region',
    Authorization: 'authorization',
    SdkType: 'x-amz-pay-sdk-type',
    SdkVersion: 'x-amz-pay-sdk-version',
    LanguageVersion: 'x-amz-pay-language-version',
    PlatformVersion: 'x-amz-pay-platform-version',
    IntegratorId: 'x-amz-pay-integrator-id',
    IntegratorVersion: 'x-amz-pay-integrator-version',
  };

  it('declares the signed and SDK metadata headers from shared parameters, never required', () => {
    for (const [component, header] of Object.entries(sharedHeaders)) {
      expect(components.parameters[component]).toMatchObject({ name: header, in: 'header', required: false });
    }
    const missing = operations.flatMap((operation) => {
      const refs = new Set((operation.parameters ?? []).map((parameter) => parameter.$ref));
      return Object.keys(sharedHeaders)
        .filter((component) => !refs.has(`#/components/parameters/${component}`))
        .map((component) => `${operation.operationId} ${component}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('fixture sources', () => {
  const folders = readdirSync(fixturesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it.each(folders.map((folder) => folder.name))(
    '%s/SOURCES.md has one line per fixture file, no more',
    (folder) => {
      const files = readdirSync(join(fixturesDir, folder))
        .filter((file) => file.endsWith('.json'))
        .sort();
      const sources = readFileSync(join(fixturesDir, folder, 'SOURCES.md'), 'utf8');
      const listed = [...sources.matchAll(/^- `([^`]+\.json)`: \S+/gm)].map((match) => match[1]!).sort();
      expect(listed).toEqual(files);
    },
  );
});
