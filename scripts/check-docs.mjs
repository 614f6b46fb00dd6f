// After `typedoc`: every result type the client exports (generated/operation-results.ts) has its own
// API-reference page listing its fields, not a one-line alias (`ResponseBody<'createRefund'>`).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = resolve(root, process.argv[2] ?? 'openapi/dist/typescript');
const results = readFileSync(join(root, 'packages/client/src/generated/operation-results.ts'), 'utf8');
const names = [...results.matchAll(/^export type (\w+) =/gm)].map((match) => match[1]);
if (names.length === 0) throw new Error('check-docs: no result types found in operation-results.ts');

const missing = [];
for (const name of names) {
  const page = join(out, 'interfaces', `_amazon-pay-ts_client._amazon-pay-ts_client.${name}.html`);
  // An interface page with fields has a Properties section and one member panel per field.
  const html = existsSync(page) ? readFileSync(page, 'utf8') : '';
  if (!html.includes('id="properties"') || !html.includes('class="tsd-panel tsd-member"')) missing.push(name);
}
if (missing.length > 0) {
  console.error(`check-docs: no API-reference page with fields for ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`check-docs: ${names.length} result types each have a page with their fields`);
