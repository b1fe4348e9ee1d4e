import { type CatalogueItem, oiKey } from "./catalogue";
import type { SimContext } from "./context";
import { allChildrenOf, type OiView, tenantOis } from "./model";
import type { TenantRecord } from "./state";
import { overridesOf } from "./tenant-index";
import { defaultSkus, generatedLifetime, generatedValue, USAGE_PROFILES } from "./usage-generator";
import { dateOf, monthStart } from "./util";

export function tenantSkus(t: TenantRecord): string[] {
  return t.skus ?? defaultSkus(t.id);
}

/**
 * One read-only usage computation (a request): caches offering-item views and day values so
 * partner sums and reports stay linear in tenants × items × days. Children come from the
 * simulator's parent index, so a scope costs nothing until it is asked about a tenant.
 */
export type UsageScope = {
  ctx: SimContext;
  children(id: string): TenantRecord[];
  views(t: TenantRecord): OiView[];
  memo(key: string, compute: () => number): number;
};

export function createUsageScope(ctx: SimContext): UsageScope {
  const views = new Map<string, OiView[]>();
  const values = new Map<string, number>();
  return {
    ctx,
    children: (id) => allChildrenOf(ctx, id),
    views(t) {
      let v = views.get(t.id);
      if (!v) {
        v = tenantOis(ctx, t);
        views.set(t.id, v);
      }
      return v;
    },
    memo(key, compute) {
      let v = values.get(key);
      if (v === undefined) {
        v = compute();
        values.set(key, v);
      }
      return v;
    },
  };
}

function override(ctx: SimContext, t: TenantRecord, item: CatalogueItem, date: string) {
  let found: { from: string; value: number } | undefined;
  for (const o of overridesOf(ctx.state, t.id)) {
    if (
      o.name === item.name &&
      o.infraId === item.infraId &&
      o.from <= date &&
      (!found || o.from >= found.from)
    ) {
      found = o;
    }
  }
  return found;
}

function existedOn(t: TenantRecord, date: string): boolean {
  return date >= t.usageSince && (t.deletedAt === null || date <= dateOf(t.deletedAt));
}

function generatorApplies(t: TenantRecord, item: CatalogueItem): boolean {
  return (
    t.kind === "customer" &&
    tenantSkus(t).includes(item.name) &&
    t.offeringItems[oiKey(item.name, item.infraId)]?.status === 1
  );
}

function sumChildren(scope: UsageScope, t: TenantRecord, date: string, of: (child: TenantRecord) => number) {
  let sum = 0;
  for (const child of scope.children(t.id)) if (existedOn(child, date)) sum += of(child);
  return sum;
}

/**
 * Usage of one offering item on one day: an override wins; customers get generated values for
 * their SKU subset while the item is enabled; partners and folders sum their descendants.
 */
export function dayValue(scope: UsageScope, t: TenantRecord, item: CatalogueItem, date: string): number {
  const o = override(scope.ctx, t, item, date);
  if (o) return o.value;
  if (t.kind === "customer") {
    if (!existedOn(t, date) || !generatorApplies(t, item)) return 0;
    return generatedValue(t.id, item.name, item.usageName, date, t.usageSince);
  }
  if (t.kind === "unit") return 0;
  // Only aggregates are memoised: customer values are cheap, and caching them all costs more in GC.
  return scope.memo(`v|${t.id}|${item.name}|${item.infraId ?? ""}|${date}`, () =>
    sumChildren(scope, t, date, (child) => dayValue(scope, child, item, date)),
  );
}

/** Acronis' absolute_value: equal to value except for cumulative (seconds) counters. */
export function absoluteValue(scope: UsageScope, t: TenantRecord, item: CatalogueItem, date: string): number {
  if (USAGE_PROFILES[item.usageName]?.kind !== "seconds" || override(scope.ctx, t, item, date)) {
    return dayValue(scope, t, item, date);
  }
  return scope.memo(`a|${t.id}|${item.name}|${item.infraId ?? ""}|${date}`, () => {
    if (t.kind === "customer") {
      if (!existedOn(t, date) || !generatorApplies(t, item)) return 0;
      return generatedLifetime(t.id, item.name, item.usageName, date, t.usageSince);
    }
    return sumChildren(scope, t, date, (child) => absoluteValue(scope, child, item, date));
  });
}

export type UsageFilter = { usageNames?: string[]; editions?: string[] };

export function usageItems(scope: UsageScope, t: TenantRecord, filter: UsageFilter = {}): OiView[] {
  return scope
    .views(t)
    .filter(
      ({ item }) =>
        item.type !== "feature" &&
        (!filter.usageNames || filter.usageNames.includes(item.usageName)) &&
        (!filter.editions || filter.editions.includes(item.edition ?? "")),
    );
}

/** One `usageOutput` object (acronis-api.md §9.1). */
export function usageOutput(scope: UsageScope, t: TenantRecord, view: OiView, date: string) {
  const { item, rec } = view;
  const value = dayValue(scope, t, item, date);
  const cumulative = USAGE_PROFILES[item.usageName]?.kind === "seconds";
  return {
    tenant_id: t.v1Id,
    tenant_uuid: t.id,
    application_id: item.applicationId,
    name: item.name,
    edition: item.edition,
    usage_name: item.usageName,
    type: item.type,
    measurement_unit: item.unit,
    ...(item.infraId ? { infra_id: item.infraId } : {}),
    range_start: `${monthStart(date)}T00:00:00`,
    absolute_value: cumulative ? absoluteValue(scope, t, item, date) : value,
    value,
    offering_item: { status: rec.status, quota: { ...rec.quota } },
  };
}
