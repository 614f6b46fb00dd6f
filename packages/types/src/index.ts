// @amazon-pay-ts/types: everything here is generated from the OpenAPI spec by `pnpm generate`.
export * from './generated/aliases.js';
export { type OpenApiDocumentObject, openapiDocument } from './generated/openapi.js';
export {
  type OperationId,
  type OperationSchema,
  operationIds,
  operationSchemas,
} from './generated/operations.js';
export type { components, operations, paths, webhooks } from './generated/schema.js';
export { type WebhookName, type WebhookSchema, webhookSchemas } from './generated/webhooks.js';
export * from './generated/zod.js';
