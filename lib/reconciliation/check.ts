import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { acronisUsageReports } from "@/db/schema";
import { type AcronisClient, type AcronisDirectory, toDirectory } from "@/lib/acronis";
import { addDays, periodEnd, periodStart } from "@/lib/billing";
import { todayUtc } from "@/lib/clock";
import { assertPeriodClosed } from "@/lib/invoices/periods";
import { customerIdsByTenant } from "@/lib/usage/customers";
import { type StoredReportRow, storeUsageReport, toStoredRow } from "@/lib/usage/report-store";
import { createSkuResolver } from "@/lib/usage/sku-resolver";
import { datacentersToCheck } from "./queries";

/**
 * The report a check asks for: usage_daily, so each SKU's own aggregation (the month's peak, or its last
 * day) can be applied exactly as the invoice applied it — a usage_summary gives only the end-of-month value,
 * which differs from the peak a reseller is billed for whenever usage fell during the month. csv_v2_0 is the
 * layout Acronis's own billing module reads, with the production/trial split the comparison needs.
 */
export const CHECK_REPORT = { kind: "usage_daily", format: "csv_v2_0", level: "all_customers" } as const;

export type CheckOptions = {
  /** When the report is fetched (default: now). */
  now?: Date;
  /** The requester's day (default: now's UTC day): the month must have ended on it. */
  today?: string;
  reportPollMs?: number;
  reportTimeoutMs?: number;
};

export type CheckResult = {
  datacenterId: string;
  period: string;
  reportId: number;
  /** Report rows stored (customer tenants' rows). */
  rows: number;
  /** Of them, rows Tierline does not bill (an unknown tenant, or no SKU bills the item). */
  unmatched: number;
};

/**
 * Checks one closed month of one datacenter against Acronis: downloads a fresh daily usage report of every
 * customer under the API client's own tenant, matches each row to its customer and SKU (lib/usage's
 * resolver, as month close does), stores it (purpose `reconciliation`) and drops the datacenter's older
 * checks of that month, so a repeated check replaces the last one instead of piling up reports.
 * The comparison itself is computed when read (lib/reconciliation/view.ts).
 */
export async function checkDatacenter(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  input: { period: string; datacenterId: string } & CheckOptions,
): Promise<CheckResult> {
  const now = input.now ?? new Date();
  assertPeriodClosed(input.period, input.today ?? todayUtc(now));
  const from = periodStart(input.period);
  const to = addDays(periodEnd(input.period), -1);
  const client = await toDirectory(acronis).client(input.datacenterId);
  const root = await client.whoAmI();
  const report = await client.fetchUsageReport(
    { ...CHECK_REPORT, parentId: root.tenantId, from, to },
    { pollIntervalMs: input.reportPollMs ?? 2000, timeoutMs: input.reportTimeoutMs },
  );
  const byTenant = await customerIdsByTenant(db, input.datacenterId);
  const resolver = await createSkuResolver(db, { datacenterId: input.datacenterId, acronis: client, now });
  // Partners' and folders' rows are sums of their customers: only customers' rows are compared.
  const customerRows = report.rows
    .map((row, index) => ({ row, line: index + 1 }))
    .filter(({ row }) => row.tenantKind === "customer");
  await resolver.prepare(
    customerRows.filter(({ row }) => row.effective.total > 0).map(({ row }) => row.infraId),
  );
  const stored: StoredReportRow[] = customerRows.map(({ row, line }) =>
    toStoredRow(line, row, byTenant.get(row.tenantId) ?? null, resolver.resolve(row)),
  );
  const reportId = await storeUsageReport(
    db,
    {
      datacenterId: input.datacenterId,
      period: input.period,
      kind: CHECK_REPORT.kind,
      format: CHECK_REPORT.format,
      purpose: "reconciliation",
      from,
      to,
      fetchedAt: now,
    },
    stored,
  );
  await db
    .delete(acronisUsageReports)
    .where(
      and(
        eq(acronisUsageReports.datacenterId, input.datacenterId),
        eq(acronisUsageReports.period, from),
        eq(acronisUsageReports.purpose, "reconciliation"),
        lt(acronisUsageReports.id, reportId),
      ),
    );
  return {
    datacenterId: input.datacenterId,
    period: input.period,
    reportId,
    rows: stored.length,
    unmatched: stored.filter((r) => r.customerId === null || r.skuId === null).length,
  };
}

/** Checks every datacenter with issued invoices for `period`, one after the other (scripts and tests). */
export async function checkMonth(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  input: { period: string } & CheckOptions,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const dc of await datacentersToCheck(db, input.period)) {
    results.push(await checkDatacenter(db, acronis, { ...input, datacenterId: dc.id }));
  }
  return results;
}
