import type { Report, ReportDocument, ReportSchedule } from '@amazon-pay-ts/types';
import { amazonTimestamp, parseTimestamp } from '../clock.js';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { formatPrice } from '../money.js';
import { ownRecord, ownRecords } from '../ownership.js';
import { pageOf, pageQuery } from '../page-token.js';
import type { LedgerEntry, Owned } from '../store.js';

/** The query parameters of Get Reports a `nextToken` stands for. */
const REPORT_FILTERS = ['reportTypes', 'processingStatuses', 'createdSince', 'createdUntil', 'pageSize'];

/**
 * Reports: IN_PROGRESS → COMPLETED after REPORT_PROCESSING_MS of simulated time, with a CSV
 * document built from the simulated captures and refunds in the report's time range, or CANCELLED
 * when that range holds none. Schedules
 * create reports when simulated time reaches nextReportCreationTime, then move it on.
 *
 * Reports, their documents and schedules belong to the merchant whose key created them: a report
 * holds only that merchant's transactions, lists hold only its own, and another merchant's id is
 * 404 ResourceNotFound, as for every other object.
 */
export const REPORT_PROCESSING_MS = 30_000;

const SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_';
const SANDBOX_SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';

const FREQUENCY_MS: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  for (const h of [1, 2, 4, 8, 12, 24, 84]) out[`PT${h}H`] = h * 3_600_000;
  for (const m of [5, 15, 30]) out[`PT${m}M`] = m * 60_000;
  for (const d of [1, 2, 3, 7, 14, 15, 18, 30]) out[`P${d}D`] = d * 86_400_000;
  return out;
})();

