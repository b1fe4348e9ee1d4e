import { z } from "zod";
import type { SimContext } from "../context";
import {
  apiError,
  nameConflict,
  noContent,
  ok,
  queryBool,
  queryInt,
  queryUuidList,
  readBody,
  requireUuid,
  type SimRequest,
  versionConflict,
} from "../http-kit";
import {
  canContain,
  childrenOf,
  createTenantRecord,
  findTenant,
  inCallerSubtree,
  markDeleted,
  nextVersionStamp,
  refreshPricing,
  serializeTenant,
  subtreeOf,
  type TenantView,
  trialEndDate,
  visibleTenant,
} from "../model";
import { pageOf, resolveCursor } from "../paging";
import { route } from "../router";
import type { TenantRecord } from "../state";
import { indexMovedTenant } from "../tenant-index";
import { fmtTs } from "../util";
import { PricingPut, TenantPost, TenantPut } from "./schemas";

function assertUniqueName(ctx: SimContext, parentId: string, name: string, selfId?: string): void {
  if (!ctx.opts.uniqueSiblingNames) return;
  const clash = childrenOf(ctx, parentId).find(
    (t) => t.id !== selfId && t.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw nameConflict(`A tenant named '${name}' already exists in this parent.`);
}

function applyCommon(ctx: SimContext, t: TenantRecord, body: Partial<z.infer<typeof TenantPost>>): void {
  const iso = ctx.now().toISOString();
  if (body.contact) Object.assign(t.contact, body.contact, { updated_at: iso });
  if (body.enabled !== undefined) t.enabled = body.enabled;
  if (body.customer_id !== undefined) t.customerId = body.customer_id;
  if (body.internal_tag !== undefined) t.internalTag = body.internal_tag;
  if (body.language !== undefined) t.language = body.language;
  if (body.default_idp_id !== undefined) t.defaultIdpId = body.default_idp_id;
  if (body.ancestral_access !== undefined) t.ancestralAccess = body.ancestral_access;
  if (body.update_lock) {
    t.updateLock = {
      enabled: body.update_lock.enabled,
      owner_id: body.update_lock.enabled ? ctx.state.rootTenantId : null,
    };
  }
}

function createTenant(ctx: SimContext, req: SimRequest) {
  const body = readBody(req, TenantPost);
  const parent = findTenant(ctx, body.parent_id);
  if (!parent || !inCallerSubtree(ctx, parent.id)) {
    throw apiError(403, `Parent tenant '${body.parent_id}' is not accessible.`);
  }
  if (!canContain(parent.kind, body.kind)) {
    throw apiError(400, `A tenant of kind '${body.kind}' cannot be created in a '${parent.kind}' tenant.`);
  }
  assertUniqueName(ctx, parent.id, body.name);
  const t = createTenantRecord(ctx, { name: body.name, kind: body.kind, parentId: parent.id });
  applyCommon(ctx, t, body);
  return ok(serializeTenant(ctx, t), 201);
}

function tenantView(req: SimRequest, query: URLSearchParams): TenantView {
  const q = { ...req, query };
  const lod = query.get("lod") ?? "full";
  if (lod !== "stamps" && lod !== "basic" && lod !== "full") throw apiError(400, `Invalid lod '${lod}'.`);
  return {
    lod,
    withContacts: queryBool(q, "with_contacts"),
    withOfferingItems: queryBool(q, "with_offering_items") || queryBool(q, "expand_offering_items"),
    embedPath: queryBool(q, "include_relative_path"),
  };
}

function listTenants(ctx: SimContext, req: SimRequest) {
  const { query, offset } = resolveCursor(req);
  const q = { ...req, query };
  const uuids = queryUuidList(q, "uuids");
  const parentId = query.get("parent_id");
  const subtreeId = query.get("subtree_root_id");
  if ([uuids, parentId, subtreeId].filter((v) => v !== undefined && v !== null).length !== 1) {
    throw apiError(400, "Exactly one of 'uuids', 'parent_id', 'subtree_root_id' is required.");
  }
  const allowDeleted = queryBool(q, "allow_deleted");
  let items: TenantRecord[];
  if (uuids) {
    if (uuids.length > 100) throw apiError(400, "Query parameter 'uuids' accepts at most 100 values.");
    items = uuids.map((id) => visibleTenant(ctx, id, allowDeleted));
  } else if (parentId) {
    items = childrenOf(ctx, visibleTenant(ctx, requireUuid(parentId, "parent_id")).id, allowDeleted);
  } else {
    items = subtreeOf(ctx, visibleTenant(ctx, requireUuid(subtreeId!, "subtree_root_id")), allowDeleted);
  }
  const since = query.get("updated_since");
  if (since) {
    const sinceMs = Date.parse(since);
    if (Number.isNaN(sinceMs)) throw apiError(400, `Invalid updated_since '${since}'.`);
    items = items.filter((t) => Date.parse(t.updatedAt) >= sinceMs);
  }
  const view = tenantView(req, query);
  const page = pageOf(req, query, offset, items);
  return ok({
    timestamp: fmtTs(ctx.now()),
    ...page,
    items: page.items.map((t) => serializeTenant(ctx, t, view)),
  });
}

const ORDERS: Record<string, (a: TenantRecord, b: TenantRecord) => number> = {
  as_is: () => 0,
  name: (a, b) => a.name.localeCompare(b.name),
  status: (a, b) => Number(b.enabled) - Number(a.enabled),
};

function listChildren(ctx: SimContext, req: SimRequest) {
  const { query, offset } = resolveCursor(req);
  const parent = visibleTenant(ctx, req.params.tenant_id!);
  const order = query.get("order") ?? "name";
  const key = order.replace(/^-/, "");
  const compare = ORDERS[key] ?? (key.startsWith("usage.") ? ORDERS.as_is : undefined);
  if (!compare) throw apiError(400, `Invalid order '${order}'.`);
  const sign = order.startsWith("-") ? -1 : 1;
  const items = childrenOf(ctx, parent.id, queryBool({ ...req, query }, "allow_deleted"))
    .sort((a, b) => sign * compare(a, b))
    .map((t) => t.id);
  return ok(pageOf(req, query, offset, items));
}

function getTenant(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!, queryBool(req, "allow_deleted"));
  return ok(serializeTenant(ctx, t, { embedPath: queryBool(req, "embed_path") }));
}

