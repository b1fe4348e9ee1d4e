// Test/demo control API under /__sim/ — never part of the Acronis surface under /api/2.
import { z } from "zod";
import { ACRONIS_INFRA_ID, type CatalogueItem, SIM_LOCATION_ID } from "./catalogue";
import type { FaultRule, SimContext } from "./context";
import { apiError, noContent, ok, parseWith, type SimRequest } from "./http-kit";
import {
  canContain,
  createTenantRecord,
  ensureOiRecord,
  findItem,
  findTenant,
  serializeTenant,
  tenantOis,
} from "./model";
import { route } from "./router";
import { serializeInfra } from "./routes/infra";
import { Uuid } from "./routes/schemas";
import { activateUser } from "./routes/users";
import { createSeedState, type InfraRecord } from "./state";
import { addOverride, catalogueOf, infrasChanged } from "./tenant-index";
import { tenantSkus } from "./usage";
import { defaultSkus } from "./usage-generator";
import { addDays, DAY_MS, dateOf, monthStart, newId } from "./util";

let nextFaultId = 1;

function body<T>(req: SimRequest, schema: z.ZodType<T>): T {
  const text = req.body.toString("utf8").trim();
  let value: unknown = {};
  if (text !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw apiError(400, "Request body is not valid JSON.");
    }
  }
  return parseWith(schema, value);
}

const DateLike = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be a date");

const TenantInput = z.strictObject({
  parent_id: z.string(),
  name: z.string().min(1),
  kind: z.enum(["partner", "folder", "customer", "unit"]).default("customer"),
  pricing_mode: z.enum(["trial", "production", "suspended"]).default("production"),
  /** Trial: when the tenant switches to production (default: the 1st after a full month). */
  production_start_date: DateLike.optional(),
  external_operation_status: z.enum(["deleting", "recovering", "no_operation"]).nullable().optional(),
  created_at: DateLike.optional(),
  usage_since: DateLike.optional(),
  skus: z.array(z.string()).optional(),
  internal_tag: z.string().nullable().optional(),
  customer_id: z.string().nullable().optional(),
  enabled: z.boolean().optional(),
});

function createTenant(ctx: SimContext, req: SimRequest) {
  const input = body(req, TenantInput);
  const parent = findTenant(ctx, input.parent_id);
  if (!parent) throw apiError(404, `Parent tenant '${input.parent_id}' not found.`);
  if (!canContain(parent.kind, input.kind))
    throw apiError(400, `A '${input.kind}' cannot live in a '${parent.kind}'.`);
  const createdAt = input.created_at ? new Date(input.created_at) : undefined;
  const t = createTenantRecord(ctx, {
    name: input.name,
    kind: input.kind,
    parentId: parent.id,
    pricingMode: input.pricing_mode,
    createdAt,
  });
  t.internalTag = input.internal_tag ?? null;
  t.customerId = input.customer_id ?? null;
  t.enabled = input.enabled ?? true;
  t.externalOperationStatus = input.external_operation_status ?? null;
  if (input.production_start_date)
    t.pricing.productionStartDate = new Date(input.production_start_date).toISOString();
  // A reseller's customer usually existed before it shows up here: default history starts last month.
  t.usageSince = input.usage_since
    ? dateOf(input.usage_since)
    : monthStart(addDays(monthStart(dateOf(createdAt ?? ctx.now())), -1));
  if (input.kind === "customer") {
    const unknown = input.skus?.find((name) => !findItem(ctx, name));
    if (unknown) throw apiError(400, `Unknown offering item '${unknown}'.`);
    t.skus = input.skus ?? defaultSkus(t.id);
    for (const name of t.skus) ensureOiRecord(t, findItem(ctx, name)!, t.createdAt).status = 1;
  }
  return ok({ ...serializeTenant(ctx, t), skus: t.kind === "customer" ? tenantSkus(t) : [] }, 201);
}

/**
 * The offering item a usage or offering-item name means for this tenant. `infraId` picks the storage
 * of an `infra` item (default: the Acronis-hosted one).
 */
function resolveItem(ctx: SimContext, tenantId: string, name: string, infraId?: string): CatalogueItem {
  const catalogue = catalogueOf(ctx.state);
  const onInfra = (item: CatalogueItem) =>
    infraId === undefined
      ? item.infraId === null || item.infraId === ACRONIS_INFRA_ID
      : item.infraId === infraId;
  if (catalogue.some((item) => item.name === name)) {
    const item = findItem(ctx, name, infraId);
    if (!item || (infraId !== undefined && item.infraId !== infraId)) {
      throw apiError(400, `Offering item '${name}' does not exist on infrastructure '${infraId}'.`);
    }
    return item;
  }
  const t = findTenant(ctx, tenantId);
  const views = t ? tenantOis(ctx, t).filter((v) => v.item.usageName === name && onInfra(v.item)) : [];
  const found =
    views.find((v) => v.rec.status === 1)?.item ??
    views[0]?.item ??
    catalogue.find((i) => i.usageName === name && i.edition === "pck_per_workload" && onInfra(i)) ??
    catalogue.find((i) => i.usageName === name && onInfra(i));
  if (!found) throw apiError(400, `Unknown usage or offering item '${name}'.`);
  return found;
}