function typeFilter(type: string): (e: LedgerEntry) => boolean {
  if (type.includes('CAPTURE')) return (e) => e.type === 'Capture';
  if (type.includes('REFUND')) return (e) => e.type === 'Refund';
  return () => true;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function buildCsv(entries: LedgerEntry[]): string {
  const header = [
    'TransactionPostedDate',
    'TransactionType',
    'AmazonTransactionId',
    'ChargePermissionId',
    'ChargeId',
    'SellerReferenceId',
    'Amount',
    'CurrencyCode',
  ];
  const rows = entries.map((e) => {
    const price = formatPrice(e.amount);
    const signed = e.type === 'Refund' ? `-${price.amount}` : price.amount;
    return [
      amazonTimestamp(e.postedAt),
      e.type,
      e.id,
      e.chargePermissionId,
      e.chargeId,
      e.merchantReferenceId ?? '',
      signed,
      price.currencyCode,
    ]
      .map(csvCell)
      .join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

function createReport(
  engine: Engine,
  merchantId: string,
  reportType: string,
  startTime: Date,
  endTime: Date,
): Report {
  const now = engine.now();
  const report: Report = {
    reportId: engine.ids.numericId(11),
    reportType,
    startTime: amazonTimestamp(startTime),
    endTime: amazonTimestamp(endTime),
    createdTime: amazonTimestamp(now),
    processingStatus: 'IN_PROGRESS',
    processingStartTime: amazonTimestamp(now),
    processingEndTime: null,
    reportDocumentId: null,
  };
  engine.store.reports.set(report.reportId, { merchantId, record: report });
  engine.schedule(new Date(now.getTime() + REPORT_PROCESSING_MS), () => {
    const entries = engine.store.ledger.filter(
      (e) =>
        e.merchantId === merchantId &&
        e.postedAt >= startTime &&
        e.postedAt <= endTime &&
        typeFilter(reportType)(e),
    );
    report.processingEndTime = amazonTimestamp(engine.now());
    if (entries.length === 0) {
      // Amazon cancels a report that would have no rows.
      report.processingStatus = 'CANCELLED';
      return;
    }
    const documentId = engine.ids.opaqueId('amzn1.tortuga.4.na.');
    engine.store.reportDocuments.set(documentId, {
      reportDocumentId: documentId,
      reportId: report.reportId,
      merchantId,
      content: buildCsv(entries),
    });
    report.processingStatus = 'COMPLETED';
    report.reportDocumentId = documentId;
  });
  return report;
}

export function reportDocumentContent(engine: Engine, id: string): string | undefined {
  return engine.store.reportDocuments.get(id)?.content;
}

function parseTime(value: unknown, field: string): Date {
  if (typeof value !== 'string') throw ApiError.missingParameter(field);
  const date = parseTimestamp(value);
  if (!date) throw ApiError.invalidParameter(field, value, 'expected YYYYMMDDTHHMMSSZ or ISO 8601');
  return date;
}

function checkRequestable(type: string, env: string) {
  if (type === SETTLEMENT || (type === SANDBOX_SETTLEMENT && env === 'Live')) {
    throw ApiError.invalidParameter(
      'reportType',
      type,
      type === SETTLEMENT
        ? 'settlement reports are created with each settlement and cannot be requested'
        : 'the sandbox settlement report only exists in the Sandbox environment',
    );
  }
}

function scheduleNext(engine: Engine, owned: Owned<ReportSchedule>) {
  const schedule = owned.record;
  const at = parseTimestamp(String(schedule.nextReportCreationTime));
  if (!at) return;
  engine.schedule(at, () => {
    if (engine.store.reportSchedules.get(schedule.reportScheduleId) !== owned) return;
    const period = FREQUENCY_MS[String(schedule.scheduleFrequency)] ?? 86_400_000;
    createReport(engine, owned.merchantId, String(schedule.reportType), new Date(at.getTime() - period), at);
    schedule.nextReportCreationTime = amazonTimestamp(new Date(at.getTime() + period));
    scheduleNext(engine, owned);
  });
}

export const reportHandlers = {
  createReport(ctx) {
    const type = String(ctx.body.reportType);
    checkRequestable(type, ctx.realm.env);
    const start = parseTime(ctx.body.startTime, 'startTime');
    const end = parseTime(ctx.body.endTime, 'endTime');
    if (end < start) throw ApiError.invalidParameter('endTime', ctx.body.endTime, 'it is before startTime');
    const report = createReport(ctx.engine, ctx.merchantId, type, start, end);
    return { reportId: report.reportId };
  },

  getReportById(ctx) {
    return ownRecord(ctx.engine.store.reports, ctx.merchantId, 'Report', ctx.params.reportId);
  },

  getReports(ctx) {
    // Later pages: the token alone, as Amazon's reference says; the token carries the filters.
    const { query, offset } = pageQuery(ctx.query, REPORT_FILTERS, true);
    const types = query.reportTypes?.split(',').filter(Boolean);
    const statuses = query.processingStatuses?.split(',').filter(Boolean);
    const since = query.createdSince ? parseTime(query.createdSince, 'createdSince') : null;
    const until = query.createdUntil ? parseTime(query.createdUntil, 'createdUntil') : null;
    // Amazon's reference: 10 by default, 1 to 100 (the spec refuses other values before this).
    const pageSize = Number(query.pageSize ?? 10);
    const all = ownRecords(ctx.engine.store.reports, ctx.merchantId).filter((r) => {
      const created = parseTimestamp(String(r.createdTime))!;
      return (
        (!types || types.includes(String(r.reportType))) &&
        (!statuses || statuses.includes(String(r.processingStatus))) &&
        (!since || created >= since) &&
        (!until || created <= until)
      );
    });
    const page = pageOf(all, { query, offset }, pageSize);
    return { reports: page.items, nextToken: page.nextToken };
  },

  getReportDocument(ctx) {
    const doc = ctx.engine.store.reportDocuments.get(ctx.params.reportDocumentId);
    if (!doc || doc.merchantId !== ctx.merchantId)
      throw ApiError.notFound('Report document', ctx.params.reportDocumentId);
    const document: ReportDocument = {
      reportDocumentId: doc.reportDocumentId,
      url: `${ctx.engine.baseUrl}/documents/${encodeURIComponent(doc.reportDocumentId)}`,
      // Amazon's reports guide (Downloading reports, step 3): always "N/A", the content is not compressed.
      compressionAlgorithm: 'N/A',
    };
    return document;
  },

  createReportSchedule(ctx) {
    const type = String(ctx.body.reportType);
    checkRequestable(type, ctx.realm.env);
    const next = parseTime(ctx.body.nextReportCreationTime, 'nextReportCreationTime');
    const existing = ownRecords(ctx.engine.store.reportSchedules, ctx.merchantId).find(
      (s) => s.reportType === type,
    );
    if (existing) {
      // Amazon's reference puts deleteExistingSchedule in the query; the official SDKs send it in the body.
      const replace =
        ctx.body.deleteExistingSchedule === true || ctx.query.get('deleteExistingSchedule') === 'true';
      if (!replace) {
        // Amazon allows one schedule per report type and refuses another without
        // deleteExistingSchedule, but publishes neither status nor reason code for it: 400
        // InvalidRequest (a row of its generic error table) is the simulator's choice, unverified.
        throw new ApiError(
          400,
          'InvalidRequest',
          `A schedule for ${type} already exists (${String(existing.reportScheduleId)}); only one schedule per report type may exist. Set deleteExistingSchedule to true to replace it.`,
        );
      }
      ctx.engine.store.reportSchedules.delete(String(existing.reportScheduleId));
    }
    const schedule: ReportSchedule = {
      reportScheduleId: ctx.engine.ids.numericId(11),
      reportType: type,
      scheduleFrequency: ctx.body.scheduleFrequency,
      nextReportCreationTime: amazonTimestamp(next),
    };
    const owned: Owned<ReportSchedule> = { merchantId: ctx.merchantId, record: schedule };
    ctx.engine.store.reportSchedules.set(schedule.reportScheduleId, owned);
    scheduleNext(ctx.engine, owned);
    return { reportScheduleId: schedule.reportScheduleId };
  },

  getReportSchedules(ctx) {
    const types = ctx.query.get('reportTypes')?.split(',').filter(Boolean);
    const schedules = ownRecords(ctx.engine.store.reportSchedules, ctx.merchantId).filter(
      (s) => !types || types.includes(String(s.reportType)),
    );
    return { reportSchedules: schedules };
  },

  getReportScheduleById(ctx) {
    const id = ctx.params.reportScheduleId;
    return ownRecord(ctx.engine.store.reportSchedules, ctx.merchantId, 'Report schedule', id);
  },

  cancelReportSchedule(ctx) {
    const id = ctx.params.reportScheduleId;
    ownRecord(ctx.engine.store.reportSchedules, ctx.merchantId, 'Report schedule', id);
    ctx.engine.store.reportSchedules.delete(id);
    return {};
  },
} satisfies Partial<HandlerTable>;
