import { DateTimeInputSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { datesToWire } from '../src/dates.js';
import { OPERATION_ROUTES } from '../src/fetch.js';
import {
  type AmazonPayClient,
  AmazonPayRequestValidationError,
  type ClientOperationId,
  type RequestInput,
} from '../src/index.js';
import { validBodies } from './support/bodies.js';
import { testClient } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let client: AmazonPayClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await testClient(server.url, { validateResponses: 'off', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

type Node = { _zod: { def: Record<string, unknown> & { type: string } } };

/** Date-time paths found independently of the generator: where the body's zod schema uses DateTimeInputSchema. */
function zodDateTimePaths(schema: unknown, path: string[] = [], found = new Set<string>()): Set<string> {
  const node = schema as Node;
  if (schema === DateTimeInputSchema) {
    found.add(path.join('.'));
    return found;
  }
  const def = node._zod.def;
  const inner = (def.innerType ??
    (def.type === 'lazy' ? (def.getter as () => unknown)() : undefined)) as unknown;
  if (inner) return zodDateTimePaths(inner, path, found);
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>))
      zodDateTimePaths(value, [...path, key], found);
  }
  if (def.type === 'array') zodDateTimePaths(def.element, [...path, '[]'], found);
  if (def.type === 'union')
    for (const option of def.options as unknown[]) zodDateTimePaths(option, path, found);
  if (def.type === 'intersection') {
    zodDateTimePaths(def.left, path, found);
    zodDateTimePaths(def.right, path, found);
  }
  return found;
}

const operationIds = Object.keys(OPERATION_ROUTES) as ClientOperationId[];
const moment = new Date('2022-12-25T15:06:30.789Z');

describe('Date wherever the spec has a date-time', () => {
  it('the generated routes list every date-time field of every request body and query', () => {
    for (const operationId of operationIds) {
      const route = OPERATION_ROUTES[operationId];
      const schemas = operationSchemas[operationId];
      const expected =
        route.input === 'body'
          ? zodDateTimePaths(schemas.body as z.ZodMiniType)
          : new Set(
              Object.entries((schemas.query as unknown as Node)._zod.def.shape as Record<string, unknown>)
                .filter(([, value]) => zodDateTimePaths(value).size > 0)
                .map(([name]) => name),
            );
      expect(new Set(route.dateTimes), operationId).toEqual(expected);
    }
    // The places the issue names, for the reader.
    expect(OPERATION_ROUTES.createReport.dateTimes).toEqual(['startTime', 'endTime']);
    expect(OPERATION_ROUTES.getReports.dateTimes).toEqual(['createdSince', 'createdUntil']);
  });

  it('every body date-time takes a Date and sends YYYYMMDDTHHMMSSZ, leaving the caller’s object alone', async () => {
    const withDates = operationIds.filter(
      (id) => OPERATION_ROUTES[id].input === 'body' && OPERATION_ROUTES[id].dateTimes.length,
    );
    expect(withDates.length).toBeGreaterThanOrEqual(4);
    for (const operationId of withDates) {
      const route = OPERATION_ROUTES[operationId];
      const body = structuredClone(validBodies[operationId as keyof typeof validBodies] ?? {}) as Record<
        string,
        unknown
      >;
      const topLevel = route.dateTimes.filter((path) => !path.includes('.'));
      for (const field of topLevel) body[field] = moment;
      server.requests.length = 0;
      const method = client[operationId as 'createReport'] as (...args: unknown[]) => Promise<unknown>;
      await method.call(client, ...route.pathParams.map(() => 'id-1'), body);
      const sent = JSON.parse(server.requests[0]!.body) as Record<string, unknown>;
      for (const field of topLevel) {
        expect(sent[field], `${operationId}.${field}`).toBe('20221225T150630Z');
        expect(body[field]).toBe(moment);
      }
    }
  });

  it('query date-times take a Date too', async () => {
    await client.getReports({ createdSince: moment });
    await client.getDisbursements({ startTime: moment, endTime: new Date('2023-01-01T00:00:00Z') });
    expect(server.requests[0]!.query.get('createdSince')).toBe('20221225T150630Z');
    expect(server.requests[1]!.query.get('endTime')).toBe('20230101T000000Z');
  });

  it('an invalid Date is refused before sending, naming the field', async () => {
    const error = await client
      .createReport({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: new Date('not a date'),
        endTime: moment,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
    expect((error as Error).message).toContain('startTime: is an invalid Date');
    expect(server.requests).toHaveLength(0);
  });

  it('converts nested paths and array items', () => {
    const body = { a: { when: moment, other: 1 }, list: [{ at: moment }, { at: 'x' }] };
    const { body: wire, issues } = datesToWire(body, ['a.when', 'list.[].at', 'missing.path']);
    expect(issues).toEqual([]);
    expect(wire).toEqual({
      a: { when: '20221225T150630Z', other: 1 },
      list: [{ at: '20221225T150630Z' }, { at: 'x' }],
    });
    expect(body.a.when).toBe(moment);
    expect(datesToWire({ list: [{ at: new Date(Number.NaN) }] }, ['list.[].at']).issues).toEqual([
      { path: 'list[0].at', message: 'is an invalid Date' },
    ]);
  });

  it('types accept Date exactly at the date-times', () => {
    expectTypeOf<RequestInput<'createReport'>['startTime']>().toEqualTypeOf<string | Date>();
    expectTypeOf<RequestInput<'createReportSchedule'>['nextReportCreationTime']>().toEqualTypeOf<
      string | Date
    >();
    expectTypeOf<RequestInput<'createReport'>['reportType']>().not.toExtend<Date>();
    expectTypeOf<RequestInput<'createDispute'>['filingTimestamp']>().toExtend<Date | string | number>();
    expectTypeOf<Date>().toExtend<RequestInput<'createDispute'>['filingTimestamp']>();
  });
});
