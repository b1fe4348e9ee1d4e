import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";

/** Every key starts with this, so secret scanners (and people) recognise a Tierline key in a paste. */
export const KEY_PREFIX = "tl_";
/** Characters of the key kept in the clear: the prefix plus 8 of the random part. */
const VISIBLE = KEY_PREFIX.length + 8;
/** `lastUsedAt` is written at most this often per key, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const apiKeyScopes = ["read", "write"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const createApiKeySchema = z.object({
  name: singleLine({ max: 100, requiredMessage: "Name the key (what uses it)." }),
  scopes: z
    .array(z.enum(apiKeyScopes, { error: "Scopes are read and write." }))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => [...new Set(scopes)].sort()),
  /** Optional expiry; a key past it is refused like a revoked one. */
  expiresAt: z.coerce.date().optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/**
 * SHA-256 of the whole key, as single-use tokens are stored (lib/auth/tokens): the only form kept. A key is
 * 32 random bytes, so no slow hash is needed.
 */
export const hashApiKey = hashToken;

/** A new key: `tl_` + 43 base64url characters (256 bits). */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE), hash: hashApiKey(key) };
}

/** Whose keys: a reseller's own (its id) or the distributor's (null). */
export type KeyOwner = { resellerId: string | null };

/** The owner's keys (a reseller's own, or the distributor's): every read and change goes through it. */
export const ownedBy = (owner: KeyOwner): SQL =>
  owner.resellerId ? eq(apiKeys.resellerId, owner.resellerId) : isNull(apiKeys.resellerId);

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Who created it (listApiKeys), so a team sees whose integration a key is; null for a seeded key. */
  createdByName?: string | null;
};

const viewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

/**
 * Creates a key for `owner` and returns it with the only copy of the secret; the database keeps its hash
 * and visible prefix. Audited without the secret.
 */
export async function createApiKey(
  db: DbOrTx,
  owner: KeyOwner,
  input: CreateApiKeyInput,
  actor: Actor,
  now: Date,
): Promise<{ key: string; apiKey: ApiKeyView }> {
  if (input.expiresAt && input.expiresAt <= now) {
    throw new AppError("validation", "The expiry must be in the future.", {
      expiresAt: ["Pick a date after today."],
    });
  }
  const { key, prefix, hash } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      resellerId: owner.resellerId,
      name: input.name,
      prefix,
      keyHash: hash,
      scopes: input.scopes,
      createdBy: actor.userId,
      expiresAt: input.expiresAt ?? null,
    })
    .returning(viewColumns);
  if (!row) throw new AppError("internal", "The key was not stored.");
  await writeAudit(db, actor, {
    action: "api_key.created",
    entityType: "api_key",
    entityId: row.id,
    resellerId: owner.resellerId,
    data: { name: row.name, prefix: row.prefix, scopes: row.scopes },
  });
  return { key, apiKey: { ...row, scopes: row.scopes as ApiKeyScope[] } };
}

/** The owner's keys, newest first, revoked ones included (they show as revoked). */
export async function listApiKeys(db: DbOrTx, owner: KeyOwner): Promise<ApiKeyView[]> {
  const rows = await db
    .select({ ...viewColumns, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(ownedBy(owner))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, scopes: r.scopes as ApiKeyScope[] }));
}

/** Revokes one of the owner's keys; another owner's key is "not found", a revoked one a conflict. */
export async function revokeApiKey(
  db: DbOrTx,
  owner: KeyOwner,
  id: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now, revokedBy: actor.userId })
    .where(and(eq(apiKeys.id, id), ownedBy(owner), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
  if (!row) {
    const [exists] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), ownedBy(owner)));
    throw exists
      ? new AppError("conflict", "This key is already revoked.")
      : new AppError("not_found", "No such API key.");
  }
  await writeAudit(db, actor, {
    action: "api_key.revoked",
    entityType: "api_key",
    entityId: row.id,
    resellerId: owner.resellerId,
    data: { name: row.name, prefix: row.prefix },
  });
}

/** The caller an API request names with its key. */
export type AuthenticatedKey = {
  id: string;
  name: string;
  prefix: string;
  resellerId: string | null;
  scopes: ApiKeyScope[];
};

/**
 * The live key behind `Authorization: Bearer <key>` (not revoked, not expired), or null. Looked up by the
 * key's hash (unique index), so the comparison never depends on how much of a guess matches. Records when
 * the key was last used, at most once a minute.
 */
export async function authenticateApiKey(
  db: DbOrTx,
  key: string,
  now: Date,
): Promise<AuthenticatedKey | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      resellerId: apiKeys.resellerId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now))));
  }
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    resellerId: row.resellerId,
    scopes: row.scopes as ApiKeyScope[],
  };
}
