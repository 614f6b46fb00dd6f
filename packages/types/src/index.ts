/**
 * Types of the Amazon Pay API v2 generated from the OpenAPI spec (`pnpm generate`): `paths`,
 * `components`, `operations`, a type per schema, the operationIds and the bundled spec. Nothing
 * here needs zod; the zod validators are in `@amazon-pay-ts/types/zod`.
 *
 * @module @amazon-pay-ts/types
 */
export * from './generated/aliases.js';
export { type OpenApiDocumentObject, openapiDocument } from './generated/openapi.js';
export { type OperationId, operationIds } from './generated/operation-ids.js';
export type { components, operations, paths, webhooks } from './generated/schema.js';