function assertVersion(current: number, given: number | undefined, what: string): void {
  if (given !== current) {
    throw versionConflict(`The ${what} was modified by someone else: version ${given} is stale.`, {
      current_version: current,
    });
  }
}

function updateTenant(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const body = readBody(req, TenantPut);
  assertVersion(t.version, body.version, "tenant");
  const isCaller = t.id === ctx.state.rootTenantId;
  if (body.kind !== undefined && body.kind !== t.kind) {
    const swappable = ["partner", "folder"];
    if (isCaller || !swappable.includes(body.kind) || !swappable.includes(t.kind)) {
      throw apiError(400, `Kind can only be changed between 'partner' and 'folder'.`);
    }
  }
  if (body.parent_id !== undefined && body.parent_id !== t.parentId) {
    const parent = findTenant(ctx, body.parent_id);
    if (isCaller || !parent || !inCallerSubtree(ctx, parent.id))
      throw apiError(403, "Target parent is not accessible.");
    if (subtreeOf(ctx, t).some((d) => d.id === parent.id) || !canContain(parent.kind, body.kind ?? t.kind)) {
      throw apiError(400, "The tenant cannot be moved to this parent.");
    }
  }
  if (body.name !== undefined && body.name !== t.name)
    assertUniqueName(ctx, body.parent_id ?? t.parentId, body.name, t.id);
  applyCommon(ctx, t, body);
  if (body.name !== undefined) t.name = body.name;
  if (body.kind !== undefined) t.kind = body.kind;
  if (body.parent_id !== undefined && body.parent_id !== t.parentId) {
    const from = t.parentId;
    t.parentId = body.parent_id;
    indexMovedTenant(ctx.state, t, from);
  }
  if (body.customer_type !== undefined) t.customerType = body.customer_type;
  if (body.external_operation_status !== undefined)
    t.externalOperationStatus = body.external_operation_status;
  t.version += 1;
  t.updatedAt = ctx.now().toISOString();
  return ok(serializeTenant(ctx, t));
}

