import { z } from "zod";
import type { SimContext } from "../context";
import {
  apiError,
  noContent,
  ok,
  queryBool,
  queryInt,
  queryUuidList,
  readBody,
  readJson,
  requireUuid,
  type SimRequest,
  versionConflict,
} from "../http-kit";
import { createTenantRecord, findTenant, inCallerSubtree, subtreeOf, visibleTenant } from "../model";
import { pageOf, resolveCursor } from "../paging";
import { route } from "../router";
import type { PolicyRecord, UserRecord } from "../state";
import { fmtTs, fmtUserTs, newId, ZERO_UUID } from "../util";
import { ContactPut, Uuid } from "./schemas";

const LOGIN_RE = /^[A-Za-z0-9.@_\-+:!#$%^*={}'`/?]{3,}$/;

const UserContact = ContactPut.extend({ email: z.string().min(3).max(254) });

const UserPost = z.strictObject({
  tenant_id: Uuid,
  login: z.string().optional(),
  external_id: z.string().nullable().optional(),
  idp_id: Uuid.optional(),
  contact: UserContact.optional(),
  enabled: z.boolean().optional(),
  language: z.string().min(2).max(16).optional(),
  business_types: z.array(z.string()).optional(),
  notifications: z.array(z.string()).optional(),
  use_existing_identity: z.boolean().optional(),
  origin_id: z.string().optional(),
  origin_external_id: z.string().optional(),
  disable_after: z.string().nullable().optional(),
});

const UserPut = z.strictObject({
  version: z.int(),
  login: z.string().optional(),
  contact: ContactPut.optional(),
  enabled: z.boolean().optional(),
  language: z.string().min(2).max(16).optional(),
  business_types: z.array(z.string()).optional(),
  notifications: z.array(z.string()).optional(),
  external_id: z.string().nullable().optional(),
});

const ROLES = [
  "root_admin",
  "partner_admin",
  "company_admin",
  "unit_admin",
  "readonly_admin",
  "protection_admin",
  "protection_ro_admin",
  "restore_operator",
  "backup_user",
  "sync_share_admin",
  "sync_share_user",
  "sync_share_guest",
  "pds_operator",
  "pds_support",
  "notary_admin",
  "notary_user",
  "hci_admin",
];

const ROLE_KINDS: Record<string, string[]> = {
  partner_admin: ["partner", "folder"],
  company_admin: ["customer"],
  unit_admin: ["unit"],
};

const PoliciesPut = z.strictObject({
  items: z.array(
    z.looseObject({
      id: Uuid.optional(),
      issuer_id: Uuid.optional(),
      trustee_id: Uuid,
      trustee_type: z.enum(["user", "user_group", "client"]),
      tenant_id: Uuid,
      role_id: z.string(),
      version: z.int().optional(),
      resource_namespace: z.string().optional(),
    }),
  ),
});

function loginTaken(ctx: SimContext, login: string, exceptId?: string): boolean {
  const wanted = login.toLowerCase();
  return Object.values(ctx.state.users).some(
    (u) => u.deletedAt === null && u.id !== exceptId && u.login.toLowerCase() === wanted,
  );
}

function visibleUser(ctx: SimContext, id: string): UserRecord {
  const u = ctx.state.users[id];
  if (!u || u.deletedAt !== null) throw apiError(404, `User '${id}' not found.`);
  visibleTenant(ctx, u.tenantId);
  return u;
}

function serializeUser(u: UserRecord) {
  const c = u.contact;
  const field = (name: string) => c[name] ?? null;
  return {
    id: u.id,
    version: u.version,
    tenant_id: u.tenantId,
    login: u.login,
    contact: {
      id: c.id,
      types: c.types ?? [],
      email: field("email"),
      firstname: field("firstname"),
      lastname: field("lastname"),
      address1: field("address1"),
      address2: field("address2"),
      country: field("country"),
      state: field("state"),
      city: field("city"),
      zipcode: field("zipcode"),
      phone: field("phone"),
    },
    activated: u.activated,
    enabled: u.enabled,
    created_at: fmtUserTs(u.createdAt),
    updated_at: fmtUserTs(u.updatedAt),
    deleted_at: u.deletedAt ? fmtUserTs(u.deletedAt) : null,
    language: u.language,
    idp_id: "11111111-1111-1111-1111-111111111111",
    external_id: u.externalId,
    personal_tenant_id: u.personalTenantId,
    business_types: u.businessTypes,
    notifications: u.notifications,
    mfa_status: "disabled",
  };
}

function checkLogin(ctx: SimContext, req: SimRequest) {
  const login = req.query.get("username")?.trim();
  if (!login) throw apiError(400, "Query parameter 'username' is required.");
  if (!LOGIN_RE.test(login)) throw apiError(406, `Login '${login}' is not acceptable.`);
  if (loginTaken(ctx, login)) throw apiError(409, `Login '${login}' is already taken.`);
  return noContent();
}

function createUser(ctx: SimContext, req: SimRequest) {
  const body = readBody(req, UserPost);
  const tenant = visibleTenant(ctx, body.tenant_id);
  const login = (body.login ?? body.contact?.email ?? "").trim();
  if (!LOGIN_RE.test(login)) throw apiError(400, `Field 'login' has an invalid value '${login}'.`);
  if (loginTaken(ctx, login)) throw apiError(409, `Login '${login}' is already taken.`);
  const iso = ctx.now().toISOString();
  const user: UserRecord = {
    id: newId(),
    version: 1,
    tenantId: tenant.id,
    login,
    contact: { id: newId(), types: [], ...body.contact },
    activated: false,
    enabled: body.enabled ?? true,
    createdAt: iso,
    updatedAt: iso,
    deletedAt: null,
    language: body.language ?? "en",
    personalTenantId: null,
    businessTypes: body.business_types ?? [],
    notifications: body.notifications ?? ["quota", "reports", "backup_daily_report"],
    externalId: body.external_id ?? null,
  };
  if (tenant.kind === "customer" || tenant.kind === "unit") {
    const personal = createTenantRecord(ctx, {
      name: login,
      kind: "unit",
      parentId: tenant.id,
      pricingMode: tenant.pricing.mode,
    });
    personal.ownerId = user.id;
    user.personalTenantId = personal.id;
  }
  ctx.state.users[user.id] = user;
  return ok(serializeUser(user));
}

function updateUser(ctx: SimContext, req: SimRequest) {
  const u = visibleUser(ctx, req.params.user_id!);
  const body = readBody(req, UserPut);
  if (body.version !== u.version)
    throw versionConflict(`The user was modified by someone else: version ${body.version} is stale.`);
  if (body.login !== undefined && body.login !== u.login) {
    if (!LOGIN_RE.test(body.login))
      throw apiError(400, `Field 'login' has an invalid value '${body.login}'.`);
    if (loginTaken(ctx, body.login, u.id)) throw apiError(409, `Login '${body.login}' is already taken.`);
    u.login = body.login;
  }
  if (body.contact) Object.assign(u.contact, body.contact);
  if (body.enabled !== undefined) u.enabled = body.enabled;
  if (body.language !== undefined) u.language = body.language;
  if (body.business_types !== undefined) u.businessTypes = body.business_types;
  if (body.notifications !== undefined) u.notifications = body.notifications;
  if (body.external_id !== undefined) u.externalId = body.external_id;
  u.version += 1;
  u.updatedAt = ctx.now().toISOString();
  return ok(serializeUser(u));
}

function deleteUser(ctx: SimContext, req: SimRequest) {
  const version = queryInt(req, "version");
  if (version === undefined) throw apiError(400, "Query parameter 'version' is required.");
  const u = visibleUser(ctx, req.params.user_id!);
  if (version !== u.version)
    throw versionConflict(`The user was modified by someone else: version ${version} is stale.`);
  u.deletedAt = ctx.now().toISOString();
  return noContent();
}

function policiesBody(ctx: SimContext, userId: string) {
  return { timestamp: ctx.now().toISOString().slice(0, 19), items: ctx.state.policies[userId] ?? [] };
}

function putPolicies(ctx: SimContext, req: SimRequest) {
  const u = visibleUser(ctx, req.params.user_id!);
  const body = readBody(req, PoliciesPut);
  const existing = new Map((ctx.state.policies[u.id] ?? []).map((p) => [p.id, p]));
  const iso = ctx.now().toISOString().slice(0, 19);
  const next: PolicyRecord[] = body.items.map((item) => {
    if (item.trustee_id !== u.id) throw apiError(400, "Field 'trustee_id' must be the user's id.");
    if (!ROLES.includes(item.role_id))
      throw apiError(400, `Field 'role_id' has an invalid value '${item.role_id}'.`);
    const tenant = visibleTenant(ctx, item.tenant_id);
    const kinds = ROLE_KINDS[item.role_id];
    if (kinds && !kinds.includes(tenant.kind)) {
      throw apiError(400, `Role '${item.role_id}' cannot be granted in a '${tenant.kind}' tenant.`);
    }
    const old = item.id && item.id !== ZERO_UUID ? existing.get(item.id) : undefined;
    if (old && item.version !== undefined && item.version !== old.version) {
      throw versionConflict(`Access policy '${old.id}' was modified by someone else.`);
    }
    return {
      ...item,
      id: old?.id ?? newId(),
      issuer_id: ctx.state.client.id,
      created_at: old?.created_at ?? iso,
      updated_at: iso,
      deleted_at: null,
      version: old ? old.version + 1 : 1,
    };
  });
  ctx.state.policies[u.id] = next;
  return ok(policiesBody(ctx, u.id));
}

function sendActivationEmail(ctx: SimContext, req: SimRequest) {
  readJson(req, { allowEmpty: true });
  const u = visibleUser(ctx, req.params.user_id!);
  if (u.tenantId === ctx.state.rootTenantId) {
    throw apiError(403, "Activation emails can be sent only to users of sub-tenants.");
  }
  ctx.state.outbox.push({
    id: newId(),
    user_id: u.id,
    login: u.login,
    email: typeof u.contact.email === "string" ? u.contact.email : null,
    tenant_id: u.tenantId,
    sent_at: ctx.now().toISOString(),
  });
  return noContent();
}

function setPassword(ctx: SimContext, req: SimRequest) {
  readBody(req, z.strictObject({ password: z.string().min(8) }));
  const u = visibleUser(ctx, req.params.user_id!);
  if (u.tenantId === ctx.state.rootTenantId)
    throw apiError(403, "Only users of sub-tenants can be activated.");
  u.activated = true;
  return noContent();
}

/** `GET /tenants/{id}/users` (FetchTenantUsers): the UUIDs of the tenant's own users. */
function tenantUsers(ctx: SimContext, req: SimRequest) {
  const t = visibleTenant(ctx, req.params.tenant_id!);
  const allowDeleted = queryBool(req, "allow_deleted");
  const items = Object.values(ctx.state.users)
    .filter((u) => u.tenantId === t.id && (allowDeleted || u.deletedAt === null))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((u) => u.id);
  return ok({ items });
}

/**
 * `GET /users` (FetchUsersBatch): exactly one of `uuids` (at most 100; unknown ones are left out) or
 * `subtree_root_tenant_id`; users outside the caller's subtree are never returned. Paged by cursor.
 */
function usersBatch(ctx: SimContext, req: SimRequest) {
  const { query, offset } = resolveCursor(req);
  const q = { ...req, query };
  const uuids = queryUuidList(q, "uuids");
  const subtreeId = query.get("subtree_root_tenant_id");
  if ((uuids === undefined) === (subtreeId === null)) {
    throw apiError(400, "Exactly one of 'uuids', 'subtree_root_tenant_id' is required.");
  }
  const allowDeleted = queryBool(q, "allow_deleted");
  let users: UserRecord[];
  if (uuids) {
    if (uuids.length > 100) throw apiError(400, "Query parameter 'uuids' accepts at most 100 values.");
    users = uuids.flatMap((id) => {
      const u = ctx.state.users[id];
      return u ? [u] : [];
    });
  } else {
    const root = visibleTenant(ctx, requireUuid(subtreeId!, "subtree_root_tenant_id"));
    const inTree = new Set(subtreeOf(ctx, root).map((t) => t.id));
    users = Object.values(ctx.state.users).filter((u) => inTree.has(u.tenantId));
  }
  const visible = users.filter(
    (u) =>
      (allowDeleted || u.deletedAt === null) &&
      findTenant(ctx, u.tenantId, allowDeleted) !== undefined &&
      inCallerSubtree(ctx, u.tenantId),
  );
  const page = pageOf(q, query, offset, visible);
  return ok({ timestamp: fmtTs(ctx.now()), ...page, items: page.items.map(serializeUser) });
}

export const userRoutes = [
  route("GET", "/api/2/users/check_login", checkLogin),
  route("GET", "/api/2/users", usersBatch),
  route("POST", "/api/2/users", createUser),
  route("GET", "/api/2/users/:user_id", (ctx, req) =>
    ok(serializeUser(visibleUser(ctx, req.params.user_id!))),
  ),
  route("PUT", "/api/2/users/:user_id", updateUser),
  route("DELETE", "/api/2/users/:user_id", deleteUser),
  route("GET", "/api/2/users/:user_id/access_policies", (ctx, req) =>
    ok(policiesBody(ctx, visibleUser(ctx, req.params.user_id!).id)),
  ),
  route("PUT", "/api/2/users/:user_id/access_policies", putPolicies),
  route("POST", "/api/2/users/:user_id/send-activation-email", sendActivationEmail),
  route("POST", "/api/2/users/:user_id/password", setPassword),
  route("GET", "/api/2/tenants/:tenant_id/users", tenantUsers),
];

export function activateUser(ctx: SimContext, userId: string): UserRecord {
  const u = ctx.state.users[userId];
  if (!u || !findTenant(ctx, u.tenantId)) throw apiError(404, `User '${userId}' not found.`);
  u.activated = true;
  return u;
}
