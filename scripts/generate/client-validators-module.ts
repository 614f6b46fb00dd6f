// Emits the client's operation-validators.ts: per operation only what the client validates (the
// request body and query before the network, the success body after) and the button payloads, as
// one compact schema table (compact-schema.ts) that packages/client/src/schema-table.ts interprets.
// The client bundle carries no schema runtime; the zod schemas stay in @amazon-pay-ts/types for
// merchants and the simulator, generated from the same document by the same rules.
import { addEntry, createSchemaTable, objectSource, schemaNode } from './compact-schema.js';
import { deref, listOperations, type OpenApiDocument } from './document.js';
import { generatedHeader } from './header.js';
import { jsonSchemaOf, mergedParameters } from './operations-module.js';
import { propertyKey } from './zod-expression.js';

/** The client's button kinds (button-payload.ts) and the spec's payload schema of each. */
const buttonPayloads = {
  checkout: 'CheckoutButtonPayload',
  recurring: 'RecurringButtonPayload',
  paymentMethodOnFile: 'PaymentMethodOnFileButtonPayload',
  additionalPayment: 'AdditionalPaymentButtonPayload',
  signIn: 'SignInButtonPayload',
};

/** The source of the client's generated/operation-validators.ts. */
export function emitClientValidatorsModule(document: OpenApiDocument): string {
  const table = createSchemaTable(document);
  const entries: string[] = [];

  for (const entry of listOperations(document)) {
    const { operation } = entry;
    const operationId = operation.operationId!;
    const successStatus = Object.keys(operation.responses ?? {})
      .filter((status) => /^2\d\d$/.test(status))
      .sort()[0];
    if (successStatus === undefined) throw new Error(`${operationId} documents no 2xx response`);
    const success = deref(document, operation.responses![successStatus]!);
    const responseSchema = jsonSchemaOf(success.content);
    const requestBody = operation.requestBody ? deref(document, operation.requestBody) : undefined;
    const bodySchema = requestBody ? jsonSchemaOf(requestBody.content) : undefined;
    const parameters = mergedParameters(document, entry);
    const node = (source: string) => (/^\d+$/.test(source) ? Number(source) : addEntry(table, source));

    const fields: string[] = [];
    if (bodySchema !== undefined) fields.push(`body: ${node(schemaNode(bodySchema, { table }))}`);
    if (requestBody?.required === true) fields.push('bodyRequired: true');
    // Only operations without a body take a query from the methods (see client-methods-module.ts).
    const query = parameters.filter((parameter) => parameter.in === 'query');
    if (requestBody === undefined && query.length > 0) {
      const properties = query.map((parameter): [string, string] => {
        const explode = parameter.explode ?? (parameter.style === undefined || parameter.style === 'form');
        return [parameter.name, schemaNode(parameter.schema, { table, coerce: { explodeArrays: explode } })];
      });
      const required = query.filter((parameter) => parameter.required === true).map(({ name }) => name);
      fields.push(`query: ${node(objectSource(properties, required))}`);
    }
    // A success without content (204, Update Merchant Account) has no body: the result is undefined.
    const response = success.content === undefined ? "['v']" : schemaNode(responseSchema, { table });
    fields.push(`response: ${node(response)}`);
    entries.push(`  ${propertyKey(operationId)}: { ${fields.join(', ')} },`);
  }

  const buttons = Object.entries(buttonPayloads).map(([kind, component]) => {
    if (!document.components?.schemas || !(component in document.components.schemas)) {
      throw new Error(`The spec has no ${component} schema for the client's button payload check`);
    }
    return `  ${kind}: ${schemaNode({ $ref: `#/components/schemas/${component}` }, { table })},`;
  });

  const names = new Map([...table.components].map(([name, index]) => [index, name]));
  const nodes = table.entries.map((source, index) => {
    const name = names.get(index);
    return `  ${source}, // ${index}${name ? ` ${name}` : ''}`;
  });
  return `${generatedHeader}import type { ButtonKind } from '../button-payload.js';
import type { ClientOperationId } from '../operations.js';
import type { SchemaNode } from '../schema-table.js';
import type { OperationValidators } from '../validation.js';

/**
 * The schemas the client checks, as plain data (see schema-table.ts): one entry per component
 * schema it reaches and per inline body, query or response; a number is a reference to an entry.
 */
export const SCHEMA_NODES: readonly SchemaNode[] = [
${nodes.join('\n')}
];

/**
 * What the client validates per operation, by operationId (entries of SCHEMA_NODES): the request
 * body and query before the network, the success body after.
 */
export const OPERATION_VALIDATORS: { readonly [K in ClientOperationId]: OperationValidators } = {
${entries.join('\n')}
};

/** The spec's payload schema of each kind of button (entries of SCHEMA_NODES). */
export const BUTTON_PAYLOAD_NODES: { readonly [K in ButtonKind]: number } = {
${buttons.join('\n')}
};
`;
}
