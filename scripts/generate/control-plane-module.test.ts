import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openapiDocument as servedDocument } from '../../packages/simulator/src/generated/control-plane/openapi.js';
import { CheckoutSessionSchema as controlCheckoutSession } from '../../packages/simulator/src/generated/control-plane/zod.js';
import { CheckoutSessionSchema } from '../../packages/types/src/generated/zod.js';
import { bundleSpec } from './bundle.js';
import { generateControlPlaneFiles, sharedSchemaNames } from './control-plane-module.js';
import type { OpenApiDocument } from './document.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = (name: string) => bundleSpec(join(repoRoot, 'openapi', name), join(repoRoot, 'redocly.yaml'));

describe('control plane generation', () => {
  const control = bundle('simulator-control.yaml');
  const api = bundle('amazon-pay.yaml');

  it('serves the whole bundled control document, shared schemas included', () => {
    expect(JSON.parse(JSON.stringify(servedDocument))).toEqual(control);
  });

  it('takes the schemas it shares with the API spec from @amazon-pay-ts/types instead of copying them', async () => {
    const shared = sharedSchemaNames(control, api);
    expect(shared).toContain('CheckoutSession');
    expect(shared).not.toContain('Fault'); // the control plane's own
    const files = await generateControlPlaneFiles(control, api);
    expect(files['schema.ts']).toContain(
      'CheckoutSession: AmazonPayComponents["schemas"]["CheckoutSession"];',
    );
    expect(files['schema.ts']).not.toMatch(/^\s+WebCheckoutDetails: \{/m);
    expect(files['zod.ts']).toContain("import { CheckoutSessionSchema } from '@amazon-pay-ts/types/zod';");
    expect(files['zod.ts']).not.toContain('export const WebCheckoutDetailsSchema');
    expect(files['openapi.ts']).toContain('"CheckoutSession": sourceSchemas["CheckoutSession"]');
    expect(controlCheckoutSession).toBe(CheckoutSessionSchema);
  });

  it('keeps a schema of the same name local when it, or a schema it references, differs', () => {
    const schemas = {
      Leaf: { type: 'string' },
      Branch: { type: 'object', properties: { leaf: { $ref: '#/components/schemas/Leaf' } } },
      Same: { type: 'integer' },
    };
    const document = { openapi: '3.1.0', paths: {}, components: { schemas } } as unknown as OpenApiDocument;
    const other = {
      openapi: '3.1.0',
      paths: {},
      components: { schemas: { ...schemas, Leaf: { type: 'number' } } },
    } as unknown as OpenApiDocument;
    expect([...sharedSchemaNames(document, other)]).toEqual(['Same']);
  });
});
