// One normaliser for both report formats: a csv_v2_0 line and a json_v2_0 row are the same row object
// under dotted paths (docs/ACRONIS.md "Usage reports"), so both parsers hand it a path reader.
import { AcronisError } from "../errors";
import type {
  AcronisReportRow,
  AcronisTenantKind,
  AcronisUsageReportFormat,
  AcronisUsageSplit,
} from "../types";

/** A cell or field by dotted path: `undefined` when the file has no such column or field. */
export type PathReader = (path: string) => string | number | boolean | null | undefined;

export type RowContext = {
  format: AcronisUsageReportFormat;
  /** `line 12` (csv) or `tenants[3]` (json). */
  where: string;
  /** Daily rows must each name their one day. */
  daily: boolean;
  /** The report's own range, for rows of other kinds that carry none. */
  fallbackRange: { from: string; to: string } | null;
};

const MEASURES = ["absolute", "delta", "effective"] as const;
const SPLITS = ["production", "trial", "total"] as const;
/** Every usage path Acronis's own csv_v2_0 parser requires. */
export const USAGE_PATHS = MEASURES.flatMap((m) => SPLITS.map((s) => `usage.${m}.${s}`));

const KINDS: readonly AcronisTenantKind[] = ["root", "partner", "folder", "customer", "unit"];
const NUMBER_RE = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DAY_RE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function reportError(
  format: AcronisUsageReportFormat,
  where: string | null,
  message: string,
  details?: Record<string, unknown>,
): AcronisError {
  return new AcronisError({
    kind: "validation",
    message: `Unexpected Acronis ${format} usage report${where ? `, ${where}` : ""}: ${message}`,
    details: { format, where, ...details },
  });
}

function fail(ctx: RowContext, field: string, message: string): never {
  throw reportError(ctx.format, `${ctx.where}, field ${field}`, message, { field });
}

function text(read: PathReader, path: string): string | null {
  const v = read(path);
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
}

function required(read: PathReader, ctx: RowContext, path: string): string {
  const v = read(path);
  if (v === undefined) fail(ctx, path, "missing");
  const s = text(read, path);
  if (s === null) fail(ctx, path, "empty");
  return s;
}

function numberAt(read: PathReader, ctx: RowContext, path: string): number {
  const v = read(path);
  if (v === undefined) fail(ctx, path, "missing");
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const s = typeof v === "string" ? v.trim() : "";
  if (!NUMBER_RE.test(s)) fail(ctx, path, `${JSON.stringify(v)} is not a number`);
  return Number(s);
}

function split(read: PathReader, ctx: RowContext, measure: string): AcronisUsageSplit {
  return {
    production: numberAt(read, ctx, `usage.${measure}.production`),
    trial: numberAt(read, ctx, `usage.${measure}.trial`),
    total: numberAt(read, ctx, `usage.${measure}.total`),
  };
}

function day(read: PathReader, ctx: RowContext, path: string): string | null {
  const s = text(read, path);
  if (s === null) return null;
  const m = DAY_RE.exec(s);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)))
    fail(ctx, path, `${JSON.stringify(s)} is not a date`);
  return m[1]!;
}

function range(read: PathReader, ctx: RowContext): { from: string; to: string } {
  const from = day(read, ctx, "range.start");
  const to = day(read, ctx, "range.end");
  if (from === null && to === null) {
    if (ctx.fallbackRange && !ctx.daily) return ctx.fallbackRange;
    fail(ctx, "range.start", "missing: each row of a daily report must say which day it is");
  }
  if (from === null) fail(ctx, "range.start", "missing while range.end is set");
  if (to === null) fail(ctx, "range.end", "missing while range.start is set");
  if (from > to) fail(ctx, "range.end", `${to} is before range.start ${from}`);
  if (ctx.daily && from !== to) fail(ctx, "range.end", `a daily row spans ${from} to ${to}`);
  return { from, to };
}

export function normaliseRow(read: PathReader, ctx: RowContext): AcronisReportRow {
  const tenantId = required(read, ctx, "tenant.id");
  const kind = required(read, ctx, "tenant.kind");
  if (!KINDS.includes(kind as AcronisTenantKind))
    fail(ctx, "tenant.kind", `unknown kind ${JSON.stringify(kind)}`);
  return {
    tenantId,
    tenantName: text(read, "tenant.name"),
    tenantKind: kind as AcronisTenantKind,
    parentTenantId: text(read, "tenant.parent_id"),
    applicationId: required(read, ctx, "application.id"),
    ...range(read, ctx),
    name: required(read, ctx, "name"),
    edition: text(read, "edition"),
    usageName: text(read, "usage_name"),
    type: text(read, "type"),
    measurementUnit: text(read, "measurement_unit"),
    infraId: text(read, "infra.id"),
    infraOwnerId: text(read, "infra.owner_id"),
    infraBackendType: text(read, "infra.backend_type"),
    sku: text(read, "sku"),
    absolute: split(read, ctx, "absolute"),
    delta: split(read, ctx, "delta"),
    effective: split(read, ctx, "effective"),
  };
}
