import { ACRONIS_INFRA_ID, type CatalogueItem, oiKey } from "./catalogue";
import type { SimContext } from "./context";
import { apiError } from "./http-kit";
import { blankTenant, type OiRecord, type PricingMode, type TenantKind, type TenantRecord } from "./state";
import { catalogueOf, childIds, indexNewTenant } from "./tenant-index";
import { fmtTs, newId } from "./util";

export const CONTACT_FIELDS = [
  "email",
  "address1",
  "address2",
  "country",
  "state",
  "city",
  "zipcode",
  "phone",
  "firstname",
  "lastname",
  "title",
  "website",
  "industry",
  "organization_size",
  "aan",
  "fax",
  "language",
] as const;

const CHILD_KINDS: Record<TenantKind, TenantKind[]> = {
  root: ["partner"],
  partner: ["partner", "folder", "customer"],
  folder: ["partner", "folder", "customer"],
  customer: ["unit"],
  unit: ["unit"],
};

export function canContain(parent: TenantKind, child: TenantKind): boolean {
  return CHILD_KINDS[parent].includes(child);
}

export function findTenant(ctx: SimContext, id: string, allowDeleted = false): TenantRecord | undefined {
  const t = ctx.state.tenants[id];
  return t && (allowDeleted || t.deletedAt === null) ? t : undefined;
}

/** True when the tenant is the API client's tenant or below it. */
export function inCallerSubtree(ctx: SimContext, id: string): boolean {
  let current = ctx.state.tenants[id];
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.id === ctx.state.rootTenantId) return true;
    if (current.parentId === current.id) return false;
    current = ctx.state.tenants[current.parentId];
  }
  return false;
}

/** 404 when unknown (or soft-deleted), 403 when outside the caller's subtree. */
export function visibleTenant(ctx: SimContext, id: string, allowDeleted = false): TenantRecord {
  const t = findTenant(ctx, id, allowDeleted);
  if (!t) throw apiError(404, `Tenant '${id}' not found.`);
  if (!inCallerSubtree(ctx, id)) throw apiError(403, `Access to tenant '${id}' is denied.`);
  return t;
}

/** Children of a tenant, deleted ones included, oldest first (from the parent index: no scan). */
export function allChildrenOf(ctx: SimContext, id: string): TenantRecord[] {
  return childIds(ctx.state, id).map((childId) => ctx.state.tenants[childId]!);
}

export function childrenOf(ctx: SimContext, id: string, allowDeleted = false): TenantRecord[] {
  const all = allChildrenOf(ctx, id);
  return allowDeleted ? all : all.filter((t) => t.deletedAt === null);
}

function hasLiveChildren(ctx: SimContext, id: string): boolean {
  return childIds(ctx.state, id).some((childId) => ctx.state.tenants[childId]!.deletedAt === null);
}

/** The tenant and all descendants, ordered by level. */
export function subtreeOf(ctx: SimContext, root: TenantRecord, allowDeleted = false): TenantRecord[] {
  const out: TenantRecord[] = [root];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(ctx, out[i]!.id, allowDeleted));
  return out;
}

export function ancestorsOf(ctx: SimContext, t: TenantRecord): string[] {
  const path: string[] = [];
  let current = t;
  while (current.id !== ctx.state.rootTenantId && current.parentId !== current.id) {
    path.unshift(current.parentId);
    const parent = ctx.state.tenants[current.parentId];
    if (!parent) break;
    current = parent;
  }
  return path;
}

/** A trial ends after one full calendar month: the 1st of the month after it. */
export function trialEndDate(createdAt: string): string {
  const d = new Date(createdAt);
  const monthsAhead = d.getUTCDate() === 1 ? 1 : 2;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsAhead, 1)).toISOString();
}

export function nextVersionStamp(ctx: SimContext, previous: number): number {
  return Math.max(ctx.now().getTime(), previous + 1);
}

/** Applies the automatic trial → production switch lazily, whenever a tenant is read. */
export function refreshPricing(ctx: SimContext, t: TenantRecord): void {
  const p = t.pricing;
  if (
    p.mode === "trial" &&
    p.productionStartDate &&
    Date.parse(p.productionStartDate) <= ctx.now().getTime()
  ) {
    p.mode = "production";
    p.leftTrialAt = p.productionStartDate;
    p.version = nextVersionStamp(ctx, p.version);
  }
}

export function createTenantRecord(
  ctx: SimContext,
  input: { name: string; kind: TenantKind; parentId: string; pricingMode?: PricingMode; createdAt?: Date },
): TenantRecord {
  const now = input.createdAt ?? ctx.now();
  const mode = input.pricingMode ?? (input.kind === "customer" ? ctx.opts.customerPricingMode : "production");
  const t = blankTenant({
    id: newId(),
    v1Id: ctx.state.nextV1Id++,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId,
    now,
    pricingMode: mode,
  });
  t.pricing.productionStartDate = mode === "trial" ? trialEndDate(t.createdAt) : t.createdAt;
  ctx.state.tenants[t.id] = t;
  indexNewTenant(ctx.state, t);
  return t;
}

