import type { z } from "zod";
import type { ClientContext } from "./context";
import { chunk } from "./context";
import { listOfferingItems } from "./offering-items";
import { ClientSchema, InfraBatchSchema, InfraListSchema, type InfraSchema } from "./schemas";
import type { AcronisInfraOwner, AcronisInfrastructure } from "./types";

/**
 * `backend_type` values that mean a public cloud. Acronis documents the field ("storage backend
 * type", example `azure`) but publishes no list of values, so this is our reading [I]; unknown
 * values count as Acronis-hosted when the platform owns the storage.
 */
export const HYPERSCALER_BACKEND = /^(azure|microsoft|google|gcp|gcs|amazon|aws)/i;

/**
 * Who stands behind a storage, from the two documented fields: `platform_owned: false` is storage a
 * partner registered itself; platform-owned storage on a public-cloud backend is a hyperscaler's;
 * any other platform-owned storage is Acronis-hosted.
 */
export function classifyInfrastructure(infra: {
  platformOwned: boolean;
  backendType: string | null;
}): AcronisInfraOwner {
  if (!infra.platformOwned) return "partner";
  if (infra.backendType && HYPERSCALER_BACKEND.test(infra.backendType)) return "hyperscaler";
  return "acronis";
}

export function toInfrastructure(i: z.infer<typeof InfraSchema>): AcronisInfrastructure {
  const platformOwned = i.platform_owned;
  const backendType = i.backend_type ?? null;
  return {
    id: i.id,
    name: i.name,
    ownerTenantId: i.owner_tenant_id,
    locationId: i.location_id ?? null,
    platformOwned,
    backendType,
    capabilities: i.capabilities ?? [],
    readonly: i.readonly ?? null,
    owner: classifyInfrastructure({ platformOwned, backendType }),
  };
}

/** The API client's own tenant id (cached: it never changes for a client). */
async function ownTenantId(ctx: ClientContext): Promise<string> {
  if (!ctx.cache.ownTenantId) {
    const client = await ctx.http.json(
      { method: "GET", path: `/clients/${encodeURIComponent(ctx.clientId)}` },
      ClientSchema,
    );
    ctx.cache.ownTenantId = client.tenant_id;
  }
  return ctx.cache.ownTenantId;
}

/** Infrastructures by id, `GET /infra?uuids=` (the only documented batch read: `uuids` is required). */
export async function getInfrastructures(
  ctx: ClientContext,
  ids: string[],
): Promise<AcronisInfrastructure[]> {
  const out: AcronisInfrastructure[] = [];
  for (const batch of chunk([...new Set(ids)], 100)) {
    const res = await ctx.http.json(
      { method: "GET", path: "/infra", query: { uuids: batch } },
      InfraBatchSchema,
    );
    out.push(...res.items.map(toInfrastructure));
  }
  return out;
}

/**
 * The storage infrastructures a tenant (default: the API client's own) works with. Acronis has no
 * "list all" read: ids come from `GET /tenants/{id}/infra` and from the `infra_id` of the tenant's
 * offering items (storage owned by an ancestor, Acronis-hosted storage included, is reachable that
 * way), then `GET /infra?uuids=` returns the objects.
 */
export async function listInfrastructures(
  ctx: ClientContext,
  opts: { tenantId?: string } = {},
): Promise<AcronisInfrastructure[]> {
  const tenantId = opts.tenantId ?? (await ownTenantId(ctx));
  const [registered, items] = await Promise.all([
    ctx.http.json({ method: "GET", path: `/tenants/${encodeURIComponent(tenantId)}/infra` }, InfraListSchema),
    listOfferingItems(ctx, tenantId, "*"),
  ]);
  const ids = [...(registered.infras ?? []), ...items.flatMap((i) => (i.infraId ? [i.infraId] : []))];
  return ids.length === 0 ? [] : getInfrastructures(ctx, ids);
}
