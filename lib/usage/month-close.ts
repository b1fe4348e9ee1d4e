import "server-only";
import type { Db } from "@/db/client";
import { type AcronisClient, type AcronisDirectory, toDirectory } from "@/lib/acronis";
import type { AcronisUsageReportFormat } from "@/lib/acronis/types";
import { daysBeforeUtc, monthStartUtc, utcDay } from "@/lib/clock";
import {
  byDatacenter,
  customerIdsByTenant,
  discoverAllCustomers,
  errorMessage,
  type SyncError,
  syncableResellers,
} from "./customers";
import { type StoredReportRow, storeUsageReport, toStoredRow } from "./report-store";
import { createSkuResolver, loadSkusByAcronisName } from "./sku-resolver";
import { addTo, forEachLimited, type SnapshotRow, upsertSnapshots } from "./snapshots";
import { errorCollector, finishRun, startRun } from "./sync";

export type MonthCloseResult = {
  runId: number;
  status: "succeeded" | "failed";
  period: string;
  /** Inclusive days read from the report (null when the period has no past day yet). */
  from: string | null;
  to: string | null;
  /** The report format read. */
  format: AcronisUsageReportFormat;
  tenants: number;
  /** Snapshot rows inserted or raised from the report. */
  rows: number;
  /** Report rows for tenants or names we do not bill (ignored), or on storage no SKU bills (an error). */
  unknownRows: number;
  /** Report rows on partner-owned storage (not billed). */
  notBilledRows: number;
  /** The stored reports (acronis_usage_reports, purpose month_close), one per datacenter read. */
  reports: { datacenterId: string; reportId: number; rows: number }[];
  errors: SyncError[];
};

export type MonthCloseOptions = {
  /** `YYYY-MM`. */
  period: string;
  /** Defaults to now; the report never reaches today (Acronis has no history for it yet). */
  now?: Date;
  /** Narrow the days read inside the period (used by the backfill). */
  from?: string;
  to?: string;
  /**
   * The report format asked of Acronis (default json_v2_0, as documented); csv_v2_0 is the one Acronis's
   * own billing module parses. Both carry the same rows.
   */
  format?: AcronisUsageReportFormat;
  /** Poll interval while Acronis builds the report (default 500 ms). */
  reportPollMs?: number;
  reportTimeoutMs?: number;
};

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function lastDayOf(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return utcDay(new Date(Date.UTC(y, m, 0)));
}

const yesterday = (now: Date) => daysBeforeUtc(now, 1);

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/**
 * Fills a month's gaps from Acronis's daily usage report before billing (domain.md §4), datacenter by
 * datacenter: the documented report (`usage_daily`, `all_customers` under the API client's own tenant, in
 * `format`) is downloaded, stored with each row matched to its customer and SKU or a note why none
 * (acronis_usage_reports, purpose month_close), and its customer rows fill the snapshots: days a sync
 * missed are inserted, existing values are raised when the report is higher and never lowered. Partner and
 * folder rows (sums of their customers) are not stored. Trial customers' rows fill their snapshots too
 * (their usage stays visible); the billing loader leaves them unrated.
 */
