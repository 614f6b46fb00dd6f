import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { controlPlaneRoutes } from '../src/generated/control-plane/client-methods.js';

// The README's control plane table names every operation of openapi/simulator-control.yaml with its
// method and path, so the two cannot drift.
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const table = readme.slice(
  readme.indexOf('<!-- control-plane:start -->'),
  readme.indexOf('<!-- control-plane:end -->'),
);

describe('README control plane table', () => {
  it('lists every operation of the document, with its method and path', () => {
    const rows = new Map(
      [...table.matchAll(/^\| `(\w+) ([^`?]+)(?:\?[^`]*)?` +\| `(\w+)` +\|/gm)].map((m) => [
        m[3]!,
        `${m[1]} ${m[2]}`,
      ]),
    );
    const expected = Object.entries(controlPlaneRoutes).map(([id, route]) => [
      id,
      `${route.method} ${route.path.replace('{checkoutSessionId}', '{id}')}`,
    ]);
    expect([...rows]).toEqual(expected);
  });
});
