// Loads the payload fixtures (test/fixtures/<resource>/<operationId>.<request|response>[.N].json)
// and builds the mutated copies the tests feed to the generated schemas.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixtureNamePattern =
  /^(?<operationId>[A-Za-z]+)\.(?<kind>request|response)(?:\.(?<n>\d+))?\.json$/;

export interface Fixture {
  /** `<resource>/<file>`, for test names and failure messages. */
  name: string;
  resource: string;
  operationId: string;
  kind: 'request' | 'response';
  payload: unknown;
}

export function jsonFileNames(): string[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(fixturesDir, dir.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => `${dir.name}/${file}`),
    )
    .sort();
}

export function loadFixtures(): Fixture[] {
  return jsonFileNames().flatMap((name) => {
    const [resource, file] = name.split('/') as [string, string];
    const groups = fixtureNamePattern.exec(file)?.groups;
    if (groups === undefined) return [];
    const payload: unknown = JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));
    return [
      { name, resource, operationId: groups.operationId!, kind: groups.kind as Fixture['kind'], payload },
    ];
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy with an extra, unknown property on every object at every depth. */
export function withUnknownFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUnknownFields);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = withUnknownFields(child);
  copy.fieldAmazonAddedLater = { nested: ['value', 1, null], flag: true };
  return copy;
}

/**
 * A copy where every property named `key` whose value passes `select` is replaced by
 * `replacement`, and how many were replaced.
 */
export function replaceProperties(
  value: unknown,
  key: string,
  select: (current: unknown) => boolean,
  replacement: unknown,
): { value: unknown; count: number } {
  let count = 0;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isPlainObject(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(node)) {
      if (name === key && select(child)) {
        count += 1;
        copy[name] = structuredClone(replacement);
      } else {
        copy[name] = visit(child);
      }
    }
    return copy;
  };
  return { value: visit(value), count };
}

/**
 * One copy per property named `key` whose value passes `select`, with only that property replaced,
 * labelled with its dotted path.
 */
export function replaceEachProperty(
  value: unknown,
  key: string,
  select: (current: unknown) => boolean,
  replacement: unknown,
): Array<{ path: string; value: unknown }> {
  const paths: Array<Array<string | number>> = [];
  const find = (node: unknown, path: Array<string | number>): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) find(item, [...path, index]);
    } else if (isPlainObject(node)) {
      for (const [name, child] of Object.entries(node)) {
        if (name === key && select(child)) paths.push([...path, name]);
        else find(child, [...path, name]);
      }
    }
  };
  find(value, []);
  return paths.map((path) => {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    let node = copy;
    for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
    node[path.at(-1)!] = structuredClone(replacement);
    return { path: path.join('.'), value: copy };
  });
}

/**
 * A copy with `null` at a dotted path (`statusDetails.reasons`, `paymentPreferences.0.x`); missing
 * parent objects are created, missing arrays are left alone (returns undefined then).
 */
export function withNullAt(value: unknown, path: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const segments = path.split('.');
  let node: unknown = copy;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (Array.isArray(node)) {
      if (node.length === 0) return undefined;
      if (last) node[Number(segment)] = null;
      else node = node[Number(segment)];
      continue;
    }
    if (!isPlainObject(node)) return undefined;
    if (last) {
      node[segment] = null;
    } else {
      if (node[segment] === undefined || node[segment] === null) {
        if (/^\d+$/.test(segments[index + 1]!)) return undefined;
        node[segment] = {};
      }
      node = node[segment];
    }
  }
  return copy;
}
