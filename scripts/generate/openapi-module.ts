// Emits openapi.json (the bundle itself, for other tools) and openapi.ts, the same document as a
// typed constant: importing a .ts module works alike under tsc builds, vitest and tsx, where JSON
// imports need per-tool attributes.
import type { OpenApiDocument } from './document.js';
import { generatedHeader, generatedJsonNote } from './header.js';

export function emitBundleJson(document: OpenApiDocument): string {
  return `${JSON.stringify({ 'x-generated': generatedJsonNote, ...document }, null, 2)}\n`;
}

export function emitOpenApiModule(document: OpenApiDocument): string {
  return `${generatedHeader}
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
export const openapiDocument: OpenApiDocumentObject = ${JSON.stringify(document, null, 2)};
`;
}
