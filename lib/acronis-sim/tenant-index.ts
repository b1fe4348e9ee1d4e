// Lookups derived from SimState, so that listing a tenant's children or subtree costs the size of the
// answer rather than a scan of every tenant. The state stays plain JSON (it is persisted as is); the
// index hangs off the state object in a WeakMap, is rebuilt whenever that object is new (start, load,
// `/__sim/reset`) and is kept current by every create and move (deletes are soft: tenants stay).
import { type CatalogueItem, expandCatalogue } from "./catalogue";
import type { SimState, TenantRecord, UsageOverride } from "./state";

type TenantIndex = {
  /** Child ids per parent id, in creation order (created_at, then v1 id), deleted ones included. */
  children: Map<string, string[]>;
  /** Usage overrides per tenant id, in the order they were set. */
  overrides: Map<string, UsageOverride[]>;
  catalogue: CatalogueItem[] | null;
};

const indexes = new WeakMap<SimState, TenantIndex>();

function before(a: TenantRecord, b: TenantRecord): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.v1Id < b.v1Id);
}

function insertChild(state: SimState, index: TenantIndex, t: TenantRecord): void {
  let list = index.children.get(t.parentId);
  if (!list) {
    list = [];
    index.children.set(t.parentId, list);
  }
  // Tenants arrive mostly in creation order: scan from the end for the insertion point.
  let at = list.length;
  while (at > 0 && before(t, state.tenants[list[at - 1]!]!)) at--;
  list.splice(at, 0, t.id);
}

function build(state: SimState): TenantIndex {
  const index: TenantIndex = { children: new Map(), overrides: new Map(), catalogue: null };
  const tenants = Object.values(state.tenants)
    .filter((t) => t.parentId !== t.id)
    .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  for (const t of tenants) {
    const list = index.children.get(t.parentId);
    if (list) list.push(t.id);
    else index.children.set(t.parentId, [t.id]);
  }
  for (const o of state.overrides) addOverrideTo(index, o);
  return index;
}

function indexOf(state: SimState): TenantIndex {
  let index = indexes.get(state);
  if (!index) {
    index = build(state);
    indexes.set(state, index);
  }
  return index;
}

/** Ids of the tenant's children (deleted ones included), oldest first. Do not mutate. */
export function childIds(state: SimState, parentId: string): readonly string[] {
  return indexOf(state).children.get(parentId) ?? [];
}

/** Records a tenant just added to `state.tenants`. */
export function indexNewTenant(state: SimState, t: TenantRecord): void {
  // An index built by this very call read `t` from state.tenants already: inserting it again listed it twice.
  const built = indexes.has(state);
  const index = indexOf(state);
  if (built && t.parentId !== t.id) insertChild(state, index, t);
}

/** Records a tenant whose `parentId` changed from `fromParentId` (already set on the record). */
export function indexMovedTenant(state: SimState, t: TenantRecord, fromParentId: string): void {
  const index = indexOf(state);
  const old = index.children.get(fromParentId);
  const at = old?.indexOf(t.id) ?? -1;
  if (old && at >= 0) old.splice(at, 1);
  insertChild(state, index, t);
}

function addOverrideTo(index: TenantIndex, o: UsageOverride): void {
  const list = index.overrides.get(o.tenantId);
  if (list) list.push(o);
  else index.overrides.set(o.tenantId, [o]);
}

/** Appends a usage override to the state and the index. */
export function addOverride(state: SimState, o: UsageOverride): void {
  state.overrides.push(o);
  addOverrideTo(indexOf(state), o);
}

export function overridesOf(state: SimState, tenantId: string): readonly UsageOverride[] {
  return indexOf(state).overrides.get(tenantId) ?? [];
}

/** The offering items of this datacenter's current infrastructures (see `expandCatalogue`). */
export function catalogueOf(state: SimState): CatalogueItem[] {
  const index = indexOf(state);
  index.catalogue ??= expandCatalogue(Object.values(state.infras));
  return index.catalogue;
}

/** Call after adding or changing an infrastructure. */
export function infrasChanged(state: SimState): void {
  indexOf(state).catalogue = null;
}
