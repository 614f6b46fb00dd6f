// Emits the client's operation-validators.ts: per operation only what the client validates (the
// request body and query before the network, the success body after), referencing the component
// schemas of @amazon-pay-ts/types by name. The simulator-facing `operationSchemas` (path and header
// schemas too) stays in the types package, so a client bundle does not carry what only a server checks.
import { deref, listOperations, type OpenApiDocument } from './document.js';
import { generatedHeader } from './header.js';
import { jsonSchemaOf, mergedParameters, parametersObject } from './operations-module.js';
import { propertyKey, schemaConstName, type ZodExpressionContext, zodExpression } from './zod-expression.js';

export function emitClientValidatorsModule(document: OpenApiDocument): string {
  const declared = new Set(Object.keys(document.components?.schemas ?? {}));
  const referenced = new Set<string>();
  const ctx: ZodExpressionContext = { document, declared, referenced };
  const entries: string[] = [];
  let usesZod = false;

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

    const fields: string[] = [];
    if (bodySchema !== undefined) fields.push(`body: ${zodExpression(bodySchema, ctx, 2)}`);
    if (requestBody?.required === true) fields.push('bodyRequired: true');
    // Only operations without a body take a query from the methods (see client-methods-module.ts).
    if (requestBody === undefined && parameters.some((parameter) => parameter.in === 'query')) {
      fields.push(`query: ${parametersObject(parameters, 'query', ctx, '    ')}`);
    }
    // A success without content (204, Update Merchant Account) has no body: the result is undefined.
    fields.push(
      `response: ${success.content === undefined ? 'z.undefined()' : responseSchema === undefined ? 'z.unknown()' : zodExpression(responseSchema, ctx, 2)}`,
    );
    const source = `  ${propertyKey(operationId)}: {\n${fields.map((field) => `    ${field},`).join('\n')}\n  },`;
    if (/\bz\./.test(source)) usesZod = true;
    entries.push(source);
  }

  const imports = [...referenced].map(schemaConstName).sort();
  const importLines: string[] = [];
  if (usesZod) importLines.push("import * as z from 'zod/mini';");
  if (imports.length > 0) {
    importLines.push(
      `import {\n${imports.map((name) => `  ${name},`).join('\n')}\n} from '@amazon-pay-ts/types';`,
    );
  }
  importLines.push("import type { ClientOperationId } from '../operations.js';");
  importLines.push("import type { OperationValidators } from '../validation.js';");
  return `${generatedHeader}${importLines.join('\n')}

/**
 * What the client validates per operation, by operationId: the request body and query before the
 * network, the success body after. Annotated rather than inferred, so the declarations stay small.
 */
export const OPERATION_VALIDATORS: { readonly [K in ClientOperationId]: OperationValidators } = {
${entries.join('\n')}
};
`;
}
