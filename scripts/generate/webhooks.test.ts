import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedTestModules, generateTestModules, typeErrors } from './test-support.js';

type Parser = { safeParse(value: unknown): { success: boolean } };
interface WebhookEntry {
  name: string;
  operationId: string;
  method: string;
  contentTypes: string[];
  body: Parser;
}

let generated: GeneratedTestModules;
let webhookSchemas: Record<string, WebhookEntry>;
beforeAll(async () => {
  generated = await generateTestModules();
  const module = await import(/* @vite-ignore */ pathToFileURL(join(generated.dir, 'webhooks.js')).href);
  webhookSchemas = module.webhookSchemas;
}, 60_000);
afterAll(() => generated?.cleanup());

describe('generated webhook map', () => {
  it('lists each webhook with its method, content types and the component schema of its body', () => {
    const entry = webhookSchemas.widgetShipped!;
    expect({ ...entry, body: undefined }).toEqual({
      name: 'widgetShipped',
      operationId: 'widgetShipped',
      method: 'POST',
      contentTypes: ['text/plain', 'application/json'],
      body: undefined,
    });
    expect(entry.body).toBe(generated.zod.WidgetSchema);
    expect(Object.keys(webhookSchemas)).toEqual(['widgetShipped']);
  });

  it('compiles under the repo strict settings', () => {
    expect(typeErrors(generated.dir, ['webhooks.ts'])).toEqual([]);
  });
});