function deleteTenant(ctx: SimContext, req: SimRequest) {
  const version = queryInt(req, "version");
  if (version === undefined) throw apiError(400, "Query parameter 'version' is required.");
  const t = visibleTenant(ctx, req.params.tenant_id!);
  if (t.id === ctx.state.rootTenantId) throw apiError(403, "The API client's own tenant cannot be deleted.");
  assertVersion(t.version, version, "tenant");
  if (t.enabled) {
    throw apiError(400, `It is prohibited to delete a non-disabled tenant "${t.v1Id}"`, {
      code: 1006,
      message: "It is prohibited to delete a non-disabled tenant.",
      context: { id: String(t.v1Id) },
    });
  }
  markDeleted(ctx, t, ctx.now().toISOString());
  return noContent();
}

function pricingBody(ctx: SimContext, t: TenantRecord) {
  refreshPricing(ctx, t);
  const p = t.pricing;
  return {
    mode: p.mode,
    currency: p.currency,
    version: p.version,
    production_start_date: p.productionStartDate ? fmtTs(p.productionStartDate) : null,
  };
}

function putPricing(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const body = readBody(req, PricingPut);
  refreshPricing(ctx, t);
  assertVersion(t.pricing.version, body.version, "pricing settings");
  const p = t.pricing;
  if (body.mode !== undefined && body.mode !== p.mode) {
    // Trial → production happens once and is irreversible. A tenant that never was in trial (a new
    // partner starts in production) may still be put into trial [I].
    if (body.mode === "trial" && p.leftTrialAt) {
      throw apiError(
        400,
        "A tenant can be switched from trial to production only once; it cannot return to trial.",
      );
    }
    const iso = ctx.now().toISOString();
    if (body.mode === "trial") p.productionStartDate = trialEndDate(iso);
    else if (p.mode === "trial") p.productionStartDate = p.leftTrialAt = iso;
    p.mode = body.mode;
  }
  if (body.currency !== undefined) p.currency = body.currency;
  p.version = nextVersionStamp(ctx, p.version);
  return ok(pricingBody(ctx, t));
}

/**
 * `GET /tenants/{id}/mfa/status` (developer.acronis.com "Checking a tenant's two-factor authentication
 * status"). A unit inherits its parent's setting and cannot change it. The simulator has no TOTP
 * enrolment: `users_with_totp_enabled_count` is 0.
 */
function mfaBody(ctx: SimContext, t: TenantRecord) {
  const source = t.kind === "unit" ? (findTenant(ctx, t.parentId) ?? t) : t;
  const users = Object.values(ctx.state.users).filter((u) => u.tenantId === t.id && u.deletedAt === null);
  return {
    mfa_status: source.mfaStatus,
    users_with_totp_enabled_count: 0,
    users_count: users.length,
    update_allowed: t.kind !== "unit",
  };
}

/** `PUT /tenants/{id}/mfa/status {enabled}` → 200 with the status body (same tutorial, "Toggling"). */
function putMfaStatus(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const body = readBody(req, z.strictObject({ enabled: z.boolean() }));
  if (t.kind === "unit")
    throw apiError(400, "Two-factor authentication of a unit is inherited from its parent.");
  t.mfaStatus = body.enabled ? "enabled" : "disabled";
  t.updatedAt = ctx.now().toISOString();
  return ok(mfaBody(ctx, t));
}

export const tenantRoutes = [
  route("POST", "/api/2/tenants", createTenant),
  route("GET", "/api/2/tenants", listTenants),
  route("GET", "/api/2/tenants/:tenant_id", getTenant),
  route("PUT", "/api/2/tenants/:tenant_id", updateTenant),
  route("DELETE", "/api/2/tenants/:tenant_id", deleteTenant),
  route("GET", "/api/2/tenants/:tenant_id/children", listChildren),
  route("GET", "/api/2/tenants/:tenant_id/pricing", (ctx, req) =>
    ok(pricingBody(ctx, visibleTenant(ctx, req.params.tenant_id!))),
  ),
  route("PUT", "/api/2/tenants/:tenant_id/pricing", putPricing),
  route("GET", "/api/2/tenants/:tenant_id/mfa/status", (ctx, req) =>
    ok(mfaBody(ctx, visibleTenant(ctx, req.params.tenant_id!))),
  ),
  route("PUT", "/api/2/tenants/:tenant_id/mfa/status", putMfaStatus),
];
