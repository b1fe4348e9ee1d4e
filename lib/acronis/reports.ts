import { gunzipSync } from "node:zlib";
import type { ClientContext } from "./context";
import { AcronisError } from "./errors";
import { toDailyUsageRow } from "./mappers";
import { ReportFileSchema, ReportSchema, StoredReportsSchema } from "./schemas";
import type { AcronisDailyUsageRow, AcronisReportRef, AcronisStoredReport } from "./types";

export type UsageReportInput = {
  /** Tenant the report is about, e.g. the distributor's tenant. */
  parentId: string;
  /** Inclusive UTC days, `YYYY-MM-DD`; the period must not be in the future. */
  from: string;
  to: string;
  kind?: "usage_daily" | "usage_summary";
  level?: "direct_partners" | "all_partners" | "all_customers";
  hideZeroUsage?: boolean;
};

export type WaitOptions = { pollIntervalMs?: number; timeoutMs?: number };

const FORMAT = "json_v2_0";
const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

/** One-off saved report in json_v2_0 (acronis-api.md §10.1). */
export async function createUsageReport(
  ctx: ClientContext,
  input: UsageReportInput,
): Promise<AcronisReportRef> {
  const json = {
    recipients: [],
    result_action: "save",
    parameters: {
      kind: input.kind ?? "usage_daily",
      tenant_id: input.parentId,
      level: input.level ?? "all_customers",
      period: { start: input.from, end: input.to },
      formats: [FORMAT],
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

/** Polls until the stored json_v2_0 file is `saved`. */
export async function waitForReport(
  ctx: ClientContext,
  reportId: string,
  opts: WaitOptions = {},
): Promise<AcronisStoredReport> {
  const deadline = ctx.now() + (opts.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const stored = await listStoredReports(ctx, reportId);
    const file = stored.find((s) => s.format === FORMAT) ?? stored[0];
    if (file?.status === "saved") return file;
    if (file?.status === "failed") {
      throw new AcronisError({
        kind: "http",
        code: "report_failed",
        message: `Acronis report ${reportId} failed`,
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

function invalidReport(reportId: string, message: string, details?: unknown): AcronisError {
  return new AcronisError({
    kind: "validation",
    details,
    message: `Unexpected Acronis report ${reportId}: ${message}`,
  });
}

/** Downloads a stored json_v2_0 report (gzip or plain) and returns its per-day rows. */
export async function downloadReport(
  ctx: ClientContext,
  reportId: string,
  storedReportId: string,
): Promise<AcronisDailyUsageRow[]> {
  const raw = await ctx.http.binary({
    method: "GET",
    path: `${reportPath(reportId)}/stored/${encodeURIComponent(storedReportId)}`,
  });
  let value: unknown;
  try {
    const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString("utf8");
    value = JSON.parse(text);
  } catch {
    throw invalidReport(reportId, "file is neither JSON nor gzip-compressed JSON");
  }
  const parsed = ReportFileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw invalidReport(reportId, issues[0] ? `${issues[0].path}: ${issues[0].message}` : "invalid", issues);
  }
  return parsed.data.tenants.map((row, index) => {
    const mapped = toDailyUsageRow(row);
    // Dropping a row would silently lose revenue: fail loudly instead.
    if (!mapped) throw invalidReport(reportId, `row ${index} has no date`);
    return mapped;
  });
}

export async function deleteReport(ctx: ClientContext, report: AcronisReportRef): Promise<void> {
  await ctx.http.send({ method: "DELETE", path: reportPath(report.id), query: { version: report.version } });
}

/** create → wait → download, the month-close gap filler (domain.md §4). */
export async function fetchDailyUsageReport(
  ctx: ClientContext,
  input: UsageReportInput,
  wait: WaitOptions = {},
): Promise<AcronisDailyUsageRow[]> {
  const report = await createUsageReport(ctx, { ...input, kind: "usage_daily" });
  const stored = await waitForReport(ctx, report.id, wait);
  return downloadReport(ctx, report.id, stored.id);
}
