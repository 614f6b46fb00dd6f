// Emits zod.ts: one `export const <Name>Schema` per component schema, dependencies first.
import {
  identifierFor,
  isSchemaObject,
  type JsonSchema,
  type OpenApiDocument,
  schemaRefsIn,
} from './document.js';
import { generatedHeader } from './header.js';
import { markPure, schemaConstName, zodExpression } from './zod-expression.js';
import { zodType } from './zod-type.js';

export interface ComponentOrder {
  /** Component names, each after every component it references (except within a cycle). */
  order: string[];
  /** Components that take part in a reference cycle (including self-references). */
  cyclic: Set<string>;
}

/**
 * Tarjan's strongly connected components over the reference graph. Its output lists each
 * component after its dependencies; walking nodes and edges in document order keeps it stable.
 */
export function orderComponents(schemas: Record<string, JsonSchema>): ComponentOrder {
  const names = Object.keys(schemas);
  const edges = new Map(
    names.map((name) => [name, schemaRefsIn(schemas[name]).filter((dep) => dep in schemas)]),
  );
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order: string[] = [];
  const cyclic = new Set<string>();
  let counter = 0;

  const connect = (name: string): void => {
    index.set(name, counter);
    lowLink.set(name, counter);
    counter += 1;
    stack.push(name);
    onStack.add(name);
    for (const dep of edges.get(name) ?? []) {
      if (!index.has(dep)) {
        connect(dep);
        lowLink.set(name, Math.min(lowLink.get(name)!, lowLink.get(dep)!));
      } else if (onStack.has(dep)) {
        lowLink.set(name, Math.min(lowLink.get(name)!, index.get(dep)!));
      }
    }
    if (lowLink.get(name) !== index.get(name)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.unshift(member);
    } while (member !== name);
    if (component.length > 1 || edges.get(name)?.includes(name)) {
      for (const cycleMember of component) cyclic.add(cycleMember);
    }
    order.push(...component);
  };

  for (const name of names) if (!index.has(name)) connect(name);
  return { order, cyclic };
}

/** A string literal in the single quotes the rest of the repo uses. */
function quoted(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

function docComment(schema: JsonSchema | undefined): string {
  if (!isSchemaObject(schema) || typeof schema.description !== 'string') return '';
  const lines = schema.description.trim().replaceAll('*/', '*\\/').split('\n');
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((line) => ` *${line === '' ? '' : ` ${line}`}`).join('\n')}\n */\n`;
}

// zod/mini carries no messages (issues would all read "Invalid input"); English ones unless the
// application configured a locale of its own. Only the English locale ends up in a bundle.
const englishMessages = 'if (z.config().localeError === undefined) z.config(en());\n';

/**
 * `external`: component schemas whose validators another generated module already exports; they are
 * imported from `from` and re-exported, not written again.
 */
export function emitZodModule(
  document: OpenApiDocument,
  external?: { names: ReadonlySet<string>; from: string },
): string {
  const schemas = document.components?.schemas ?? {};
  const { order, cyclic } = orderComponents(schemas);
  const declared = new Set<string>(external?.names);
  const blocks: string[] = [];
  for (const name of order) {
    if (declared.has(name)) continue;
    const source = zodExpression(schemas[name], { document, declared, referenced: new Set() });
    const expression = markPure(source);
    // A schema in a cycle cannot infer its own type, so it borrows the one openapi-typescript wrote.
    // The others spell out their zod type, referencing other schemas by name (see zod-type.ts).
    const annotation = cyclic.has(name)
      ? `: z.ZodMiniType<components['schemas'][${quoted(name)}]>`
      : `: ${zodType(source)}`;
    blocks.push(
      `${docComment(schemas[name])}export const ${schemaConstName(name)}${annotation} = ${expression};\n`,
    );
    declared.add(name);
  }
  const imports = ["import { en } from 'zod/locales';", "import * as z from 'zod/mini';"];
  if (cyclic.size > 0) imports.push("import type { components } from './schema.js';");
  if (external !== undefined && external.names.size > 0) {
    const names = [...external.names].map(schemaConstName).sort().join(', ');
    imports.push(`import { ${names} } from '${external.from}';`, '', `export { ${names} };`);
  }
  return `${generatedHeader}${imports.join('\n')}\n\n${englishMessages}\n${blocks.join('\n')}`;
}

/** Friendly type aliases: `export type CheckoutSession = components['schemas']['CheckoutSession'];`. */
export function emitAliasesModule(document: OpenApiDocument): string {
  const schemas = document.components?.schemas ?? {};
  const lines = Object.keys(schemas).map(
    (name) =>
      `${docComment(schemas[name])}export type ${identifierFor(name)} = components['schemas'][${quoted(name)}];`,
  );
  return `${generatedHeader}import type { components } from './schema.js';\n\n${lines.join('\n')}\n`;
}
