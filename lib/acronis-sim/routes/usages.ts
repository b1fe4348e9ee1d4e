import type { SimContext } from "../context";
import { apiError, ok, queryList, queryUuidList, type SimRequest } from "../http-kit";
import { visibleTenant } from "../model";
import { route } from "../router";
import { createUsageScope, type UsageFilter, usageItems, usageOutput } from "../usage";

export const MAX_USAGE_TENANTS = 100;

function filterOf(req: SimRequest): UsageFilter {
  return { usageNames: queryList(req, "usage_names"), editions: queryList(req, "editions") };
}

function batchUsages(ctx: SimContext, req: SimRequest) {
  const ids = queryUuidList(req, "tenants");
  if (!ids || ids.length === 0) throw apiError(400, "Query parameter 'tenants' is required.");
  if (ids.length > MAX_USAGE_TENANTS) {
    throw apiError(400, `Query parameter 'tenants' accepts at most ${MAX_USAGE_TENANTS} values.`);
  }
  const date = ctx.today();
  const filter = filterOf(req);
  const scope = createUsageScope(ctx);
  const items = ids.map((id) => {
    const t = visibleTenant(ctx, id);
    return { tenant: t.id, usages: usageItems(scope, t, filter).map((v) => usageOutput(scope, t, v, date)) };
  });
  return ok({ items });
}

function tenantUsages(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const date = ctx.today();
  const scope = createUsageScope(ctx);
  return ok({ items: usageItems(scope, t, filterOf(req)).map((v) => usageOutput(scope, t, v, date)) });
}

export const usageRoutes = [
  route("GET", "/api/2/tenants/usages", batchUsages),
  route("GET", "/api/2/tenants/:tenant_id/usages", tenantUsages),
];