const UsageInput = z.strictObject({
  tenant_id: z.string(),
  usage_name: z.string().min(1),
  /** The storage of an `infra` item (pw_base_storage, pg_base_storage, dr and fc storage). */
  infra_id: Uuid.optional(),
  from: DateLike.optional(),
  value: z.number().int().min(0),
});

function setUsage(ctx: SimContext, req: SimRequest) {
  const input = body(req, UsageInput);
  const t = findTenant(ctx, input.tenant_id);
  if (!t) throw apiError(404, `Tenant '${input.tenant_id}' not found.`);
  const item = resolveItem(ctx, t.id, input.usage_name, input.infra_id);
  if (t.kind === "customer") ensureOiRecord(t, item, t.createdAt).status = 1;
  const from = input.from ? dateOf(input.from) : ctx.today();
  addOverride(ctx.state, {
    tenantId: t.id,
    name: item.name,
    infraId: item.infraId,
    from,
    value: input.value,
  });
  return ok({
    tenant_id: t.id,
    name: item.name,
    usage_name: item.usageName,
    infra_id: item.infraId,
    from,
    value: input.value,
  });
}

const InfraInput = z.strictObject({
  id: Uuid.optional(),
  name: z.string().min(1),
  owner_tenant_id: z.string(),
  platform_owned: z.boolean().default(false),
  backend_type: z.string().nullable().default(null),
  capabilities: z
    .array(z.enum(["backup", "disaster_recovery", "files_cloud"]))
    .min(1)
    .default(["backup"]),
  url: z.string().optional(),
});

/**
 * Registers a storage infrastructure (a partner's own storage, another hyperscaler, …). Its offering
 * items are enabled on the owner, which offers its own storage to its sub-tenants.
 */
function registerInfra(ctx: SimContext, req: SimRequest) {
  const input = body(req, InfraInput);
  const owner = findTenant(ctx, input.owner_tenant_id);
  if (!owner) throw apiError(404, `Tenant '${input.owner_tenant_id}' not found.`);
  const id = input.id ?? newId();
  if (ctx.state.infras[id]) throw apiError(409, `Infrastructure component '${id}' already exists.`);
  const infra: InfraRecord = {
    id,
    name: input.name,
    ownerTenantId: owner.id,
    locationId: SIM_LOCATION_ID,
    platformOwned: input.platform_owned,
    url: input.url ?? `acronis+fes://${id.slice(0, 8)}.storage.example:44445`,
    capabilities: input.capabilities,
    backendType: input.backend_type,
    version: 1,
  };
  ctx.state.infras[id] = infra;
  infrasChanged(ctx.state);
  const iso = ctx.now().toISOString();
  for (const item of catalogueOf(ctx.state))
    if (item.infraId === id) ensureOiRecord(owner, item, iso).status = 1;
  return ok(serializeInfra(ctx, infra), 201);
}

const ClockInput = z.strictObject({
  now: DateLike.optional(),
  advance_days: z.number().optional(),
  advance_ms: z.number().optional(),
});

function setClock(ctx: SimContext, req: SimRequest) {
  const input = body(req, ClockInput);
  const current = ctx.now().getTime();
  const base = current - ctx.state.clockOffsetMs;
  let target = current;
  if (input.now) target = Date.parse(input.now);
  target += (input.advance_days ?? 0) * DAY_MS + (input.advance_ms ?? 0);
  ctx.state.clockOffsetMs = target - base;
  return ok({ now: ctx.now().toISOString() });
}

const FaultInput = z.strictObject({
  count: z.number().int().min(1).nullable().optional(),
  method: z.string().optional(),
  path: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  retry_after: z.union([z.number(), z.string()]).optional(),
  latency_ms: z.number().int().min(0).optional(),
  expire_tokens: z.boolean().optional(),
  /** Carry the request out, then answer with `status`: a response lost on its way back. */
  lose_answer: z.boolean().optional(),
});

function addFault(ctx: SimContext, req: SimRequest) {
  const input = body(req, FaultInput);
  if (input.expire_tokens) {
    const nowMs = ctx.now().getTime();
    for (const token of Object.values(ctx.state.tokens))
      token.expiresAtMs = Math.min(token.expiresAtMs, nowMs);
  }
  if (input.status !== undefined || input.latency_ms !== undefined) {
    const headers = { ...input.headers };
    if (input.retry_after !== undefined) headers["retry-after"] = String(input.retry_after);
    const rule: FaultRule = {
      id: nextFaultId++,
      method: input.method?.toUpperCase() ?? null,
      path: input.path ?? null,
      remaining: input.count === null ? null : (input.count ?? 1),
      status: input.status ?? null,
      body: input.body,
      headers,
      latencyMs: input.latency_ms ?? 0,
      loseAnswer: input.lose_answer === true && input.status !== undefined,
    };
    ctx.faults.push(rule);
  }
  return ok({ faults: ctx.faults });
}

