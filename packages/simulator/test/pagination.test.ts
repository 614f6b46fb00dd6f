/**
 * The paged lists (Get Reports, Get Disbursements) served page by page as Amazon documents them:
 * `pageSize` items per page and a `nextToken` while more remain. A Get Reports token comes back as
 * the only query parameter (Amazon's reference); a Get Disbursements token may come with the first
 * page's query (Amazon's PHP and Java SDK samples send it so). Tokens are opaque and carry the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readySession, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const SANDBOX_SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function createReports(count: number): Promise<string[]> {
  const ids: string[] = [];
  const now = world.sim.clock.now().getTime();
  for (let i = 0; i < count; i++) {
    const { reportId } = await world.client.createReport({
      reportType: SANDBOX_SETTLEMENT,
      startTime: new Date(now - 2 * DAY),
      endTime: new Date(now - DAY),
    });
    ids.push(reportId);
  }
  return ids;
}

type ReportsPage = { reports: { reportId: string }[]; nextToken: string | null };

describe('Get Reports pages', () => {
  let since: Date;
  let recent: string[];
  beforeAll(async () => {
    await createReports(4);
    world.sim.clock.advance(HOUR);
    since = new Date(world.sim.clock.now().getTime() - 1000);
    recent = await createReports(12);
  });

  it('answers pageSize reports and a token; the token alone reads on with the same filters', async () => {
    const created = `createdSince=${encodeURIComponent(since.toISOString())}`;
    const first = await signedFetch(world, `/v2/reports?${created}&pageSize=5`);
    expect(first.status).toBe(200);
    const pages = [first.json as unknown as ReportsPage];
    while (pages.at(-1)!.nextToken) {
      const token = encodeURIComponent(pages.at(-1)!.nextToken!);
      const next = await signedFetch(world, `/v2/reports?nextToken=${token}`);
      expect(next.status, JSON.stringify(next.json)).toBe(200);
      pages.push(next.json as unknown as ReportsPage);
    }
    expect(pages.map((page) => page.reports.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((page) => page.reports.map((report) => report.reportId))).toEqual(recent);
    expect(pages.at(-1)!.nextToken).toBeNull();
  });

  it('defaults to 10 per page, as Amazon documents', async () => {
    const first = await signedFetch(world, '/v2/reports');
    const page = first.json as unknown as ReportsPage;
    expect(page.reports).toHaveLength(10);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('refuses a token sent with another query parameter, and a token it did not issue', async () => {
    const first = (await signedFetch(world, '/v2/reports?pageSize=2')).json as unknown as ReportsPage;
    const token = encodeURIComponent(first.nextToken!);
    const mixed = await signedFetch(world, `/v2/reports?nextToken=${token}&pageSize=2`);
    expect(mixed.status).toBe(400);
    expect(mixed.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(mixed.json.message)).toContain("'pageSize'");
    const forged = await signedFetch(world, '/v2/reports?nextToken=S0MEOTHERTOKEN');
    expect(forged.status).toBe(400);
    expect(forged.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(forged.json.message)).toContain("'nextToken'");
  });

  it('walks through the client’s paginate: every report once, one request per page', async () => {
    const before = world.responses.length;
    const seen: string[] = [];
    for await (const report of world.client.paginate.getReports({ createdSince: since, pageSize: 5 })) {
      seen.push(report.reportId);
    }
    expect(seen).toEqual(recent);
    expect(world.responses.length - before).toBe(3);
  });
});

describe('Get Disbursements pages', () => {
  let start: Date;
  let end: Date;
  beforeAll(async () => {
    start = new Date(world.sim.clock.now().getTime() - 1000);
    // One capture on each of four simulated days: four disbursements.
    for (let day = 0; day < 4; day++) {
      const id = await readySession(world, { amount: '10.00', paymentIntent: 'AuthorizeWithCapture' });
      await world.client.completeCheckoutSession(id, {
        chargeAmount: { amount: '10.00', currencyCode: 'USD' },
      });
      world.sim.clock.advance(DAY);
    }
    end = world.sim.clock.now();
  });

  const range = () =>
    `startTime=${encodeURIComponent(start.toISOString())}&endTime=${encodeURIComponent(end.toISOString())}`;

  it('pages with the token alone or with the first page’s query, and an empty token reads the first page', async () => {
    const first = await signedFetch(world, `/v2/disbursements?${range()}&pageSize=3&nextToken=`);
    const page = first.json as { disbursements: unknown[]; nextToken: string | null };
    expect(page.disbursements).toHaveLength(3);
    const token = encodeURIComponent(page.nextToken!);
    const alone = await signedFetch(world, `/v2/disbursements?nextToken=${token}`);
    const withQuery = await signedFetch(world, `/v2/disbursements?${range()}&pageSize=3&nextToken=${token}`);
    for (const next of [alone, withQuery]) {
      expect(next.status).toBe(200);
      expect(next.json).toMatchObject({ nextToken: null });
      expect((next.json as { disbursements: unknown[] }).disbursements).toHaveLength(1);
    }
  });

  it('refuses a token with a query other than the one it was issued for', async () => {
    const first = await signedFetch(world, `/v2/disbursements?${range()}&pageSize=1`);
    const token = encodeURIComponent(String(first.json.nextToken));
    const other = await signedFetch(world, `/v2/disbursements?${range()}&pageSize=2&nextToken=${token}`);
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(other.json.message)).toContain("'pageSize'");
  });

  it('walks through the client’s paginate, page by page', async () => {
    const pages: number[] = [];
    const query = { startTime: start, endTime: end, pageSize: 1 };
    for await (const page of world.client.paginate.getDisbursements(query).pages()) {
      pages.push(page.disbursements.length);
    }
    expect(pages).toEqual([1, 1, 1, 1]);
  });
});
