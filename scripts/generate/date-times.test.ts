import { describe, expect, it } from 'vitest';
import { dateTimePaths, isDateTimeParameter } from './date-times.js';
import type { JsonSchema, OpenApiDocument } from './document.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      DateTimeInput: { type: 'string', pattern: '^\\d{8}T\\d{6}Z$' },
      Moment: { anyOf: [{ $ref: '#/components/schemas/DateTimeInput' }, { type: 'integer' }] },
      Evidence: {
        type: 'object',
        properties: { submittedAt: { $ref: '#/components/schemas/Moment' }, note: { type: 'string' } },
      },
      Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } },
    },
  },
};

describe('dateTimePaths', () => {
  it('finds date-times by the DateTimeInput component, format date-time, through refs, unions, arrays and allOf', () => {
    const body: JsonSchema = {
      allOf: [
        {
          type: 'object',
          properties: {
            startTime: { $ref: '#/components/schemas/DateTimeInput' },
            name: { type: 'string' },
            created: { type: 'string', format: 'date-time' },
            evidences: { type: 'array', items: { $ref: '#/components/schemas/Evidence' } },
            node: { $ref: '#/components/schemas/Node' },
          },
        },
        { type: 'object', properties: { startTime: { $ref: '#/components/schemas/DateTimeInput' } } },
      ],
    };
    expect(dateTimePaths(document, body)).toEqual(['startTime', 'created', 'evidences.[].submittedAt']);
  });

  it('recognises a date-time query parameter and nothing else', () => {
    expect(isDateTimeParameter(document, { $ref: '#/components/schemas/DateTimeInput' })).toBe(true);
    expect(isDateTimeParameter(document, { type: 'string' })).toBe(false);
    expect(dateTimePaths(document, { type: 'string' })).toEqual([]);
  });
});
