import { type CatalogueItem, oiKey } from "./catalogue";
import type { SimContext } from "./context";
import { childrenOf, type OiView, tenantOis } from "./model";
import type { TenantRecord } from "./state";
import { defaultSkus, generatedLifetime, generatedValue, USAGE_PROFILES } from "./usage-generator";
import { dateOf, monthStart } from "./util";

export function tenantSkus(t: TenantRecord): string[] {
  return t.skus ?? defaultSkus(t.id);
}

function override(ctx: SimContext, t: TenantRecord, item: CatalogueItem, date: string) {
  let found: { from: string; value: number } | undefined;
  for (const o of ctx.state.overrides) {
    if (o.tenantId === t.id && o.name === item.name && o.from <= date && (!found || o.from >= found.from))
      found = o;
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

/**
 * Usage of one offering item on one day: an override wins; customers get generated values for
 * their SKU subset while the item is enabled; partners and folders sum their descendants.
 */
export function dayValue(ctx: SimContext, t: TenantRecord, item: CatalogueItem, date: string): number {
  const o = override(ctx, t, item, date);
  if (o) return o.value;
  if (t.kind === "customer") {
    if (!existedOn(t, date) || !generatorApplies(t, item)) return 0;
    return generatedValue(t.id, item.name, item.usageName, date, t.usageSince);
  }
  if (t.kind === "unit") return 0;
  let sum = 0;
  for (const child of childrenOf(ctx, t.id, true)) {
    if (existedOn(child, date)) sum += dayValue(ctx, child, item, date);
  }
  return sum;
}

/** Acronis' absolute_value: equal to value except for cumulative (seconds) counters. */
export function absoluteValue(ctx: SimContext, t: TenantRecord, item: CatalogueItem, date: string): number {
  if (USAGE_PROFILES[item.usageName]?.kind !== "seconds" || override(ctx, t, item, date)) {
    return dayValue(ctx, t, item, date);
  }
  if (t.kind === "customer") {
    if (!existedOn(t, date) || !generatorApplies(t, item)) return 0;
    return generatedLifetime(t.id, item.name, item.usageName, date, t.usageSince);
  }
  let sum = 0;
  for (const child of childrenOf(ctx, t.id, true)) {
    if (existedOn(child, date)) sum += absoluteValue(ctx, child, item, date);
  }
  return sum;
}

export type UsageFilter = { usageNames?: string[]; editions?: string[] };

export function usageItems(ctx: SimContext, t: TenantRecord, filter: UsageFilter = {}): OiView[] {
  return tenantOis(ctx, t).filter(
    ({ item }) =>
      item.type !== "feature" &&
      (!filter.usageNames || filter.usageNames.includes(item.usageName)) &&
      (!filter.editions || filter.editions.includes(item.edition ?? "")),
  );
}

/** One `usageOutput` object (acronis-api.md §9.1). */
export function usageOutput(ctx: SimContext, t: TenantRecord, view: OiView, date: string) {
  const { item, rec } = view;
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
    absolute_value: absoluteValue(ctx, t, item, date),
    value: dayValue(ctx, t, item, date),
    offering_item: { status: rec.status, quota: { ...rec.quota } },
  };
}
