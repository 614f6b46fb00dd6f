// Emits webhooks.ts: the zod schemas of every OpenAPI 3.1 `webhooks` entry (requests Amazon sends
// to the merchant), keyed by webhook name, for receivers that validate what they are sent.
import { deref, type MediaTypeObject, type OpenApiDocument, type PathItemObject } from './document.js';
import { generatedHeader } from './header.js';
import { propertyKey, schemaConstName, type ZodExpressionContext, zodExpression } from './zod-expression.js';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function bodySchemaOf(content: Record<string, MediaTypeObject> | undefined) {
  if (content === undefined) return undefined;
  const entries = Object.entries(content);
  // SNS sends JSON text as text/plain: any JSON-ish entry describes the parsed body.
  const json = entries.find(([type]) => type === 'application/json' || type.endsWith('+json'));
  return (json ?? entries[0])?.[1].schema;
}

export function emitWebhooksModule(document: OpenApiDocument): string {
  const declared = new Set(Object.keys(document.components?.schemas ?? {}));
  const referenced = new Set<string>();
  const ctx: ZodExpressionContext = { document, declared, referenced };
  const webhooks = (document.webhooks ?? {}) as Record<string, PathItemObject & { $ref?: string }>;
  const entries: string[] = [];
  for (const [name, raw] of Object.entries(webhooks)) {
    const pathItem = deref(document, raw);
    for (const method of methods) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      const requestBody = operation.requestBody ? deref(document, operation.requestBody) : undefined;
      const body = bodySchemaOf(requestBody?.content);
      const contentTypes = Object.keys(requestBody?.content ?? {});
      const lines = [
        `name: ${JSON.stringify(name)}`,
        `operationId: ${JSON.stringify(operation.operationId ?? name)}`,
        `method: ${JSON.stringify(method.toUpperCase())}`,
        `contentTypes: ${JSON.stringify(contentTypes)}`,
        `body: ${body === undefined ? 'z.unknown()' : zodExpression(body, ctx, 2)}`,
      ];
      entries.push(`  ${propertyKey(name)}: {\n${lines.map((line) => `    ${line},`).join('\n')}\n  },`);
    }
  }
  const imports = [...referenced].map(schemaConstName).sort();
  const importLines = ["import * as z from 'zod/mini';"];
  if (imports.length > 0) {
    importLines.push(`import {\n${imports.map((item) => `  ${item},`).join('\n')}\n} from './zod.js';`);
  }
  return `${generatedHeader}${importLines.join('\n')}

/** A request the API provider sends to the merchant (an OpenAPI 3.1 webhook). */
export interface WebhookSchema {
  readonly name: string;
  readonly operationId: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
  /** Content types the spec lists for the body, in spec order. */
  readonly contentTypes: readonly string[];
  /** The parsed body. */
  readonly body: z.ZodMiniType;
}

/** Operation, content types and body validator of every webhook (notification) of the spec, by name. */
export const webhookSchemas = {
${entries.join('\n')}
} as const satisfies Record<string, WebhookSchema>;

/** The name of a webhook of the spec. */
export type WebhookName = keyof typeof webhookSchemas;
`;
}
