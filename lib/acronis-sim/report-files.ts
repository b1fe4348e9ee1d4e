// Stored report files in the layouts of docs/ACRONIS.md "Usage reports": csv_v2_0 with the columns
// Acronis's own parser requires (plus the row's tenant, unit and days), json_v2_0 as documented (plus
// the same paths as nested objects).
import type { SimContext } from "./context";
import { type ReportRow, type ReportRows, reportRows, type Split } from "./report-rows";
import type { ReportRecord } from "./state";
import { usageOutput } from "./usage";

/** json_v2_0 `params.kind`: 4, 5 and 8 are documented; usage_breakdown's number is ours. */
const KIND_CODES: Record<string, number> = {
  usage_daily: 4,
  usage_summary: 5,
  usage_breakdown: 7,
  usage_current: 8,
};
/** json_v2_0 `params.report_level`: 1–4 are documented; `itself` has no documented number. */
const LEVEL_CODES: Record<string, number> = {
  itself: 0,
  direct_partners: 1,
  all_customers: 2,
  accounts: 3,
  all_partners: 4,
};

const MEASURES = ["absolute", "delta", "effective"] as const;
const SPLITS = ["production", "total", "trial"] as const;

export const CSV_V2_COLUMNS = [
  "application.id",
  "infra.backend_type",
  "infra.id",
  "infra.owner_id",
  "name",
  "tenant.id",
  "tenant.kind",
  ...MEASURES.flatMap((m) => SPLITS.map((s) => `usage.${m}.${s}`)),
  "edition",
  "tenant.name",
  "tenant.parent_id",
  "usage_name",
  "measurement_unit",
  "type",
  "range.start",
  "range.end",
] as const;

type Paths = Record<string, string | number | null>;

function infraOf(ctx: SimContext, infraId: string | null) {
  const infra = infraId ? ctx.state.infras[infraId] : undefined;
  return { id: infraId, owner_id: infra?.ownerTenantId ?? null, backend_type: infra?.backendType ?? null };
}

/** The row as dotted paths, the shape both formats share. */
function paths(ctx: SimContext, row: ReportRow): Paths {
  const { tenant, view, from, to } = row;
  const infra = infraOf(ctx, view.item.infraId);
  const out: Paths = {
    "application.id": view.item.applicationId,
    "infra.backend_type": infra.backend_type,
    "infra.id": infra.id,
    "infra.owner_id": infra.owner_id,
    name: view.item.name,
    "tenant.id": tenant.id,
    "tenant.kind": tenant.kind,
    edition: view.item.edition,
    "tenant.name": tenant.name,
    "tenant.parent_id": tenant.parentId === tenant.id ? null : tenant.parentId,
    usage_name: view.item.usageName,
    measurement_unit: view.item.unit,
    type: view.item.type,
    "range.start": from,
    "range.end": to,
  };
  for (const m of MEASURES) for (const s of SPLITS) out[`usage.${m}.${s}`] = (row[m] as Split)[s];
  return out;
}

const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function renderCsv(ctx: SimContext, rows: ReportRow[]): string {
  const lines = [CSV_V2_COLUMNS.join(",")];
  for (const row of rows) {
    const p = paths(ctx, row);
    lines.push(CSV_V2_COLUMNS.map((c) => cell(p[c] ?? null)).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function nest(p: Paths): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(p)) {
    const keys = path.split(".");
    let node = out;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = value;
  }
  return out;
}

const unix = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);

function renderJson(ctx: SimContext, r: ReportRecord, { rows, begin, end, scope }: ReportRows): string {
  const root = ctx.state.tenants[r.parameters.tenant_id]!;
  const kind = KIND_CODES[r.parameters.kind]!;
  const params = {
    kind,
    gen_date: Math.floor(Date.parse(r.createdAt) / 1000),
    begin_date: unix(begin),
    end_date: unix(end),
    group_id: root.v1Id,
    name: root.name,
    report_level: LEVEL_CODES[r.parameters.level]!,
    report_type: kind,
  };
  const tenants = rows.map((row) => ({
    // The documented usage object as of the row's last day, then the csv_v2_0 paths nested.
    ...usageOutput(scope, row.tenant, row.view, row.to),
    ...nest(paths(ctx, row)),
  }));
  return JSON.stringify({ params, tenants });
}

/** The file of one stored report, before compression. */
export function renderReport(ctx: SimContext, r: ReportRecord, format: string): Buffer {
  const built = reportRows(ctx, r);
  if (format === "json_v2_0" || format === "json_v1") return Buffer.from(renderJson(ctx, r, built));
  const csv = renderCsv(ctx, built.rows);
  if (format !== "html") return Buffer.from(csv);
  const html = csv.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return Buffer.from(`<html><body><pre>${html}</pre></body></html>`);
}
