/**
 * The zod 4 (`zod/mini`) validators generated from the OpenAPI spec (`pnpm generate`): a
 * `<Name>Schema` per component schema, `operationSchemas` and `webhookSchemas`. zod is an optional
 * peer dependency of this package: install it (`npm i zod`) to use this entry point.
 *
 * @module @amazon-pay-ts/types/zod
 */
export { type OperationSchema, operationSchemas } from './generated/operations.js';
export { type WebhookName, type WebhookSchema, webhookSchemas } from './generated/webhooks.js';
export * from './generated/zod.js';
