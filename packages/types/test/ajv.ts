// An ajv instance over the published openapi.json, as a consumer of the spec would build one:
// default options, the standard formats, and the spec's vendor keywords declared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fixturesDir } from './fixtures.js';

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const documentId = 'https://amazon-pay-ts.invalid/openapi.json';

interface BundledDocument {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

export const bundled: BundledDocument = JSON.parse(
  readFileSync(join(fixturesDir, '../../src/generated/openapi.json'), 'utf8'),
);

/** Component references become `$defs` references of one schema document ajv can load. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string'
        ? child.replace('#/components/schemas/', `${documentId}#/$defs/`)
        : rewriteRefs(child),
    ]),
  );
}

/** Decimal places of a JSON number as written in JSON (shortest round-trip form). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

export function createSpecAjv(): Ajv2020 {
  const ajv = new Ajv2020();
  addFormats(ajv);
  // Without this declaration ajv's default strict mode refuses the unknown keyword; with it, the
  // rule is checked on the number's decimal digits, never with floating-point division.
  ajv.addKeyword({
    keyword: 'x-decimal-places',
    type: 'number',
    schemaType: 'number',
    validate: (places: number, data: number) => decimalPlaces(data) <= places,
  });
  // An annotation (currency -> decimals) for code that knows the sibling currencyCode.
  ajv.addKeyword({ keyword: 'x-currency-decimals', schemaType: 'object' });
  ajv.addSchema({ $id: documentId, $defs: rewriteRefs(bundled.components.schemas) as object });
  return ajv;
}

export function componentValidator(ajv: Ajv2020, name: string): ValidateFunction {
  return ajv.compile({ $ref: `${documentId}#/$defs/${name}` });
}

/** The JSON request body schema of an operation, with references into the loaded document. */
export function requestBodyValidator(ajv: Ajv2020, operationId: string): ValidateFunction | undefined {
  for (const item of Object.values(bundled.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId !== operationId) continue;
      const body = operation.requestBody as
        | { content?: Record<string, { schema?: unknown }> }
        | { $ref: string }
        | undefined;
      const schema = body && 'content' in body ? body.content?.['application/json']?.schema : undefined;
      return schema === undefined ? undefined : ajv.compile(rewriteRefs(schema) as object);
    }
  }
  return undefined;
}
