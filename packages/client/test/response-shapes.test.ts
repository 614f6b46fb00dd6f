// Responses whose shape Amazon's sources disagree on, or that have no body (issue 10): the client
// returns one typed result either way, in strict validation mode.

import type { ReportSchedule } from '@amazon-pay-ts/types';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { testClient } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const schedule = {
  reportScheduleId: '68973459224',
  reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
  scheduleFrequency: 'P1D',
  nextReportCreationTime: '20221118T150630Z',
};

describe('getReportScheduleById', () => {
  it('returns the schedule when Amazon wraps it (docs sample) and when it sends it bare (Node.js SDK test)', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ status: 200, body: { reportSchedules: [schedule] } }, { status: 200, body: schedule });
    const wrapped = await client.getReportScheduleById('68973459224');
    const bare = await client.getReportScheduleById('68973459224');
    expect(wrapped).toEqual(schedule);
    expect(bare).toEqual(schedule);
    expectTypeOf(wrapped).toEqualTypeOf<ReportSchedule>();
  });

  it('reports a wrapper that does not hold exactly one schedule', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ status: 200, body: { reportSchedules: [schedule, schedule] } });
    await expect(client.getReportScheduleById('68973459224')).rejects.toMatchObject({
      name: 'AmazonPayResponseValidationError',
    });
  });
});

describe('answers without a body', () => {
  it('updateAmazonPayAccount (204) and deleteAmazonPayAccount (202) resolve to undefined', async () => {
    const client = await testClient(server.url, { validateResponses: 'strict' });
    server.enqueue({ status: 204 }, { status: 202 });
    const updated = await client.updateAmazonPayAccount('A1B2C3D4E5F6G7', {
      businessInfo: { email: 'ops@merchant.example' },
    } as never);
    const deleted = await client.withResponse.deleteAmazonPayAccount('A1B2C3D4E5F6G7');
    expect(updated).toBeUndefined();
    expect(deleted.data).toBeUndefined();
    expect(deleted.metadata.status).toBe(202);
    expectTypeOf(updated).toEqualTypeOf<undefined>();
  });
});
