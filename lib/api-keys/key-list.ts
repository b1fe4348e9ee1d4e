import "server-only";
import { and, arrayContains, eq, gt, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";
import { type ApiKeyScope, type ApiKeyView, apiKeyScopes, type KeyOwner, ownedBy } from "./keys";
import { type ApiKeyStatus, apiKeyStatus, apiKeyStatuses } from "./status";

/** /portal/api-keys and /admin/api-keys: newest first, so a key just created is at the top. */
export const apiKeyListSpec = {
  sorts: { created: { dir: "desc" }, last_used: { dir: "desc" } },
  defaultSort: "created" as const,
  filters: {
    status: listFilters.oneOf(apiKeyStatuses, "Pick a status from the list."),
    scope: listFilters.oneOf(apiKeyScopes, "Pick a scope from the list."),
  },
} satisfies ListSpec;

export type ApiKeyListParams = ListParams<
  keyof typeof apiKeyListSpec.sorts,
  keyof typeof apiKeyListSpec.filters
>;

/** The statuses as `apiKeyStatus` decides them at `now`, as conditions. */
function statusCondition(status: ApiKeyStatus, now: Date): SQL {
  if (status === "revoked") return isNotNull(apiKeys.revokedAt);
  const expired = and(isNotNull(apiKeys.expiresAt), lte(apiKeys.expiresAt, now))!;
  return status === "expired"
    ? and(isNull(apiKeys.revokedAt), expired)!
    : and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)))!;
}

/** Never used sorts as the oldest use (the keyset compares no nulls). */
const lastUsedSql = sql`coalesce(${apiKeys.lastUsedAt}, 'epoch'::timestamptz)`;

const apiKeySorts = {
  created: { expr: apiKeys.createdAt, type: "timestamptz" },
  last_used: { expr: lastUsedSql, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

/** What a listed key shows: never its hash (the secret itself is never stored). */
const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  createdByName: users.name,
};

function apiKeySource(db: DbOrTx, owner: KeyOwner, params: ApiKeyListParams, now: Date) {
  const f = params.filters;
  return {
    sorts: apiKeySorts,
    id: apiKeys.id,
    // The owner's keys only: a reseller never sees another's, nor the distributor's.
    where: [
      ownedBy(owner),
      f.status ? statusCondition(f.status as ApiKeyStatus, now) : undefined,
      f.scope ? arrayContains(apiKeys.scopes, [f.scope]) : undefined,
      searchCondition(params.q, [apiKeys.name, apiKeys.prefix]),
    ],
    rows: async ({ keys, where, orderBy, limit }) => {
      const rows = await db
        .select({ ...listColumns, ...keys })
        .from(apiKeys)
        .leftJoin(users, eq(users.id, apiKeys.createdBy))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit);
      return rows.map((r) => ({ ...r, scopes: r.scopes as ApiKeyScope[] }));
    },
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(apiKeys).where(where).limit(limit),
  } satisfies ListSource<ApiKeyView>;
}

/** One page of the owner's keys, revoked and expired ones included unless filtered out. */
export function listApiKeyPage(
  db: DbOrTx,
  owner: KeyOwner,
  params: ApiKeyListParams,
  now: Date,
): ReturnType<typeof runList<ApiKeyView>> {
  return runList<ApiKeyView>(db, params, apiKeySource(db, owner, params, now));
}

/**
 * The owner's filtered keys as a CSV stream in the list's order: what recognises a key (name, visible
 * prefix, scopes, dates), never the secret or its hash.
 */
export function exportApiKeyList(
  db: DbOrTx,
  owner: KeyOwner,
  params: ApiKeyListParams,
  now: Date,
  options: { batchSize?: number } = {},
) {
  const { count: _count, ...source } = apiKeySource(db, owner, params, now);
  return exportListCsv<ApiKeyView>(
    params,
    source,
    [
      { header: "name", value: (k) => k.name },
      { header: "prefix", value: (k) => k.prefix },
      { header: "scopes", value: (k) => k.scopes.join(" ") },
      { header: "status", value: (k) => apiKeyStatus(k, now) },
      { header: "created_by", value: (k) => k.createdByName },
      { header: "created", value: (k) => isoInstant(k.createdAt) },
      { header: "last_used", value: (k) => isoInstant(k.lastUsedAt) },
      { header: "expires", value: (k) => isoInstant(k.expiresAt) },
      { header: "revoked", value: (k) => isoInstant(k.revokedAt) },
    ],
    options,
  );
}
