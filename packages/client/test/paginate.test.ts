/**
 * `client.paginate` (issue 22 item 2): every list with a `nextToken` in the spec, walked page by page
 * through the typed methods' pipeline. A page is requested only when the consumer needs it, so a
 * `break` sends nothing more; the call options (signal, deadline, retries) hold for every page; a
 * later Get Reports page is asked for with the token alone, as Amazon documents, on every door.
 */
import type { GetReportsResponse } from '@amazon-pay-ts/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AmazonPayAbortError,
  AmazonPayMalformedResponseError,
  AmazonPayRequestValidationError,
  AmazonPayServiceError,
  type Disbursement,
  type InStoreClient,
  type PageItem,
  type Paginator,
  type Report,
  WebStoreClient,
} from '../src/index.js';
import { testClient } from './support/client.js';
import type { RecordedRequest, ScriptedResponse } from './support/server.js';
import { useTestServer } from './support/server.js';

const report = (reportId: string) => ({
  reportId,
  reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
  processingStatus: 'COMPLETED',
});

/** Three pages of reports: r1 r2 → r3 r4 → r5, keyed by the token asked for. */
const reportPages: Record<string, ScriptedResponse> = {
  '': { body: { reports: [report('r1'), report('r2')], nextToken: 'token-2' } },
  'token-2': { body: { reports: [report('r3'), report('r4')], nextToken: 'token-3' } },
  'token-3': { body: { reports: [report('r5')], nextToken: null } },
};

const disbursement = (settlementId: string) => ({ settlementId, amount: '10.00', currencyCode: 'USD' });
const disbursementPages: Record<string, ScriptedResponse> = {
  '': { body: { disbursements: [disbursement('d1')], nextToken: 'next-d2' } },
  'next-d2': { body: { disbursements: [disbursement('d2')] } },
};

const server = useTestServer((request: RecordedRequest) => {
  const token = request.query.get('nextToken') ?? '';
  const pages = request.path.endsWith('/disbursements') ? disbursementPages : reportPages;
  return pages[token] ?? { status: 400, body: { reasonCode: 'InvalidParameterValue', message: token } };
});

const client = (config = {}) => testClient(server.url, { validateResponses: 'off', ...config });
const ids = (items: { reportId?: string | null }[]) => items.map((item) => item.reportId);

