import { gzipSync } from "node:zlib";
import { z } from "zod";
import type { SimContext } from "../context";
import { apiError, noContent, ok, queryInt, readBody, type SimRequest } from "../http-kit";
import { visibleTenant } from "../model";
import { renderReport } from "../report-files";
import { route } from "../router";
import type { ReportRecord, StoredReport } from "../state";
import { addDays, fmtTs, isDate, newId } from "../util";
import { Uuid } from "./schemas";

const DateStr = z.string().refine(isDate, "must be a YYYY-MM-DD date");
const KINDS = ["usage_daily", "usage_summary", "usage_current", "usage_breakdown"] as const;
const LEVELS = ["itself", "direct_partners", "all_partners", "all_customers", "accounts"] as const;
const FORMATS = ["csv", "html", "json_v1", "csv_v2_0", "json_v2_0"] as const;

const Parameters = z.strictObject({
  kind: z.enum(KINDS),
  tenant_id: Uuid,
  level: z.enum(LEVELS),
  period: z.strictObject({ start: DateStr, end: DateStr }).optional(),
  formats: z.array(z.enum(FORMATS)).min(1),
  hide_zero_usage: z.boolean().optional(),
  show_skus: z.boolean().optional(),
});
const Schedule = z.strictObject({ type: z.enum(["once", "monthly"]), enabled: z.boolean().optional() });
const ReportPost = z.strictObject({
  recipients: z.array(Uuid),
  result_action: z.enum(["save", "send"]),
  parameters: Parameters,
  schedule: Schedule,
  generation_date: DateStr.optional(),
});
const ReportPut = z.strictObject({
  version: z.int(),
  recipients: z.array(Uuid).optional(),
  result_action: z.enum(["save", "send"]).optional(),
  parameters: Parameters.optional(),
  schedule: Schedule.optional(),
});

function validateParameters(ctx: SimContext, p: z.infer<typeof Parameters>): void {
  visibleTenant(ctx, p.tenant_id);
  if (p.kind === "usage_current") return;
  if (!p.period) throw apiError(400, "Field 'parameters.period' is required for this report kind.");
  const today = ctx.today();
  if (p.period.start > p.period.end) throw apiError(400, "Report period start must not be after its end.");
  if (p.period.end > today) throw apiError(400, "Report period must not be in the future.");
  const hour = ctx.now().getUTCHours();
  if (ctx.opts.enforceUsageHistoryWindow && hour >= 1 && hour < 6 && p.period.end >= addDays(today, -1)) {
    throw apiError(400, "Usage history is not ready yet; try again after 06:00 UTC.");
  }
}

function serializeReport(r: ReportRecord) {
  return {
    id: r.id,
    version: r.version,
    result_action: r.resultAction,
    recipients: r.recipients,
    parameters: r.parameters,
    schedule: r.schedule,
    generation_date: r.generationDate,
  };
}

function createReport(ctx: SimContext, req: SimRequest) {
  const body = readBody(req, ReportPost);
  validateParameters(ctx, body.parameters);
  if (body.result_action === "send" && body.recipients.length === 0) {
    throw apiError(400, "Field 'recipients' must list at least one user when result_action is 'send'.");
  }
  for (const id of body.recipients)
    if (!ctx.state.users[id]) throw apiError(400, `Recipient '${id}' not found.`);
  const nowIso = ctx.now().toISOString();
  const report: ReportRecord = {
    id: newId(),
    version: 1,
    recipients: body.recipients,
    resultAction: body.result_action,
    parameters: body.parameters,
    schedule: { type: body.schedule.type, enabled: body.schedule.enabled ?? true },
    generationDate: body.generation_date ?? ctx.today(),
    createdAt: nowIso,
    stored:
      body.schedule.type === "once"
        ? body.parameters.formats.map((format) => ({
            id: newId(),
            format,
            createdAt: nowIso,
            readyAtMs: Date.now() + ctx.opts.reportDelayMs,
          }))
        : [],
  };
  ctx.state.reports[report.id] = report;
  return ok(serializeReport(report));
}

function findReport(ctx: SimContext, id: string): ReportRecord {
  const r = ctx.state.reports[id];
  if (!r) throw apiError(404, `Report '${id}' not found.`);
  return r;
}

function storedFile(ctx: SimContext, r: ReportRecord, s: StoredReport): Buffer {
  let file = ctx.reportFiles.get(s.id);
  if (!file) {
    file = gzipSync(renderReport(ctx, r, s.format));
    ctx.reportFiles.set(s.id, file);
  }
  return file;
}

function listStored(ctx: SimContext, req: SimRequest) {
  const r = findReport(ctx, req.params.report_id!);
  const items = r.stored.map((s) => {
    const saved = s.readyAtMs <= Date.now();
    return {
      id: s.id,
      report_format: s.format,
      created_at: fmtTs(s.createdAt),
      size: saved ? storedFile(ctx, r, s).length : 0,
      status: saved ? "saved" : "in_progress",
    };
  });
  return ok({ items });
}

function downloadStored(ctx: SimContext, req: SimRequest) {
  const r = findReport(ctx, req.params.report_id!);
  const s = r.stored.find((x) => x.id === req.params.stored_report_id);
  if (!s) throw apiError(404, `Stored report '${req.params.stored_report_id}' not found.`);
  if (s.readyAtMs > Date.now()) throw apiError(404, "The stored report is not ready yet.");
  return { status: 200, raw: storedFile(ctx, r, s), headers: { "content-type": "application/octet-stream" } };
}

function updateReport(ctx: SimContext, req: SimRequest) {
  const r = findReport(ctx, req.params.report_id!);
  const body = readBody(req, ReportPut);
  if (body.version !== r.version) throw apiError(409, `Report version ${body.version} is stale.`);
  if (body.parameters) {
    validateParameters(ctx, body.parameters);
    r.parameters = body.parameters;
  }
  if (body.recipients) r.recipients = body.recipients;
  if (body.result_action) r.resultAction = body.result_action;
  if (body.schedule) r.schedule = { type: body.schedule.type, enabled: body.schedule.enabled ?? true };
  r.version += 1;
  return ok(serializeReport(r));
}

function deleteReport(ctx: SimContext, req: SimRequest) {
  const r = findReport(ctx, req.params.report_id!);
  const version = queryInt(req, "version");
  if (version === undefined) throw apiError(400, "Query parameter 'version' is required.");
  if (version !== r.version) throw apiError(409, `Report version ${version} is stale.`);
  for (const s of r.stored) ctx.reportFiles.delete(s.id);
  delete ctx.state.reports[r.id];
  return noContent();
}

export const reportRoutes = [
  route("POST", "/api/2/reports", createReport),
  route("GET", "/api/2/reports/:report_id", (ctx, req) =>
    ok(serializeReport(findReport(ctx, req.params.report_id!))),
  ),
  route("PUT", "/api/2/reports/:report_id", updateReport),
  route("DELETE", "/api/2/reports/:report_id", deleteReport),
  route("GET", "/api/2/reports/:report_id/stored", listStored),
  route("GET", "/api/2/reports/:report_id/stored/:stored_report_id", downloadStored),
  route("GET", "/api/2/tenants/:tenant_id/reports", (ctx, req) => {
    const t = visibleTenant(ctx, req.params.tenant_id!);
    return ok({
      items: Object.values(ctx.state.reports)
        .filter((r) => r.parameters.tenant_id === t.id)
        .map((r) => r.id),
    });
  }),
];
