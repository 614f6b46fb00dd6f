// Emits schema.ts with openapi-typescript (paths, components, operations). Its one gap for this
// spec is the open-enum convention: `anyOf: [{$ref: Enum}, {type: string}]` collapses to `string`
// in TypeScript. We mark those schemas first and let the `transform` hook write
// `components['schemas']['Enum'] | (string & {})`, which keeps editor completion for known values.
import openapiTS, { astToString, NULL, type OpenAPI3, oapiRef, STRING } from 'openapi-typescript';
import ts from 'typescript';
import { isSchemaObject, type OpenApiDocument, openEnumOf } from './document.js';
import { generatedHeader } from './header.js';

const openEnumMarker = 'x-generator-open-enum';
const externalMarker = 'x-generator-external';

/**
 * Component schemas another generated module already types: each is written as an alias of that
 * module's `components['schemas'][Name]` (imported as `alias` from `from`) instead of a copy.
 */
export interface ExternalSchemas {
  names: ReadonlySet<string>;
  from: string;
  alias: string;
}

/** A copy of the document where each open enum reads `{type: string, x-generator-open-enum: Name}`. */
function markOpenEnums(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isSchemaObject(node as never)) return;
    const record = node as Record<string, unknown>;
    const openEnum = openEnumOf(document, record);
    if (openEnum !== undefined) {
      delete record.anyOf;
      record.type = openEnum.nullable ? ['string', 'null'] : 'string';
      record[openEnumMarker] = openEnum.enumName;
      return;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(copy);
  return copy;
}

function openEnumType(enumName: string, nullable: boolean): ts.TypeNode {
  const anyOtherString = ts.factory.createParenthesizedType(
    ts.factory.createIntersectionTypeNode([STRING, ts.factory.createTypeLiteralNode([])]),
  );
  const members = [oapiRef(`#/components/schemas/${enumName}`), anyOtherString];
  if (nullable) members.push(NULL);
  return ts.factory.createUnionTypeNode(members);
}

/** A copy of the document where each external component schema is only a marker naming it. */
function markExternal(document: OpenApiDocument, external: ExternalSchemas | undefined): OpenApiDocument {
  if (external === undefined) return document;
  const copy = structuredClone(document);
  const schemas = copy.components?.schemas ?? {};
  for (const name of external.names) schemas[name] = { [externalMarker]: name } as never;
  return copy;
}

function externalType(alias: string, name: string): ts.TypeNode {
  const literal = (text: string) => ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(text));
  return ts.factory.createIndexedAccessTypeNode(
    ts.factory.createIndexedAccessTypeNode(ts.factory.createTypeReferenceNode(alias), literal('schemas')),
    literal(name),
  );
}

export async function emitTypesModule(
  document: OpenApiDocument,
  external?: ExternalSchemas,
): Promise<string> {
  const ast = await openapiTS(markOpenEnums(markExternal(document, external)) as unknown as OpenAPI3, {
    // A default is what Amazon assumes when a field is left out, so the field stays optional to callers.
    defaultNonNullable: false,
    transform(schemaObject) {
      const externalName = (schemaObject as Record<string, unknown>)[externalMarker];
      if (typeof externalName === 'string' && external !== undefined) {
        return externalType(external.alias, externalName);
      }
      const enumName = (schemaObject as Record<string, unknown>)[openEnumMarker];
      if (typeof enumName !== 'string') return undefined;
      const type = schemaObject.type;
      return openEnumType(enumName, Array.isArray(type) && type.includes('null'));
    },
  });
  const importLine =
    external === undefined || external.names.size === 0
      ? ''
      : `import type { components as ${external.alias} } from '${external.from}';\n\n`;
  return `${generatedHeader}${importLine}${documentRoots(astToString(ast))}`;
}

/** openapi-typescript leaves its root interfaces without doc comments; the API reference wants one each. */
const rootDocs: Record<string, string> = {
  paths: 'Every path of the spec, by path template, with its operations by HTTP method.',
  webhooks: 'Every webhook (notification) of the spec, by name.',
  components: 'The reusable parts of the spec; `components["schemas"]` holds every schema, by name.',
  $defs: 'JSON Schema `$defs` of the spec (none).',
  operations: 'Every operation of the spec, by operationId: parameters, request body and responses.',
};

function documentRoots(source: string): string {
  return source.replace(/^export (interface|type) (\$?\w+)\b/gm, (line, _kind: string, name: string) =>
    name in rootDocs ? `/** ${rootDocs[name]} */\n${line}` : line,
  );
}
