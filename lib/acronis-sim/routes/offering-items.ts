import type { z } from "zod";
import { oiKey } from "../catalogue";
import type { SimContext } from "../context";
import {
  apiError,
  ok,
  queryBool,
  queryList,
  readBody,
  requireUuid,
  SimHttpError,
  type SimRequest,
} from "../http-kit";
import {
  defaultRecord,
  ensureOiRecord,
  findItem,
  nextVersionStamp,
  type OiView,
  serializeOi,
  subtreeOf,
  tenantOis,
  visibleTenant,
} from "../model";
import { pageOf, resolveCursor } from "../paging";
import { route } from "../router";
import type { TenantRecord } from "../state";
import { createUsageScope, dayValue } from "../usage";
import { fmtTs } from "../util";
import { OfferingItemsPut, TENANT_KINDS } from "./schemas";

/** `edition` defaults to `standard`; `*` means all; edition-less items are always included. */
function editionFilter(query: URLSearchParams): (v: OiView) => boolean {
  const raw = query.get("editions") ?? query.get("edition") ?? "standard";
  const wanted = raw.split(",").map((s) => s.trim());
  return ({ item }) => item.edition === null || wanted.includes("*") || wanted.includes(item.edition);
}

function filterViews(req: SimRequest, query: URLSearchParams, views: OiView[]): OiView[] {
  const q = { ...req, query };
  const usageNames = queryList(q, "usage_names");
  const names = queryList(q, "offering_items");
  const status = query.get("status");
  const type = query.get("type");
  const infra = query.get("infra_uuid");
  return views
    .filter(editionFilter(query))
    .filter(({ item }) => !usageNames || usageNames.includes(item.usageName))
    .filter(({ item }) => !names || names.includes(item.name))
    .filter(({ rec }) => status === null || String(rec.status) === status)
    .filter(({ item }) => type === null || item.type === type)
    .filter(({ item }) => infra === null || item.infraId === infra);
}

function listItems(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const items = filterViews(req, req.query, tenantOis(ctx, t)).map((v) => serializeOi(t, v));
  return ok({ timestamp: fmtTs(ctx.now()), items });
}

function availableForChild(ctx: SimContext, req: SimRequest) {
  const parent = visibleTenant(ctx, req.params.tenant_id!);
  const kind = req.query.get("kind");
  if (!kind || !(TENANT_KINDS as readonly string[]).includes(kind) || kind === "root") {
    throw apiError(400, `Query parameter 'kind' is required and must be a child tenant kind.`);
  }
  const enabled = tenantOis(ctx, parent).filter((v) => v.rec.status === 1);
  const items = filterViews(req, req.query, enabled).map((v) =>
    serializeOi(
      parent,
      v,
      v.item.type === "feature"
        ? { status: 1 }
        : { status: 1, quota: { value: null, overage: null, version: 0 } },
    ),
  );
  return ok({ timestamp: fmtTs(ctx.now()), items });
}

type ItemChange = z.infer<typeof OfferingItemsPut>["offering_items"][number];

function hasUsage(ctx: SimContext, t: TenantRecord, view: OiView): boolean {
  return dayValue(createUsageScope(ctx), t, view.item, ctx.today()) > 0;
}

function putItems(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const body = readBody(req, OfferingItemsPut);
  if (t.kind === "unit") throw apiError(400, "Offering items of personal tenants cannot be changed.");
  const parent = t.id === ctx.state.rootTenantId ? undefined : ctx.state.tenants[t.parentId];
  const parentEnabled = new Set(
    parent
      ? tenantOis(ctx, parent)
          .filter((v) => v.rec.status === 1)
          .map((v) => oiKey(v.item.name, v.item.infraId))
      : [],
  );
  const current = new Map(tenantOis(ctx, t).map((v) => [oiKey(v.item.name, v.item.infraId), v]));
  const planned: Array<{ change: ItemChange; view: OiView }> = [];
  for (const change of body.offering_items) {
    const infraId = change.infra_id ?? null;
    // Infra items are addressed by name and infra_id together: the name alone is ambiguous.
    const item = findItem(ctx, change.name, infraId);
    if (
      !item ||
      item.applicationId !== change.application_id ||
      (item.infraId !== null && infraId === null)
    ) {
      throw apiError(
        400,
        `Offering item '${change.name}' (infra ${infraId ?? "none"}) does not exist for this application.`,
      );
    }
    const key = oiKey(item.name, item.infraId);
    const view = current.get(key) ?? { item, rec: defaultRecord(item, t.createdAt) };
    const status = change.status ?? view.rec.status;
    if (status === 1 && parent && !parentEnabled.has(key)) {
      throw apiError(400, `Offering item '${item.name}' is not enabled for the parent tenant.`);
    }
    if (status !== view.rec.status && view.rec.locked)
      throw apiError(400, `Offering item '${item.name}' is locked.`);
    if (status === 0 && view.rec.status === 1 && body.check_usage && hasUsage(ctx, t, view)) {
      throw apiError(400, `Offering item '${item.name}' cannot be disabled: it has usage.`);
    }
    if (change.quota && item.type === "feature")
      throw apiError(400, `Offering item '${item.name}' has no quota.`);
    planned.push({ change, view });
  }
  for (const { change, view } of planned) {
    if (change.quota && change.quota.version !== view.rec.quota.version) {
      throw new SimHttpError(426, {
        error: {
          code: 426,
          message: "Upgrade Required",
          domain: "PlatformAccountServer",
          details: { info: `Quota version of offering item '${view.item.name}' is outdated.` },
          context: { name: view.item.name, version: view.rec.quota.version },
        },
      });
    }
  }
  const iso = ctx.now().toISOString();
  const affected = planned.map(({ change, view }) => {
    const rec = ensureOiRecord(t, view.item, iso);
    if (change.status !== undefined) rec.status = change.status;
    if (change.quota) {
      const value = change.quota.value;
      const overage = change.quota.overage ?? null;
      const unlimited = value === null && overage === null;
      rec.quota = { value, overage, version: unlimited ? 0 : nextVersionStamp(ctx, rec.quota.version) };
    }
    rec.updatedAt = iso;
    if (rec.status === 1 && !t.boundApplications.includes(view.item.applicationId)) {
      t.boundApplications.push(view.item.applicationId);
    }
    return serializeOi(t, { item: view.item, rec });
  });
  return ok({ timestamp: fmtTs(ctx.now()), items: affected });
}

function batchItems(ctx: SimContext, req: SimRequest) {
  const { query, offset } = resolveCursor(req);
  const rootId = query.get("subtree_root_tenant_id");
  if (!rootId) throw apiError(400, "Query parameter 'subtree_root_tenant_id' is required.");
  const root = visibleTenant(ctx, requireUuid(rootId, "subtree_root_tenant_id"));
  const all = subtreeOf(ctx, root, queryBool({ ...req, query }, "allow_deleted")).flatMap((t) =>
    filterViews(
      req,
      new URLSearchParams({ edition: "*", ...Object.fromEntries(query) }),
      tenantOis(ctx, t),
    ).map((v) => serializeOi(t, v)),
  );
  return ok({ timestamp: fmtTs(ctx.now()), ...pageOf(req, query, offset, all) });
}

export const offeringItemRoutes = [
  route("GET", "/api/2/tenants/:tenant_id/offering_items", listItems),
  route("GET", "/api/2/tenants/:tenant_id/offering_items/available_for_child", availableForChild),
  route("PUT", "/api/2/tenants/:tenant_id/offering_items", putItems),
  route("GET", "/api/2/tenants/offering_items", batchItems),
];