function stateSummary(ctx: SimContext) {
  const s = ctx.state;
  return {
    now: ctx.now().toISOString(),
    root_tenant_id: s.rootTenantId,
    client_id: s.client.id,
    tokens_issued: s.tokensIssued,
    tenants: Object.values(s.tenants)
      .filter((t) => t.id !== s.acronisRootId)
      .map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        parent_id: t.parentId,
        enabled: t.enabled,
        version: t.version,
        pricing_mode: t.pricing.mode,
        production_start_date: t.pricing.productionStartDate,
        internal_tag: t.internalTag,
        deleted: t.deletedAt !== null,
        skus: t.kind === "customer" ? tenantSkus(t) : undefined,
        settings: Object.fromEntries(Object.entries(t.settings).map(([k, v]) => [k, v.value])),
        enabled_offering_items: Object.values(t.offeringItems)
          .filter((o) => o.status === 1)
          .map((o) => o.name),
      })),
    users: Object.values(s.users).map((u) => ({
      id: u.id,
      login: u.login,
      tenant_id: u.tenantId,
      activated: u.activated,
      deleted: u.deletedAt !== null,
      roles: (s.policies[u.id] ?? []).map((p) => p.role_id),
    })),
    activation_emails: s.outbox,
    usage_overrides: s.overrides,
    infras: Object.values(s.infras).map((i) => serializeInfra(ctx, i)),
    reports: Object.keys(s.reports).length,
  };
}

function reset(ctx: SimContext) {
  const { client, rootTenantId } = ctx.state;
  ctx.state = createSeedState({
    clientId: client.id,
    clientSecret: client.secret,
    rootTenantId,
    now: ctx.now(),
  });
  ctx.state.clockOffsetMs = 0;
  ctx.faults.length = 0;
  ctx.requestLog.length = 0;
  ctx.reportFiles.clear();
  return ok(stateSummary(ctx));
}

const OiInput = z.strictObject({
  tenant_id: z.string(),
  name: z.string(),
  infra_id: Uuid.optional(),
  status: z.union([z.literal(0), z.literal(1)]).optional(),
  locked: z.boolean().optional(),
});

function setOfferingItem(ctx: SimContext, req: SimRequest) {
  const input = body(req, OiInput);
  const t = findTenant(ctx, input.tenant_id);
  const item = findItem(ctx, input.name, input.infra_id);
  if (!t || !item) throw apiError(404, "Tenant or offering item not found.");
  const rec = ensureOiRecord(t, item, ctx.now().toISOString());
  if (input.status !== undefined) rec.status = input.status;
  if (input.locked !== undefined) rec.locked = input.locked;
  return ok({ tenant_id: t.id, ...rec });
}

export const controlRoutes = [
  route("POST", "/__sim/tenants", createTenant, { auth: false }),
  route("POST", "/__sim/usage", setUsage, { auth: false }),
  route(
    "GET",
    "/__sim/infra",
    (ctx) => ok({ items: Object.values(ctx.state.infras).map((i) => serializeInfra(ctx, i)) }),
    { auth: false },
  ),
  route("POST", "/__sim/infra", registerInfra, { auth: false }),
  route("GET", "/__sim/clock", (ctx) => ok({ now: ctx.now().toISOString() }), { auth: false }),
  route("POST", "/__sim/clock", setClock, { auth: false }),
  route("GET", "/__sim/faults", (ctx) => ok({ faults: ctx.faults }), { auth: false }),
  route("POST", "/__sim/faults", addFault, { auth: false }),
  route(
    "DELETE",
    "/__sim/faults",
    (ctx) => {
      ctx.faults.length = 0;
      return noContent();
    },
    { auth: false },
  ),
  route("GET", "/__sim/state", (ctx) => ok(stateSummary(ctx)), { auth: false }),
  route("POST", "/__sim/reset", reset, { auth: false }),
  route(
    "POST",
    "/__sim/users/:user_id/activate",
    (ctx, req) => ok({ id: activateUser(ctx, req.params.user_id!).id }),
    {
      auth: false,
    },
  ),
  route("POST", "/__sim/offering_items", setOfferingItem, { auth: false }),
  route("GET", "/__sim/requests", (ctx) => ok({ items: ctx.requestLog }), { auth: false }),
  route(
    "DELETE",
    "/__sim/requests",
    (ctx) => {
      ctx.requestLog.length = 0;
      return noContent();
    },
    { auth: false },
  ),
];
