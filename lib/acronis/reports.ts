import type { ClientContext } from "./context";
import { AcronisError } from "./errors";
import { type ExpectedReport, parseUsageReport } from "./report-formats";
import { ReportSchema, StoredReportsSchema } from "./schemas";
import type {
  AcronisDailyUsageRow,
  AcronisReportRef,
  AcronisStoredReport,
  AcronisUsageReport,
  AcronisUsageReportFormat,
  AcronisUsageReportKind,
  AcronisUsageReportLevel,
} from "./types";

/** A one-off saved usage report (acronis-api.md §10; formats in docs/ACRONIS.md "Usage reports"). */
export type FetchUsageReportInput = {
  /** Tenant the report is about, e.g. the distributor's or a reseller's partner tenant. */
  parentId: string;
  level: AcronisUsageReportLevel;
  format: AcronisUsageReportFormat;
  /** Default true: rows whose usage is all zero are left out. */
  hideZeroUsage?: boolean;
} & (
  | {
      kind: Exclude<AcronisUsageReportKind, "usage_current">;
      /** Inclusive UTC days, `YYYY-MM-DD`; the period must not be in the future. */
      from: string;
      to: string;
    }
  // Acronis picks the period of usage_current itself: each tenant's billing period up to yesterday.
  | { kind: "usage_current"; from?: undefined; to?: undefined }
);

/** The daily report as month close reads it today (see fetchDailyUsageReport). */
export type UsageReportInput = {
  parentId: string;
  from: string;
  to: string;
  level?: "direct_partners" | "all_partners" | "all_customers";
  hideZeroUsage?: boolean;
};

export type WaitOptions = { pollIntervalMs?: number; timeoutMs?: number };

const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

export async function createUsageReport(
  ctx: ClientContext,
  input: FetchUsageReportInput,
): Promise<AcronisReportRef> {
  const json = {
    recipients: [],
    result_action: "save",
    parameters: {
      kind: input.kind,
      tenant_id: input.parentId,
      level: input.level,
      ...(input.kind === "usage_current" ? {} : { period: { start: input.from, end: input.to } }),
      formats: [input.format],
      hide_zero_usage: input.hideZeroUsage ?? true,
      show_skus: true,
    },
    schedule: { type: "once" },
  };
  const res = await ctx.http.json({ method: "POST", path: "/reports", json }, ReportSchema);
  return { id: res.id, version: res.version };
}

export async function listStoredReports(
  ctx: ClientContext,
  reportId: string,
): Promise<AcronisStoredReport[]> {
  const res = await ctx.http.json(
    { method: "GET", path: `${reportPath(reportId)}/stored` },
    StoredReportsSchema,
  );
  return res.items.map((i) => ({
    id: i.id,
    format: i.report_format ?? null,
    status: i.status,
    size: i.size ?? null,
  }));
}

/** Polls until the stored file of `format` (default: the first one) is `saved`. */
export async function waitForReport(
  ctx: ClientContext,
  reportId: string,
  opts: WaitOptions = {},
  format?: AcronisUsageReportFormat,
): Promise<AcronisStoredReport> {
  const deadline = ctx.now() + (opts.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const stored = await listStoredReports(ctx, reportId);
    const file = format ? stored.find((s) => s.format === format) : stored[0];
    if (file?.status === "saved") return file;
    if (file?.status === "failed") {
      throw new AcronisError({
        kind: "http",
        code: "report_failed",
        message: `Acronis report ${reportId} failed`,
      });
    }
    if (!file && format && stored.length > 0) {
      throw new AcronisError({
        kind: "validation",
        message: `Acronis report ${reportId} has no ${format} file (only ${stored.map((s) => s.format).join(", ")})`,
      });
    }
    if (ctx.now() >= deadline) {
      throw new AcronisError({
        kind: "timeout",
        retryable: true,
        message: `Acronis report ${reportId} is not ready yet`,
      });
    }
    await ctx.sleep(opts.pollIntervalMs ?? 2000);
  }
}

/** The stored file as Acronis sends it (gzip-compressed; docs/ACRONIS.md). */
export function downloadStoredReport(ctx: ClientContext, reportId: string, storedReportId: string) {
  return ctx.http.binary({
    method: "GET",
    path: `${reportPath(reportId)}/stored/${encodeURIComponent(storedReportId)}`,
  });
}

export async function downloadReport(
  ctx: ClientContext,
  reportId: string,
  storedReportId: string,
  format: AcronisUsageReportFormat,
  expected: ExpectedReport,
): Promise<AcronisUsageReport> {
  return parseUsageReport(await downloadStoredReport(ctx, reportId, storedReportId), format, expected);
}

export async function deleteReport(ctx: ClientContext, report: AcronisReportRef): Promise<void> {
  await ctx.http.send({ method: "DELETE", path: reportPath(report.id), query: { version: report.version } });
}

/** create → poll → download → parse. */
export async function fetchUsageReport(
  ctx: ClientContext,
  input: FetchUsageReportInput,
  wait: WaitOptions = {},
): Promise<AcronisUsageReport> {
  const report = await createUsageReport(ctx, input);
  const stored = await waitForReport(ctx, report.id, wait, input.format);
  return downloadReport(ctx, report.id, stored.id, input.format, {
    kind: input.kind,
    from: input.from ?? null,
    to: input.to ?? null,
  });
}

/**
 * The daily csv_v2_0 report as one row per (tenant, offering item, infra, day), valued at its
 * billable production usage: a customer in trial reads 0 (domain.md §4).
 */
export async function fetchDailyUsageReport(
  ctx: ClientContext,
  input: UsageReportInput,
  wait: WaitOptions = {},
): Promise<AcronisDailyUsageRow[]> {
  const report = await fetchUsageReport(
    ctx,
    {
      kind: "usage_daily",
      format: "csv_v2_0",
      parentId: input.parentId,
      from: input.from,
      to: input.to,
      level: input.level ?? "all_customers",
      hideZeroUsage: input.hideZeroUsage,
    },
    wait,
  );
  return report.rows.map((r) => ({
    tenantId: r.tenantId,
    tenantV1Id: null,
    tenantName: r.tenantName,
    date: r.from,
    name: r.name,
    usageName: r.usageName,
    edition: r.edition,
    measurementUnit: r.measurementUnit,
    infraId: r.infraId,
    value: r.effective.production,
    absoluteValue: r.absolute.production,
  }));
}
