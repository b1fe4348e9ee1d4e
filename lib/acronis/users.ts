import type { ClientContext } from "./context";
import { isAcronisError } from "./errors";
import { EMPTY_JSON } from "./http";
import { toAccessPolicies, toUser } from "./mappers";
import { AccessPoliciesSchema, UserSchema } from "./schemas";
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
