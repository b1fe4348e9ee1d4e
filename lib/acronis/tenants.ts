import type { z } from "zod";
import type { ClientContext } from "./context";
import { paginate, withFreshVersion } from "./context";
import { AcronisError, isAcronisError } from "./errors";
import type { Query } from "./http";
import { tenantBody, toTenant } from "./mappers";
import { ClientSchema, MfaStatusSchema, TenantBatchSchema, TenantSchema } from "./schemas";
import type {
  AcronisIdentity,
  AcronisMfaStatus,
  AcronisTenant,
  AcronisTenantKind,
  CreateTenantInput,
  TenantPatch,
} from "./types";

const tenantPath = (id: string) => `/tenants/${encodeURIComponent(id)}`;

export async function getTenant(ctx: ClientContext, id: string, opts: { allowDeleted?: boolean } = {}) {
  const query = opts.allowDeleted ? { allow_deleted: true } : {};
  return toTenant(await ctx.http.json({ method: "GET", path: tenantPath(id), query }, TenantSchema));
}

/** The API client's own tenant (for an admin "test connection"). */
export async function whoAmI(ctx: ClientContext): Promise<AcronisIdentity> {
  const client = await ctx.http.json(
    { method: "GET", path: `/clients/${encodeURIComponent(ctx.clientId)}` },
    ClientSchema,
  );
  const tenant = await getTenant(ctx, client.tenant_id);
  return {
    clientId: client.client_id,
    tenantId: tenant.id,
    tenantName: tenant.name,
    tenantKind: tenant.kind,
  };
}

/** All tenants matching a batch query (`parent_id`, `uuids` or `subtree_root_id`), page by page. */
export function iterateTenants(ctx: ClientContext, query: Query): AsyncGenerator<AcronisTenant> {
  const pages = paginate("/tenants", { lod: "full", limit: ctx.pageSize, ...query }, (path, q) =>
    ctx.http.json({ method: "GET", path, query: q }, TenantBatchSchema),
  );
  return (async function* () {
    for await (const t of pages) yield toTenant(t);
  })();
}

/** Direct children of a tenant (default: customers only, e.g. a reseller's customers). */
export async function listChildTenants(
  ctx: ClientContext,
  parentId: string,
  opts: { kinds?: AcronisTenantKind[] | "all" } = {},
): Promise<AcronisTenant[]> {
  const kinds = opts.kinds ?? ["customer"];
  const out: AcronisTenant[] = [];
  for await (const t of iterateTenants(ctx, { parent_id: parentId })) {
    if (t.deletedAt === null && (kinds === "all" || kinds.includes(t.kind))) out.push(t);
  }
  return out;
}

/** The live child of `parentId` carrying our `internal_tag`, so a retried provisioning never creates a twin. */
export async function findTenantByInternalTag(ctx: ClientContext, parentId: string, tag: string) {
  for await (const t of iterateTenants(ctx, { parent_id: parentId })) {
    if (t.internalTag === tag && t.deletedAt === null) return t;
  }
  return null;
}

export async function createTenant(ctx: ClientContext, input: CreateTenantInput): Promise<AcronisTenant> {
  const body = { ...tenantBody(input), parent_id: input.parentId, kind: input.kind };
  try {
    return toTenant(await ctx.http.json({ method: "POST", path: "/tenants", json: body }, TenantSchema));
  } catch (error) {
    // A retried POST whose first attempt did land answers 409: return the tenant it created.
    if (isAcronisError(error) && error.status === 409 && input.internalTag) {
      const existing = await findTenantByInternalTag(ctx, input.parentId, input.internalTag);
      if (existing) return existing;
    }
    throw error;
  }
}

export function updateTenant(ctx: ClientContext, id: string, patch: TenantPatch): Promise<AcronisTenant> {
  return withFreshVersion(
    ctx,
    () => getTenant(ctx, id),
    async (current) => {
      const json = { ...tenantBody(patch), version: current.version };
      return toTenant(await ctx.http.json({ method: "PUT", path: tenantPath(id), json }, TenantSchema));
    },
  );
}

/** Suspend (false) or resume (true); a no-op when already in that state. */
export async function setTenantEnabled(
  ctx: ClientContext,
  id: string,
  enabled: boolean,
): Promise<AcronisTenant> {
  const current = await getTenant(ctx, id);
  if (current.enabled === enabled) return current;
  return updateTenant(ctx, id, { enabled });
}

/** Deletes a disabled tenant (Acronis refuses enabled ones with code 1006: disable first). */
export function deleteTenant(ctx: ClientContext, id: string): Promise<void> {
  return withFreshVersion(
    ctx,
    () => getTenant(ctx, id),
    async (current) => {
      await ctx.http.send({ method: "DELETE", path: tenantPath(id), query: { version: current.version } });
    },
  );
}

const mfaPath = (id: string) => `${tenantPath(id)}/mfa/status`;

function toMfaStatus(m: z.infer<typeof MfaStatusSchema>): AcronisMfaStatus {
  return {
    status: m.mfa_status,
    enabled: m.mfa_status === "enabled",
    usersCount: m.users_count ?? m.users ?? null,
    usersWithTotpCount: m.users_with_totp_enabled_count ?? m.users_with_totp_enabled ?? null,
    updateAllowed: m.update_allowed ?? null,
  };
}

/** Whether the tenant's users must use two-factor authentication (`GET /tenants/{id}/mfa/status`). */
export async function getTenantMfaStatus(ctx: ClientContext, tenantId: string): Promise<AcronisMfaStatus> {
  return toMfaStatus(await ctx.http.json({ method: "GET", path: mfaPath(tenantId) }, MfaStatusSchema));
}

/**
 * Turns two-factor authentication on or off for every user of the tenant (`PUT …/mfa/status
 * {enabled}`). Acronis answers 200 with the new status; an empty answer is read back with a GET.
 */
export async function setTenantMfaStatus(
  ctx: ClientContext,
  tenantId: string,
  enabled: boolean,
): Promise<AcronisMfaStatus> {
  const call = { method: "PUT" as const, path: mfaPath(tenantId), json: { enabled } };
  const body = (await ctx.http.binary(call)).toString("utf8").trim();
  if (body === "") return getTenantMfaStatus(ctx, tenantId);
  let parsed: ReturnType<typeof MfaStatusSchema.safeParse>;
  try {
    parsed = MfaStatusSchema.safeParse(JSON.parse(body));
  } catch {
    parsed = MfaStatusSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new AcronisError({
      kind: "validation",
      method: call.method,
      path: call.path,
      message: `Unexpected response from Acronis PUT ${call.path}: not an MFA status`,
    });
  }
  return toMfaStatus(parsed.data);
}
