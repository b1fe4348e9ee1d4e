// The rows of a usage report, built from the same usage as GET /tenants/usages and split into
// production and trial the way docs/ACRONIS.md "Usage reports" describes.
import type { CatalogueItem } from "./catalogue";
import type { SimContext } from "./context";
import { childrenOf, type OiView, refreshPricing, subtreeOf, visibleTenant } from "./model";
import type { ReportRecord, TenantRecord } from "./state";
import { overridesOf } from "./tenant-index";
import { absoluteValue, createUsageScope, dayValue, type UsageScope, usageItems } from "./usage";
import { addDays, dateOf, eachDay, monthStart } from "./util";

export type Split = { production: number; trial: number; total: number };

export type ReportRow = {
  tenant: TenantRecord;
  view: OiView;
  /** Inclusive UTC days; a daily row has from === to. */
  from: string;
  to: string;
  absolute: Split;
  delta: Split;
  effective: Split;
};

export type ReportRows = { rows: ReportRow[]; begin: string; end: string; scope: UsageScope };

/**
 * The first day a tenant counts as production: the 1st of the month it left trial, since a switch
 * during a month puts the whole month in production (acronis-api.md §5); a tenant that was never in
 * trial counts for all its (possibly back-dated) history. Null while in trial.
 */
function productionFrom(ctx: SimContext, t: TenantRecord): string | null {
  refreshPricing(ctx, t);
  const p = t.pricing;
  if (p.mode === "trial") return null;
  return p.leftTrialAt ? monthStart(dateOf(p.leftTrialAt)) : "0000-01-01";
}

function existedOn(t: TenantRecord, date: string): boolean {
  return date >= t.usageSince && (t.deletedAt === null || date <= dateOf(t.deletedAt));
}

function hasOverride(ctx: SimContext, t: TenantRecord, item: CatalogueItem, date: string): boolean {
  return overridesOf(ctx.state, t.id).some(
    (o) => o.name === item.name && o.infraId === item.infraId && o.from <= date,
  );
}

type Measure = (t: TenantRecord, item: CatalogueItem, date: string) => number;

/**
 * The production part of a measure: a tenant with its own value (a customer, or any tenant with an
 * override) is all production or all trial; a partner or folder adds up its children.
 */
function productionPart(
  scope: UsageScope,
  t: TenantRecord,
  item: CatalogueItem,
  date: string,
  m: Measure,
  tag: string,
) {
  const { ctx } = scope;
  if (t.kind === "customer" || t.kind === "unit" || hasOverride(ctx, t, item, date)) {
    const since = productionFrom(ctx, t);
    return since !== null && since <= date ? m(t, item, date) : 0;
  }
  return scope.memo(`rp|${tag}|${t.id}|${item.name}|${item.infraId ?? ""}|${date}`, () => {
    let sum = 0;
    for (const child of scope.children(t.id)) {
      if (existedOn(child, date)) sum += productionPart(scope, child, item, date, m, tag);
    }
    return sum;
  });
}

function splitOf(
  scope: UsageScope,
  t: TenantRecord,
  item: CatalogueItem,
  date: string,
  m: Measure,
  tag: string,
): Split {
  const total = m(t, item, date);
  const production = productionPart(scope, t, item, date, m, tag);
  return { production, trial: total - production, total };
}

const minus = (a: Split, b: Split): Split => ({
  production: a.production - b.production,
  trial: a.trial - b.trial,
  total: a.total - b.total,
});

/** Which tenants a level lists (docs/ACRONIS.md): never the unit tenants, nor the tenant itself below `itself`. */
function reportTenants(ctx: SimContext, r: ReportRecord, begin: string): TenantRecord[] {
  const root = visibleTenant(ctx, r.parameters.tenant_id, true);
  let list: TenantRecord[];
  switch (r.parameters.level) {
    case "itself":
      list = [root];
      break;
    case "direct_partners":
      list = childrenOf(ctx, root.id, true);
      break;
    case "all_partners":
      list = subtreeOf(ctx, root, true).filter(
        (t) => t !== root && (t.kind === "partner" || t.kind === "folder"),
      );
      break;
    default:
      list = subtreeOf(ctx, root, true).filter((t) => t !== root);
  }
  return list.filter((t) => t.kind !== "unit" && (t.deletedAt === null || dateOf(t.deletedAt) >= begin));
}

const isZero = (s: Split) => s.production === 0 && s.trial === 0 && s.total === 0;

/** The report's period: usage_current is the billing month up to yesterday (Acronis: "the previous day"). */
export function reportPeriod(r: ReportRecord): { begin: string; end: string } {
  const period = r.parameters.period as { start: string; end: string } | undefined;
  if (r.parameters.kind === "usage_current" || !period) {
    const yesterday = addDays(dateOf(r.createdAt), -1);
    return { begin: monthStart(yesterday), end: yesterday };
  }
  return { begin: period.start, end: period.end };
}

export function reportRows(ctx: SimContext, r: ReportRecord): ReportRows {
  const { kind } = r.parameters;
  const hideZero = r.parameters.hide_zero_usage === true;
  const { begin, end } = reportPeriod(r);
  const scope = createUsageScope(ctx);
  const eff: Measure = (t, item, date) => dayValue(scope, t, item, date);
  const abs: Measure = (t, item, date) => absoluteValue(scope, t, item, date);
  const rows: ReportRow[] = [];
  const push = (tenant: TenantRecord, view: OiView, from: string, to: string, deltaBase: string | null) => {
    const absolute = splitOf(scope, tenant, view.item, to, abs, "a");
    const base = deltaBase === null ? null : splitOf(scope, tenant, view.item, deltaBase, abs, "a");
    const row: ReportRow = {
      tenant,
      view,
      from,
      to,
      absolute,
      delta: base ? minus(absolute, base) : absolute,
      effective: splitOf(scope, tenant, view.item, to, eff, "e"),
    };
    if (!hideZero || !(isZero(row.absolute) && isZero(row.delta) && isZero(row.effective))) rows.push(row);
  };
  for (const tenant of reportTenants(ctx, r, begin)) {
    for (const view of usageItems(scope, tenant)) {
      if (kind === "usage_daily" || kind === "usage_breakdown") {
        for (const date of eachDay(begin, end)) push(tenant, view, date, date, addDays(date, -1));
      } else if (kind === "usage_summary") {
        // Documented: the values at 23:59:59 UTC of the start date and of the end date.
        push(tenant, view, begin, end, begin);
      } else {
        push(tenant, view, begin, end, addDays(begin, -1));
      }
    }
  }
  return { rows, begin, end, scope };
}