export async function closeUsageMonth(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  options: MonthCloseOptions,
): Promise<MonthCloseResult> {
  if (!PERIOD_RE.test(options.period)) throw new Error(`Period must be YYYY-MM, got '${options.period}'.`);
  for (const d of [options.from, options.to]) {
    if (d !== undefined && !DAY_RE.test(d)) throw new Error(`Days must be YYYY-MM-DD, got '${d}'.`);
  }
  const format = options.format ?? "json_v2_0";
  const directory = toDirectory(acronis);
  const now = options.now ?? new Date();
  const from = maxDay(`${options.period}-01`, options.from ?? "0000-01-01");
  const to = minDay(minDay(lastDayOf(options.period), yesterday(now)), options.to ?? "9999-12-31");
  const runId = await startRun(db, "month_close", `${options.period}-01`);
  const errors: SyncError[] = [];
  const report = errorCollector(errors);
  const reports: MonthCloseResult["reports"] = [];
  let rows = 0;
  let unknownRows = 0;
  let notBilledRows = 0;
  const tenants = new Set<string>();
  try {
    const discovered = await discoverAllCustomers(db, directory, now, (items, fn) =>
      forEachLimited(items, 4, fn),
    );
    errors.push(...discovered.errors);
    const datacenters = [...byDatacenter(await syncableResellers(db)).keys()];
    const skusByName = from <= to ? await loadSkusByAcronisName(db) : new Map();
    for (const datacenterId of from <= to ? datacenters : []) {
      try {
        const byTenant = await customerIdsByTenant(db, datacenterId);
        if (byTenant.size === 0) continue;
        const client = await directory.client(datacenterId);
        const root = await client.whoAmI();
        const downloaded = await client.fetchUsageReport(
          { parentId: root.tenantId, from, to, kind: "usage_daily", level: "all_customers", format },
          { pollIntervalMs: options.reportPollMs ?? 500, timeoutMs: options.reportTimeoutMs },
        );
        const resolver = await createSkuResolver(db, { datacenterId, acronis: client, skusByName, now });
        const customerRows = downloaded.rows
          .map((row, index) => ({ row, line: index + 1 }))
          .filter(({ row }) => row.tenantKind === "customer");
        await resolver.prepare(
          customerRows.filter(({ row }) => row.effective.total > 0).map(({ row }) => row.infraId),
        );
        if (resolver.refreshError)
          report({ message: `reading storage infrastructures failed: ${resolver.refreshError}` });
        const stored: StoredReportRow[] = [];
        const merged = new Map<string, SnapshotRow>();
        for (const { row, line } of customerRows) {
          const customerId = byTenant.get(row.tenantId) ?? null;
          const match = resolver.resolve(row);
          stored.push(toStoredRow(line, row, customerId, match));
          if (!customerId || match.status === "unknown_name") {
            unknownRows++;
            continue;
          }
          if (match.status === "not_billed") {
            notBilledRows++;
            continue;
          }
          if (match.status !== "billed") {
            unknownRows++;
            if (row.effective.total > 0) report({ tenantId: row.tenantId, message: match.note });
            continue;
          }
          // A daily report has one day per row; anything else cannot fill a day.
          if (row.from !== row.to || row.from < from || row.from > to) {
            unknownRows++;
            continue;
          }
          tenants.add(customerId);
          // The whole figure, trial included: a trial customer's usage stays visible, the loader rates none.
          addTo(merged, {
            customerId,
            skuId: match.sku.id,
            day: row.from,
            value: String(row.effective.total),
          });
        }
        const reportId = await storeUsageReport(
          db,
          {
            datacenterId,
            period: options.period,
            kind: "usage_daily",
            format,
            purpose: "month_close",
            from,
            to,
            fetchedAt: now,
          },
          stored,
        );
        reports.push({ datacenterId, reportId, rows: stored.length });
        rows += await upsertSnapshots(db, [...merged.values()], "max", now);
      } catch (error) {
        errors.push({ message: `datacenter ${datacenterId}: ${errorMessage(error)}` });
      }
    }
  } catch (error) {
    errors.push({ message: errorMessage(error) });
  }
  const failed = errors.some((e) => e.tenantId === undefined);
  const status = await finishRun(db, runId, { tenants: tenants.size, rows, errors, failed });
  return {
    runId,
    status,
    period: options.period,
    from: from <= to ? from : null,
    to: from <= to ? to : null,
    format,
    tenants: tenants.size,
    rows,
    unknownRows,
    notBilledRows,
    reports,
    errors,
  };
}

/** Month closes for every month touching [from, to] (e.g. loading a reseller's history on first start). */
export async function backfillUsageHistory(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  options: {
    from: string;
    to: string;
    now?: Date;
    reportPollMs?: number;
    format?: AcronisUsageReportFormat;
  },
): Promise<MonthCloseResult[]> {
  if (!DAY_RE.test(options.from) || !DAY_RE.test(options.to))
    throw new Error("from and to must be YYYY-MM-DD.");
  const results: MonthCloseResult[] = [];
  let period = options.from.slice(0, 7);
  while (period <= options.to.slice(0, 7)) {
    results.push(
      await closeUsageMonth(db, acronis, {
        period,
        from: options.from,
        to: options.to,
        now: options.now,
        reportPollMs: options.reportPollMs,
        format: options.format,
      }),
    );
    period = monthStartUtc(new Date(`${period}-01T00:00:00Z`), 1).slice(0, 7);
  }
  return results;
}
