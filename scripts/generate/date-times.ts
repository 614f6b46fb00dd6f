// Where an operation's input holds a date-time, so the client can take a `Date` there and send
// Amazon's `YYYYMMDDTHHMMSSZ`. Read from the spec, never listed by hand: a new date-time field in a
// request body or query becomes a `Date`-accepting field with the next `pnpm generate`.
import {
  isSchemaObject,
  type JsonSchema,
  type OpenApiDocument,
  resolvePointer,
  schemaRefName,
} from './document.js';

/**
 * The spec's request date-time: the `DateTimeInput` component (ISO 8601 basic or extended, what the
 * official SDKs send; no `format: date-time`, which would refuse the basic form) or any schema with
 * `format: date-time`. A schema whose `anyOf`/`oneOf` admits one (a date-time or an epoch number)
 * counts too.
 */
export const DATE_TIME_COMPONENT = 'DateTimeInput';

function isDateTime(document: OpenApiDocument, schema: JsonSchema | undefined, seen: Set<string>): boolean {
  if (!isSchemaObject(schema)) return false;
  if (schema.$ref !== undefined) {
    const name = schemaRefName(schema.$ref);
    if (name === DATE_TIME_COMPONENT) return true;
    if (seen.has(schema.$ref)) return false;
    return isDateTime(
      document,
      resolvePointer(document, schema.$ref) as JsonSchema,
      new Set([...seen, schema.$ref]),
    );
  }
  if (schema.format === 'date-time') return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((member) =>
    isDateTime(document, member, seen),
  );
}

/**
 * Dotted paths of the date-time fields under a request schema (`startTime`,
 * `statusDetails.closureTimestamp`; `[]` is an array's items, as in `evidences.[].submittedAt`),
 * in document order without repeats.
 */
export function dateTimePaths(document: OpenApiDocument, schema: JsonSchema | undefined): string[] {
  const found: string[] = [];
  const walk = (node: JsonSchema | undefined, path: string[], seen: Set<string>): void => {
    if (!isSchemaObject(node)) return;
    if (path.length > 0 && isDateTime(document, node, new Set())) {
      const joined = path.join('.');
      if (!found.includes(joined)) found.push(joined);
      return;
    }
    if (node.$ref !== undefined) {
      if (seen.has(node.$ref)) return;
      walk(resolvePointer(document, node.$ref) as JsonSchema, path, new Set([...seen, node.$ref]));
      return;
    }
    for (const [name, property] of Object.entries(node.properties ?? {}))
      walk(property, [...path, name], seen);
    if (node.items !== undefined) walk(node.items, [...path, '[]'], seen);
    for (const member of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
      walk(member, path, seen);
    }
  };
  walk(schema, [], new Set());
  return found;
}

/** Whether a query parameter's schema is a date-time. */
export function isDateTimeParameter(document: OpenApiDocument, schema: JsonSchema | undefined): boolean {
  return isDateTime(document, schema, new Set());
}
