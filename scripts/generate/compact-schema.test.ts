import { describe, expect, it } from 'vitest';
import { createSchemaTable, schemaNode } from './compact-schema.js';
import type { JsonSchema, OpenApiDocument } from './document.js';

const document = {
  openapi: '3.1.0',
  components: {
    schemas: {
      State: { type: 'string', enum: ['Open', 'Closed'] },
      Node: {
        type: 'object',
        properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
    },
  },
} as OpenApiDocument;

const nodeOf = (schema: JsonSchema, coerce?: { explodeArrays: boolean }) => {
  const table = createSchemaTable(document);
  return { node: schemaNode(schema, { table, coerce }), entries: table.entries };
};

describe('schemaNode', () => {
  it('writes strings with their length, pattern and format, trailing absences dropped', () => {
    expect(nodeOf({ type: 'string' }).node).toBe("['s']");
    expect(nodeOf({ type: 'string', maxLength: 16, pattern: '^\\d+$' }).node).toBe(
      `['s', 0, 16, "^\\\\d+$"]`,
    );
    expect(nodeOf({ type: 'string', format: 'uri' }).node).toBe(`['s', 0, null, null, "url"]`);
    expect(() => nodeOf({ type: 'string', format: 'uuid' })).toThrow(/format uuid/);
  });

  it('writes number checks, x-decimal-places as a multiple, and coercion for query values', () => {
    expect(nodeOf({ type: 'number', minimum: 0, 'x-decimal-places': 2 }).node).toBe(
      "['n', 0, '>=', 0, '%', 0.01]",
    );
    expect(nodeOf({ type: 'integer', maximum: 100 }, { explodeArrays: true }).node).toBe(
      "['n', 3, '<=', 100]",
    );
    expect(() => nodeOf({ type: 'number', 'x-decimal-places': -1 })).toThrow(/x-decimal-places/);
  });

  it('writes an open enum as any string and a closed one as its values', () => {
    const open = { anyOf: [{ $ref: '#/components/schemas/State' }, { type: 'string' }, { type: 'null' }] };
    expect(nodeOf(open as JsonSchema).node).toBe("['?', ['s']]");
    const closed = nodeOf({ $ref: '#/components/schemas/State' });
    expect(closed.node).toBe('0');
    expect(closed.entries).toEqual(['[\'e\', "Open", "Closed"]']);
  });

  it('writes objects loose, strict or with a catchall, and recursion as a reference to itself', () => {
    expect(nodeOf({ type: 'object', properties: { a: { type: 'boolean' } }, required: ['a'] }).node).toBe(
      "['o', { a: ['b'] }, [\"a\"]]",
    );
    expect(
      nodeOf({ type: 'object', properties: { a: { type: 'null' } }, additionalProperties: false }).node,
    ).toBe("['o', { a: ['l'] }, [], false]");
    expect(nodeOf({ type: 'object', additionalProperties: { type: 'string' } }).node).toBe("['r', ['s']]");
    expect(nodeOf({ $ref: '#/components/schemas/Node' }).entries).toEqual(["['o', { children: ['a', 0] }]"]);
  });
});
