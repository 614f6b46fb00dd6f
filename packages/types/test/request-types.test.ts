import { describe, expectTypeOf, it } from 'vitest';
import type { CreateReportScheduleRequest } from '../src/index.js';

describe('request types', () => {
  it('leave fields with a spec default optional, since Amazon applies the default', () => {
    const body: CreateReportScheduleRequest = {
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
      scheduleFrequency: 'P1D',
      nextReportCreationTime: '20261128T000000Z',
    };
    expectTypeOf(body.deleteExistingSchedule).toEqualTypeOf<boolean | undefined>();
  });
});
