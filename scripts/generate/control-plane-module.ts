// Emits the simulator's control plane files (packages/simulator/src/generated/control-plane/) from
// openapi/simulator-control.yaml: the same document, types, zod validators and operations table as
// the Amazon Pay spec gets (the simulator routes and validates control requests with them), and
// `client-methods.ts`, one typed method per operation for the control plane client.
import { isDeepStrictEqual } from 'node:util';
import { deref, listOperations, type OpenApiDocument, schemaRefsIn } from './document.js';
import { generatedHeader } from './header.js';
import { emitOpenApiModule } from './openapi-module.js';
import { emitOperationIdsModule, emitOperationsModule, mergedParameters } from './operations-module.js';
import { emitTypesModule } from './types-module.js';
import { emitZodModule } from './zod-module.js';

/** The control plane's generated files say where they come from. */
export const controlPlaneHeader = generatedHeader.replace(
  'openapi/amazon-pay.yaml',
  'openapi/simulator-control.yaml',
);

const retitle = (text: string) => text.replace(generatedHeader, controlPlaneHeader);

function camel(name: string): string {
  return name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

/** The package whose generated modules type and validate the Amazon Pay spec's schemas. */
const typesPackage = '@amazon-pay-ts/types';

/**
 * The control document's component schemas that the Amazon Pay spec has too (its `$ref`s into
 * amazon-pay.yaml's schemas, bundled in): equal to the API document's, and referencing only such.
 */
export function sharedSchemaNames(document: OpenApiDocument, apiDocument: OpenApiDocument): Set<string> {
  const schemas = document.components?.schemas ?? {};
  const apiSchemas = apiDocument.components?.schemas ?? {};
  const shared = new Set(
    Object.keys(schemas).filter((name) => isDeepStrictEqual(schemas[name], apiSchemas[name])),
  );
  let changed = true;
  while (changed) {
    changed = false;
    for (const name of shared) {
      if (schemaRefsIn(schemas[name]).some((dep) => !shared.has(dep))) {
        shared.delete(name);
        changed = true;
      }
    }
  }
  return shared;
}

/**
 * Splits the shared schemas into those the control plane's own parts reference (`roots`, imported
 * from the types package) and the rest, which the generated types and validators can leave out.
 */
function splitShared(document: OpenApiDocument, shared: ReadonlySet<string>) {
  const schemas = document.components?.schemas ?? {};
  const own = Object.fromEntries(Object.entries(schemas).filter(([name]) => !shared.has(name)));
  const roots = new Set(
    schemaRefsIn({ ...document, components: { ...document.components, schemas: own } }).filter((name) =>
      shared.has(name),
    ),
  );
  const trimmed: OpenApiDocument = {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(
        Object.entries(schemas).filter(([name]) => !shared.has(name) || roots.has(name)),
      ),
    },
  };
  return { roots, trimmed };
}

/**
 * File name → contents of packages/simulator/src/generated/control-plane/. Schemas shared with the
 * Amazon Pay spec (`apiDocument`) are imported from @amazon-pay-ts/types, not generated again.
 */
export async function generateControlPlaneFiles(
  document: OpenApiDocument,
  apiDocument: OpenApiDocument,
): Promise<Record<string, string>> {
  const shared = sharedSchemaNames(document, apiDocument);
  const { roots, trimmed } = splitShared(document, shared);
  return {
    'openapi.ts': retitle(emitOpenApiModule(document, { names: shared, from: typesPackage })),
    'schema.ts': retitle(
      await emitTypesModule(trimmed, { names: roots, from: typesPackage, alias: 'AmazonPayComponents' }),
    ),
    'zod.ts': retitle(emitZodModule(trimmed, { names: roots, from: `${typesPackage}/zod` })),
    'operation-ids.ts': retitle(emitOperationIdsModule(document)),
    'operations.ts': retitle(emitOperationsModule(document)),
    'client-methods.ts': emitControlPlaneClientMethods(document),
  };
}

/**
 * `controlPlaneRoutes` (method, path, path parameters, query names, body per operation, plain data)
 * and `ControlPlaneMethods`, whose methods take the path parameters in path order, then the body (if
 * any), then the query (if any), and resolve with the success body — `createControlPlaneClient` binds
 * them to one `call` function.
 */
export function emitControlPlaneClientMethods(document: OpenApiDocument): string {
  const routes: string[] = [];
  const signatures: string[] = [];
  const bindings: string[] = [];
  for (const entry of listOperations(document)) {
    const { operation, method, path } = entry;
    const id = operation.operationId!;
    const parameters = mergedParameters(document, entry);
    const pathParams = parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const query = parameters.filter((p) => p.in === 'query');
    const body = operation.requestBody ? deref(document, operation.requestBody) : undefined;
    const successStatus = Object.keys(operation.responses ?? {}).find((s) => /^2\d\d$/.test(s))!;
    const success = deref(document, operation.responses![successStatus]!);
    const op = `operations[${JSON.stringify(id)}]`;
    const result =
      success.content === undefined
        ? 'void'
        : `${op}['responses'][${successStatus}]['content']['application/json']`;
    const args = pathParams.map((name) => `${camel(name)}: string`);
    const callArgs = [
      pathParams.length === 0
        ? '{}'
        : `{ ${pathParams.map((name) => `${JSON.stringify(name)}: ${camel(name)}`).join(', ')} }`,
    ];
    if (body) {
      const type = `NonNullable<${op}['requestBody']>['content']['application/json']`;
      args.push(body.required ? `body: ${type}` : `body?: ${type}`);
      callArgs.push('body');
    } else {
      callArgs.push('undefined');
    }
    if (query.length > 0) {
      const optional = query.every((p) => !p.required);
      args.push(`query${optional ? '?' : ''}: ${op}['parameters']['query']`);
      callArgs.push('query');
    }
    const summary = (operation as { summary?: string }).summary;
    routes.push(
      `  ${id}: { method: ${JSON.stringify(method.toUpperCase())}, path: ${JSON.stringify(path)}, hasBody: ${body !== undefined} },`,
    );
    signatures.push(
      `${summary ? `  /** ${summary}. */\n` : ''}  ${id}(${args.join(', ')}): Promise<${result}>;`,
    );
    bindings.push(
      `    ${id}: (${args.map((a) => a.replace(/\??:.*$/, '')).join(', ')}) => call(${JSON.stringify(id)}, ${callArgs.join(', ')}) as Promise<${result}>,`,
    );
  }
  return `${controlPlaneHeader}import type { operations } from './schema.js';

/** Method and path template of every control plane operation, and whether it takes a JSON body. */
export const controlPlaneRoutes = {
${routes.join('\n')}
} as const;

/** A control plane operationId, e.g. \`approveCheckoutSession\`. */
export type ControlPlaneOperationId = keyof typeof controlPlaneRoutes;

/** Sends one operation: path parameters by name, the JSON body, the query; resolves with the success body. */
export type ControlPlaneCall = (
  operationId: ControlPlaneOperationId,
  pathParams: Record<string, string>,
  body: unknown,
  query?: Record<string, string | undefined>,
) => Promise<unknown>;

/** One method per control plane operation (openapi/simulator-control.yaml). */
export interface ControlPlaneMethods {
${signatures.join('\n')}
}

/** The methods, each a one-line call into \`call\`. */
export function controlPlaneMethods(call: ControlPlaneCall): ControlPlaneMethods {
  return {
${bindings.join('\n')}
  };
}
`;
}