describe('client.paginate', () => {
  it('walks every page: the items in order, a later Get Reports page with the token alone', async () => {
    const reports: Report[] = [];
    for await (const item of (await client()).paginate.getReports({
      pageSize: 2,
      processingStatuses: ['COMPLETED'],
    })) {
      reports.push(item);
    }
    expect(ids(reports)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(server.requests.map((request) => request.rawUrl)).toEqual([
      '/sandbox/v2/reports?pageSize=2&processingStatuses=COMPLETED',
      '/sandbox/v2/reports?nextToken=token-2',
      '/sandbox/v2/reports?nextToken=token-3',
    ]);
  });

  it('sends a later Get Disbursements page with the first page’s query and the token', async () => {
    const query = { startTime: new Date('2026-10-01T00:00:00Z'), endTime: '20261031T235959Z', pageSize: 1 };
    const paginator = (await client()).paginate.getDisbursements(query);
    const settlements: (string | null | undefined)[] = [];
    for await (const item of paginator) settlements.push(item.settlementId);
    expect(settlements).toEqual(['d1', 'd2']);
    const second = server.requests[1]!.query;
    expect(Object.fromEntries(second)).toEqual({
      startTime: '20261001T000000Z',
      endTime: '20261031T235959Z',
      pageSize: '1',
      nextToken: 'next-d2',
    });
  });

  it('break sends no further request', async () => {
    const paginator = (await client()).paginate.getReports();
    for await (const item of paginator) {
      expect(item.reportId).toBe('r1');
      break;
    }
    expect(server.requests).toHaveLength(1);
    const firstThree: string[] = [];
    for await (const item of paginator) {
      firstThree.push(item.reportId);
      if (firstThree.length === 3) break;
    }
    // Iterating again starts from the first page; the third item needed the second page, no more.
    expect(firstThree).toEqual(['r1', 'r2', 'r3']);
    expect(server.requests).toHaveLength(3);
  });

  it('pages() yields the pages whole', async () => {
    const pages: GetReportsResponse[] = [];
    for await (const page of (await client()).paginate.getReports().pages()) pages.push(page);
    expect(pages.map((page) => [ids(page.reports), page.nextToken])).toEqual([
      [['r1', 'r2'], 'token-2'],
      [['r3', 'r4'], 'token-3'],
      [['r5'], null],
    ]);
  });

  it('an abort between pages stops the walk before the next request', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = async () => {
      for await (const item of (await client()).paginate.getReports({}, { signal: controller.signal })) {
        seen.push(item.reportId);
        if (seen.length === 2) controller.abort(new Error('the user left'));
      }
    };
    const error = await walk().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AmazonPayAbortError);
    expect(seen).toEqual(['r1', 'r2']);
    expect(server.requests).toHaveLength(1);
  });

  it('an abort while a page is in flight rejects the walk at once', async () => {
    const controller = new AbortController();
    server.enqueue(reportPages['']!, { ...reportPages['token-2']!, delayMs: 5_000 });
    const iterator = (await client()).paginate
      .getReports({}, { signal: controller.signal })
      [Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const third = iterator.next();
    setTimeout(() => controller.abort(), 50);
    await expect(third).rejects.toBeInstanceOf(AmazonPayAbortError);
    expect(server.requests).toHaveLength(2);
  });

  it('the call options hold for every page: maxRetries: 0 on a 503 of page two', async () => {
    server.enqueue(reportPages['']!, {
      status: 503,
      body: { reasonCode: 'ServiceUnavailable', message: 'busy' },
    });
    const walk = async () => {
      for await (const _ of (await client({ maxRetries: 3 })).paginate.getReports({}, { maxRetries: 0 })) {
        // consume
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(AmazonPayServiceError);
    expect(server.requests).toHaveLength(2);
  });

  it('a token that comes back again ends the walk instead of looping', async () => {
    const looping = { body: { reports: [report('r1')], nextToken: 'again' } };
    server.enqueue(looping, looping);
    const walk = async () => {
      for await (const _ of (await client()).paginate.getReports().pages()) {
        // consume
      }
    };
    const error = await walk().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AmazonPayMalformedResponseError);
    expect((error as AmazonPayMalformedResponseError).issues[0]?.path).toBe('nextToken');
    expect(server.requests).toHaveLength(2);
  });

  it('is typed from the spec', async () => {
    const webStore = await client();
    expectTypeOf(webStore.paginate.getReports()).toEqualTypeOf<Paginator<'getReports'>>();
    expectTypeOf<PageItem<'getReports'>>().toEqualTypeOf<Report>();
    expectTypeOf<PageItem<'getDisbursements'>>().toEqualTypeOf<Disbursement>();
    expectTypeOf(webStore.paginate.getReports().pages()).toEqualTypeOf<
      AsyncGenerator<GetReportsResponse, void, undefined>
    >();
    expect(webStore).toBeInstanceOf(WebStoreClient);
    const typeErrors = (inStore: InStoreClient) => {
      // @ts-expect-error in-store clients have no paged lists
      void inStore.paginate;
      // @ts-expect-error getReportSchedules does not page (no nextToken in the spec)
      void webStore.paginate.getReportSchedules();
      // @ts-expect-error the query is still the operation's
      void webStore.paginate.getReports({ pageSize: 'ten' });
    };
    expect(typeof typeErrors).toBe('function');
  });
});

describe('a Get Reports token goes alone, on every door', () => {
  const doors = {
    'typed method': async () => (await client()).getReports({ nextToken: 'token-2', pageSize: 5 }),
    withResponse: async () => (await client()).withResponse.getReports({ nextToken: 'token-2', pageSize: 5 }),
    'client.api': async () =>
      (await client()).api.GET('/v2/reports', { params: { query: { nextToken: 'token-2', pageSize: 5 } } }),
    paginate: async () => {
      for await (const _ of (await client()).paginate.getReports({ nextToken: 'token-2', pageSize: 5 })) {
        // consume
      }
    },
  };
  it.each(Object.entries(doors))(
    '%s refuses nextToken with another parameter before sending',
    async (_door, call) => {
      const error = await call().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(AmazonPayRequestValidationError);
      expect((error as AmazonPayRequestValidationError).issues).toEqual([
        { path: 'pageSize', message: 'must not be sent with nextToken: getReports takes the token alone' },
      ]);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('a walk may start from a token of an earlier walk', async () => {
    const resumed: string[] = [];
    for await (const item of (await client()).paginate.getReports({ nextToken: 'token-3' }))
      resumed.push(item.reportId);
    expect(resumed).toEqual(['r5']);
  });
});
