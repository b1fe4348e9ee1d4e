import { z } from "zod";
import { APP_IDS, APPLICATIONS } from "../catalogue";
import type { SimContext } from "../context";
import { apiError, noContent, ok, queryUuidList, readBody, type SimRequest } from "../http-kit";
import { tenantOis, visibleTenant } from "../model";
import { route } from "../router";
import type { TenantRecord } from "../state";

function application(id: string | undefined) {
  const app = APPLICATIONS.find((a) => a.id === id);
  if (!app) throw apiError(404, `Application '${id}' not found.`);
  return app;
}

function boundApplications(ctx: SimContext, t: TenantRecord): string[] {
  const ids = new Set([APP_IDS.platform, ...t.boundApplications]);
  for (const { item, rec } of tenantOis(ctx, t)) if (rec.status === 1) ids.add(item.applicationId);
  return APPLICATIONS.map((a) => a.id).filter((id) => ids.has(id));
}

const READ_WRITE = ["tier_level_value", "licensing_mode"];
const READ_ONLY = ["contract_type", "acronis_account_number", "pricing_info"];

function settingDefault(ctx: SimContext, t: TenantRecord, name: string): unknown {
  const isDistributor = t.id === ctx.state.rootTenantId;
  switch (name) {
    case "tier_level_value":
      return -1;
    case "licensing_mode":
      return "per_device";
    case "contract_type":
      return isDistributor ? "distributor" : "partner";
    case "acronis_account_number":
      return isDistributor ? `SIM-${t.v1Id}` : null;
    default:
      return null;
  }
}

function settingTarget(ctx: SimContext, req: SimRequest) {
  if (req.params.application_id !== APP_IDS.platform) application(req.params.application_id);
  const name = req.params.setting_name ?? "";
  if (req.params.application_id !== APP_IDS.platform || ![...READ_WRITE, ...READ_ONLY].includes(name)) {
    throw apiError(404, `Setting '${name}' not found.`);
  }
  const t = visibleTenant(ctx, req.params.tenant_id!);
  if (t.kind !== "partner") throw apiError(400, `Setting '${name}' is available for partner tenants only.`);
  return { t, name };
}

function settingBody(ctx: SimContext, t: TenantRecord, name: string) {
  const own = t.settings[name] ?? null;
  return {
    name,
    application_id: APP_IDS.platform,
    own: own ? { ...own } : null,
    effective: {
      owner: { type: "tenant", id: own ? t.id : ctx.state.acronisRootId },
      value: own ? own.value : settingDefault(ctx, t, name),
      lock: own?.lock ?? false,
    },
  };
}

const SettingPut = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown()), z.null()]),
  lock: z.boolean().optional(),
  exclusive: z.boolean().optional(),
});

function putSetting(ctx: SimContext, req: SimRequest) {
  const { t, name } = settingTarget(ctx, req);
  const body = readBody(req, SettingPut);
  if (READ_ONLY.includes(name)) throw apiError(403, `Setting '${name}' is read-only.`);
  if (name === "tier_level_value") {
    const [min, max] = ctx.opts.tierLevelRange;
    if (
      typeof body.value !== "number" ||
      !Number.isInteger(body.value) ||
      body.value < min ||
      body.value > max
    ) {
      throw apiError(400, `Setting 'tier_level_value' must be an integer from ${min} to ${max}.`);
    }
  }
  if (name === "licensing_mode" && body.value !== "per_gb" && body.value !== "per_device") {
    throw apiError(400, "Setting 'licensing_mode' must be 'per_gb' or 'per_device'.");
  }
  t.settings[name] = { value: body.value, lock: body.lock ?? false, exclusive: body.exclusive ?? false };
  return ok(settingBody(ctx, t, name));
}

function deleteSetting(ctx: SimContext, req: SimRequest) {
  const { t, name } = settingTarget(ctx, req);
  if (READ_ONLY.includes(name)) throw apiError(403, `Setting '${name}' is read-only.`);
  delete t.settings[name];
  return noContent();
}

function binding(enable: boolean) {
  return (ctx: SimContext, req: SimRequest) => {
    const app = application(req.params.application_id);
    const t = visibleTenant(ctx, req.params.tenant_id!);
    t.boundApplications = t.boundApplications.filter((id) => id !== app.id);
    if (enable) t.boundApplications.push(app.id);
    return noContent();
  };
}

export const applicationRoutes = [
  route("GET", "/api/2/applications", () => ok({ items: APPLICATIONS })),
  route("GET", "/api/2/applications/:application_id", (_ctx, req) =>
    ok(application(req.params.application_id)),
  ),
  route("GET", "/api/2/tenants/:tenant_id/applications", (ctx, req) =>
    ok({ items: boundApplications(ctx, visibleTenant(ctx, req.params.tenant_id!)) }),
  ),
  route("GET", "/api/2/tenants/applications", (ctx, req) => {
    const ids = queryUuidList(req, "tenants");
    if (!ids || ids.length === 0) throw apiError(400, "Query parameter 'tenants' is required.");
    const items = ids.map((id) => ({
      tenant: id,
      applications: boundApplications(ctx, visibleTenant(ctx, id)),
    }));
    return ok({ items });
  }),
  route("POST", "/api/2/applications/:application_id/bindings/tenants/:tenant_id", binding(true)),
  route("DELETE", "/api/2/applications/:application_id/bindings/tenants/:tenant_id", binding(false)),
  route(
    "GET",
    "/api/2/applications/:application_id/settings/tenants/:tenant_id/:setting_name",
    (ctx, req) => {
      const { t, name } = settingTarget(ctx, req);
      return ok(settingBody(ctx, t, name));
    },
  ),
  route("PUT", "/api/2/applications/:application_id/settings/tenants/:tenant_id/:setting_name", putSetting),
  route(
    "DELETE",
    "/api/2/applications/:application_id/settings/tenants/:tenant_id/:setting_name",
    deleteSetting,
  ),
];
