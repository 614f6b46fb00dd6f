// Emits openapi.json (the bundle itself, for other tools) and openapi.ts, the same document as a
// typed constant: importing a .ts module works alike under tsc builds, vitest and tsx, where JSON
// imports need per-tool attributes.
import type { OpenApiDocument } from './document.js';
import { generatedHeader, generatedJsonNote } from './header.js';

export function emitBundleJson(document: OpenApiDocument): string {
  return `${JSON.stringify({ 'x-generated': generatedJsonNote, ...document }, null, 2)}\n`;
}

/**
 * `external`: component schemas that the document exported by `from` (as `openapiDocument`) holds
 * identically; the constant takes them from there instead of spelling them out again.
 */
export function emitOpenApiModule(
  document: OpenApiDocument,
  external?: { names: ReadonlySet<string>; from: string },
): string {
  const names = external?.names ?? new Set<string>();
  const marker = (name: string) => `\u0000external:${name}`;
  const literal = JSON.stringify(
    document,
    function (this: unknown, key, value) {
      const schemas = (document.components as { schemas?: unknown } | undefined)?.schemas;
      return this === schemas && names.has(key) ? marker(key) : value;
    },
    2,
  ).replace(/"\\u0000external:([^"]+)"/g, (_, name: string) => `sourceSchemas[${JSON.stringify(name)}]`);
  const imports =
    external === undefined || names.size === 0
      ? ''
      : `import { openapiDocument as sourceDocument } from '${external.from}';

// Schemas this document shares with ${external.from}'s, taken from there rather than copied.
const sourceSchemas: Record<string, unknown> = sourceDocument.components?.schemas ?? {};
`;
  return `${generatedHeader}${imports}
/** The bundled spec, loosely typed: enough to route requests and look operations up by path. */
export interface OpenApiDocumentObject {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string; variables?: Record<string, unknown> }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** The bundled OpenAPI document the types and validators were generated from, as a plain object. */
export const openapiDocument: OpenApiDocumentObject = ${literal};
`;
}
