// Storage infrastructures (acronis-api.md has none of this; see docs/ACRONIS.md "Tenants,
// infrastructures, errors, MFA"): `GET /infra?uuids=` and `GET /infra/{id}` return the `infra`
// object of the OpenAPI document; `GET /tenants/{id}/infra` returns `infraList` `{infras: [uuid]}`.
import type { SimContext } from "../context";
import { apiError, ok, queryUuidList, type SimRequest } from "../http-kit";
import { ancestorsOf, inCallerSubtree, visibleTenant } from "../model";
import { route } from "../router";
import type { InfraRecord, TenantRecord } from "../state";

/** `readonly`: "infra details are accessible in a limited way, e.g. infra is owned by some ancestor". */
export function serializeInfra(ctx: SimContext, infra: InfraRecord) {
  return {
    id: infra.id,
    owner_tenant_id: infra.ownerTenantId,
    location_id: infra.locationId,
    platform_owned: infra.platformOwned,
    name: infra.name,
    url: infra.url,
    capabilities: [...infra.capabilities],
    backend_type: infra.backendType,
    version: infra.version,
    readonly: !inCallerSubtree(ctx, infra.ownerTenantId),
  };
}

/**
 * Infrastructures a tenant can use: those registered by the tenant itself or by any of its
 * ancestors, up to the platform's root (an inference: the public sources do not say) [I].
 */
export function infrasAvailableTo(ctx: SimContext, t: TenantRecord): InfraRecord[] {
  const owners = new Set([t.id, ...ancestorsOf(ctx, t), ctx.state.acronisRootId]);
  return Object.values(ctx.state.infras).filter((i) => owners.has(i.ownerTenantId));
}

function infraOrThrow(ctx: SimContext, id: string): InfraRecord {
  const infra = ctx.state.infras[id];
  if (!infra) throw apiError(404, `Infrastructure component '${id}' not found.`);
  return infra;
}

function infraBatch(ctx: SimContext, req: SimRequest) {
  const ids = queryUuidList(req, "uuids");
  if (!ids || ids.length === 0) throw apiError(400, "Query parameter 'uuids' is required.");
  return ok({ items: ids.map((id) => serializeInfra(ctx, infraOrThrow(ctx, id))) });
}

function tenantInfras(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  return ok({ infras: infrasAvailableTo(ctx, t).map((i) => i.id) });
}

export const infraRoutes = [
  route("GET", "/api/2/infra", infraBatch),
  route("GET", "/api/2/infra/:infra_id", (ctx, req) =>
    ok(serializeInfra(ctx, infraOrThrow(ctx, req.params.infra_id!))),
  ),
  route("GET", "/api/2/tenants/:tenant_id/infra", tenantInfras),
];
