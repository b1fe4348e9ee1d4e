import { type ClientContext, chunk, paginate } from "./context";
import { isAcronisError } from "./errors";
import { EMPTY_JSON } from "./http";
import { toAccessPolicies, toUser } from "./mappers";
import { AccessPoliciesSchema, UserBatchSchema, UserSchema, UuidListSchema } from "./schemas";
import type { AcronisAccessPolicy, AcronisUser, CreateUserInput } from "./types";

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

/** True when the login is free (204), false when taken (409); 406 (unacceptable login) throws. */
export async function checkLogin(ctx: ClientContext, login: string): Promise<boolean> {
  try {
    await ctx.http.send({ method: "GET", path: "/users/check_login", query: { username: login } });
    return true;
  } catch (error) {
    if (isAcronisError(error) && error.status === 409) return false;
    throw error;
  }
}

export async function createUser(ctx: ClientContext, input: CreateUserInput): Promise<AcronisUser> {
  const contact: Record<string, string> = { email: input.email };
  if (input.firstName !== undefined) contact.firstname = input.firstName;
  if (input.lastName !== undefined) contact.lastname = input.lastName;
  const json = { tenant_id: input.tenantId, login: input.login, language: input.language ?? "en", contact };
  return toUser(await ctx.http.json({ method: "POST", path: "/users", json }, UserSchema));
}

export async function getUser(ctx: ClientContext, userId: string): Promise<AcronisUser> {
  return toUser(await ctx.http.json({ method: "GET", path: userPath(userId) }, UserSchema));
}

/** Details of up to 100 users per call (`GET /users?uuids=…`, paged; deleted users are left out). */
async function usersByIds(ctx: ClientContext, ids: string[]): Promise<AcronisUser[]> {
  const out: AcronisUser[] = [];
  for (const batch of chunk(ids, 100)) {
    const query = { uuids: batch.join(","), limit: ctx.pageSize };
    const pages = paginate("/users", query, (path, q) =>
      ctx.http.json({ method: "GET", path, query: q }, UserBatchSchema),
    );
    for await (const u of pages) out.push(toUser(u));
  }
  return out;
}

/**
 * The live users of one tenant (not of its sub-tenants): `GET /tenants/{id}/users` names their UUIDs,
 * `GET /users?uuids=…` gives the details (acronis-api.md §8.5).
 */
export async function listTenantUsers(ctx: ClientContext, tenantId: string): Promise<AcronisUser[]> {
  const ids = await ctx.http.json(
    { method: "GET", path: `/tenants/${encodeURIComponent(tenantId)}/users` },
    UuidListSchema,
  );
  if (ids.items.length === 0) return [];
  const users = await usersByIds(ctx, ids.items);
  return users.filter((u) => u.tenantId === tenantId);
}

/** The user of `tenantId` whose login is `login` (logins are unique regardless of case), or null. */
export async function findTenantUserByLogin(
  ctx: ClientContext,
  tenantId: string,
  login: string,
): Promise<AcronisUser | null> {
  const wanted = login.trim().toLowerCase();
  const users = await listTenantUsers(ctx, tenantId);
  return users.find((u) => u.login.toLowerCase() === wanted) ?? null;
}

export async function getAccessPolicies(ctx: ClientContext, userId: string): Promise<AcronisAccessPolicy[]> {
  return toAccessPolicies(
    await ctx.http.json({ method: "GET", path: `${userPath(userId)}/access_policies` }, AccessPoliciesSchema),
  );
}

/** Replaces all of the user's access policies with `roles` on `tenantId` (e.g. ['partner_admin']). */
export async function setAccessPolicies(
  ctx: ClientContext,
  userId: string,
  tenantId: string,
  roles: string[],
): Promise<AcronisAccessPolicy[]> {
  const items = roles.map((role) => ({
    id: ZERO_UUID,
    issuer_id: ZERO_UUID,
    trustee_id: userId,
    trustee_type: "user",
    tenant_id: tenantId,
    role_id: role,
    version: 0,
  }));
  const res = await ctx.http.json(
    { method: "PUT", path: `${userPath(userId)}/access_policies`, json: { items } },
    AccessPoliciesSchema,
  );
  return toAccessPolicies(res);
}

/** Queues the activation email (JSON content type, empty body → 204). */
export async function sendActivationEmail(ctx: ClientContext, userId: string): Promise<void> {
  await ctx.http.send({
    method: "POST",
    path: `${userPath(userId)}/send-activation-email`,
    json: EMPTY_JSON,
  });
}