export function markDeleted(ctx: SimContext, t: TenantRecord, iso: string): void {
  for (const child of childrenOf(ctx, t.id)) markDeleted(ctx, child, iso);
  for (const user of Object.values(ctx.state.users)) {
    if (user.tenantId === t.id && user.deletedAt === null) user.deletedAt = iso;
  }
  t.deletedAt = iso;
  t.updatedAt = iso;
  t.enabled = false;
}

export type OiView = { item: CatalogueItem; rec: OiRecord };

/**
 * An offering item of this datacenter by name; for `infra` items, on the given infrastructure (the
 * Acronis-hosted one when none is given). Undefined when the name or the infra does not exist.
 */
export function findItem(ctx: SimContext, name: string, infraId?: string | null): CatalogueItem | undefined {
  const matches = catalogueOf(ctx.state).filter((item) => item.name === name);
  if (matches.length === 0 || matches[0]!.infraId === null) return matches[0];
  const wanted = infraId ?? ACRONIS_INFRA_ID;
  return matches.find((item) => item.infraId === wanted);
}

export function defaultRecord(item: CatalogueItem, iso: string): OiRecord {
  return {
    name: item.name,
    infraId: item.infraId,
    status: 0,
    locked: false,
    quota: { value: null, overage: null, version: 0 },
    updatedAt: iso,
  };
}

/** Items a tenant can see: those enabled on its parent, plus its own records. */
export function tenantOis(ctx: SimContext, t: TenantRecord): OiView[] {
  if (t.kind === "root") return [];
  const parent = t.id === ctx.state.rootTenantId ? undefined : ctx.state.tenants[t.parentId];
  const parentEnabled = parent
    ? new Set(
        tenantOis(ctx, parent)
          .filter((v) => v.rec.status === 1)
          .map((v) => oiKey(v.item.name, v.item.infraId)),
      )
    : null;
  return catalogueOf(ctx.state).flatMap((item) => {
    const key = oiKey(item.name, item.infraId);
    const rec = t.offeringItems[key];
    if (rec) return [{ item, rec }];
    return parentEnabled?.has(key) ? [{ item, rec: defaultRecord(item, t.createdAt) }] : [];
  });
}

export function ensureOiRecord(t: TenantRecord, item: CatalogueItem, iso: string): OiRecord {
  const key = oiKey(item.name, item.infraId);
  t.offeringItems[key] ??= defaultRecord(item, iso);
  return t.offeringItems[key];
}

export function serializeOi(t: TenantRecord, { item, rec }: OiView, overrides: Record<string, unknown> = {}) {
  return {
    application_id: item.applicationId,
    name: item.name,
    edition: item.edition,
    usage_name: item.usageName,
    tenant_id: t.id,
    updated_at: fmtTs(rec.updatedAt),
    deleted_at: null,
    status: rec.status,
    locked: rec.locked,
    ...(item.type === "feature" ? {} : { quota: { ...rec.quota } }),
    type: item.type,
    ...(item.infraId ? { infra_id: item.infraId } : {}),
    measurement_unit: item.unit,
    ...overrides,
  };
}

export function serializeContact(c: Record<string, unknown>) {
  const out: Record<string, unknown> = {
    id: c.id,
    created_at: fmtTs(String(c.created_at)),
    updated_at: fmtTs(String(c.updated_at ?? c.created_at)),
    types: c.types ?? [],
  };
  for (const f of CONTACT_FIELDS) out[f] = c[f] ?? null;
  out.email_confirmed = c.email_confirmed ?? false;
  return out;
}

export type TenantView = {
  lod?: "stamps" | "basic" | "full";
  withContacts?: boolean;
  withOfferingItems?: boolean;
  embedPath?: boolean;
};

export function serializeTenant(ctx: SimContext, t: TenantRecord, view: TenantView = {}) {
  refreshPricing(ctx, t);
  const lod = view.lod ?? "full";
  const stamps: Record<string, unknown> = {
    id: t.id,
    parent_id: t.parentId,
    version: t.version,
    created_at: fmtTs(t.createdAt),
    updated_at: fmtTs(t.updatedAt),
    deleted_at: t.deletedAt ? fmtTs(t.deletedAt) : null,
    contacts: view.withContacts ? [serializeContact(t.contact)] : [],
  };
  if (view.withOfferingItems) stamps.offering_items = tenantOis(ctx, t).map((v) => serializeOi(t, v));
  if (view.embedPath) stamps.path = ancestorsOf(ctx, t);
  if (lod === "stamps") return stamps;
  const basic = { ...stamps, name: t.name, kind: t.kind, enabled: t.enabled };
  if (lod === "basic") return basic;
  return {
    ...basic,
    production_start_date: t.pricing.productionStartDate ? fmtTs(t.pricing.productionStartDate) : null,
    customer_type: t.customerType,
    contact: serializeContact(t.contact),
    customer_id: t.customerId,
    brand_id: null,
    brand_uuid: t.brandUuid,
    brand_enabled: false,
    barrier: 0,
    internal_tag: t.internalTag,
    language: t.language,
    owner_id: t.ownerId,
    has_children: hasLiveChildren(ctx, t.id),
    default_idp_id: t.defaultIdpId,
    update_lock: { ...t.updateLock },
    ancestral_access: t.ancestralAccess,
    mfa_status: t.mfaStatus,
    pricing_mode: t.pricing.mode,
    external_operation_status: t.externalOperationStatus,
  };
}
