import "server-only";
import type { Db } from "@/db/client";
import type { AcronisClient } from "@/lib/acronis";
import { daysBeforeUtc, monthStartUtc, utcDay } from "@/lib/clock";
import { discoverAllCustomers, errorMessage, type SyncError } from "./customers";
import { addTo, forEachLimited, loadSkus, type SnapshotRow, upsertSnapshots } from "./snapshots";
import { finishRun, startRun } from "./sync";

export type MonthCloseResult = {
  runId: number;
  status: "succeeded" | "failed";
  period: string;
  /** Inclusive days read from the report (null when the period has no past day yet). */
  from: string | null;
  to: string | null;
  tenants: number;
  /** Snapshot rows inserted or raised from the report. */
  rows: number;
  /** Report rows for tenants or names we do not bill (ignored). */
  unknownRows: number;
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
 * Fills a month's gaps from Acronis's daily usage report before billing (domain.md §4): days a sync
 * missed are inserted, existing values are raised when the report is higher and never lowered.
 */
export async function closeUsageMonth(
  db: Db,
  acronis: AcronisClient,
  options: MonthCloseOptions,
): Promise<MonthCloseResult> {
  if (!PERIOD_RE.test(options.period)) throw new Error(`Period must be YYYY-MM, got '${options.period}'.`);
  for (const d of [options.from, options.to]) {
    if (d !== undefined && !DAY_RE.test(d)) throw new Error(`Days must be YYYY-MM-DD, got '${d}'.`);
  }
  const now = options.now ?? new Date();
  const from = maxDay(`${options.period}-01`, options.from ?? "0000-01-01");
  const to = minDay(minDay(lastDayOf(options.period), yesterday(now)), options.to ?? "9999-12-31");
  const runId = await startRun(db, "month_close", `${options.period}-01`);
  const errors: SyncError[] = [];
  let rows = 0;
  let unknownRows = 0;
  const tenants = new Set<string>();
  try {
    const discovered = await discoverAllCustomers(db, acronis, now, (items, fn) =>
      forEachLimited(items, 4, fn),
    );
    errors.push(...discovered.errors);
    if (from <= to && discovered.customers.length > 0) {
      const skus = await loadSkus(db);
      const byTenant = new Map(discovered.customers.map((c) => [c.acronisTenantId, c.customerId]));
      const root = await acronis.whoAmI();
      const report = await acronis.fetchDailyUsageReport(
        { parentId: root.tenantId, from, to, level: "all_customers" },
        { pollIntervalMs: options.reportPollMs ?? 500, timeoutMs: options.reportTimeoutMs },
      );
      const merged = new Map<string, SnapshotRow>();
      for (const r of report) {
        const sku = skus.get(r.name);
        const customerId = r.tenantId ? byTenant.get(r.tenantId) : undefined;
        if (!sku || !customerId || r.date < from || r.date > to) {
          unknownRows++;
          continue;
        }
        tenants.add(customerId);
        addTo(merged, { customerId, skuId: sku.id, day: r.date, value: String(r.value) });
      }
      rows = await upsertSnapshots(db, [...merged.values()], "max", now);
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
    tenants: tenants.size,
    rows,
    unknownRows,
    errors,
  };
}

/** Month closes for every month touching [from, to] (e.g. loading a reseller's history on first start). */
export async function backfillUsageHistory(
  db: Db,
  acronis: AcronisClient,
  options: { from: string; to: string; now?: Date; reportPollMs?: number },
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
      }),
    );
    period = monthStartUtc(new Date(`${period}-01T00:00:00Z`), 1).slice(0, 7);
  }
  return results;
}
