import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { removeMember } from "@/lib/teams/manage";
import {
  authenticateApiKey,
  createApiKey,
  createApiKeySchema,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
} from "./keys";

const db = () => globalThis.testDb.db;
const owner = { userId: null, label: "owner@test" };
const now = new Date("2026-12-01T10:00:00Z");
let northwind: string;
let thames: string;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const rows = await db().select({ id: s.resellers.id, name: s.resellers.name }).from(s.resellers);
  northwind = rows.find((r) => r.name.startsWith("Northwind"))?.id ?? "";
  thames = rows.find((r) => r.name.startsWith("Thames"))?.id ?? "";
  expect(northwind && thames).toBeTruthy();
});

describe(`API keys on ${process.env.TEST_ENGINE}`, () => {
  it("shows the key once, stores only its hash and prefix, and authenticates it with its reseller and scopes", async () => {
    const input = createApiKeySchema.parse({ name: " ERP sync ", scopes: ["read", "read"] });
    const { key, apiKey } = await createApiKey(db(), { resellerId: northwind }, input, owner, now);
    expect(key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "ERP sync", scopes: ["read"], prefix: key.slice(0, 11) });
    const [stored] = await db().select().from(s.apiKeys).where(eq(s.apiKeys.id, apiKey.id));
    expect(stored?.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    const [audit] = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, apiKey.id));
    expect(audit?.action).toBe("api_key.created");
    expect(JSON.stringify(audit?.data)).not.toContain(key);

    expect(await authenticateApiKey(db(), key, now)).toEqual({
      id: apiKey.id,
      name: "ERP sync",
      prefix: apiKey.prefix,
      resellerId: northwind,
      scopes: ["read"],
    });
    const [used] = await db().select().from(s.apiKeys).where(eq(s.apiKeys.id, apiKey.id));
    expect(used?.lastUsedAt?.toISOString()).toBe(now.toISOString());
    expect(await authenticateApiKey(db(), `${key.slice(0, -1)}x`, now)).toBeNull();
  });

  it("lists only the owner's keys; another reseller cannot revoke them; a revoked key stops working", async () => {
    const { key, apiKey } = await createApiKey(
      db(),
      { resellerId: thames },
      createApiKeySchema.parse({ name: "PSA", scopes: ["write", "read"] }),
      owner,
      now,
    );
    expect(apiKey.scopes).toEqual(["read", "write"]);
    expect((await listApiKeys(db(), { resellerId: thames })).map((k) => k.id)).toContain(apiKey.id);
    expect((await listApiKeys(db(), { resellerId: northwind })).map((k) => k.id)).not.toContain(apiKey.id);
    expect((await listApiKeys(db(), { resellerId: null })).map((k) => k.id)).not.toContain(apiKey.id);

    await expect(revokeApiKey(db(), { resellerId: northwind }, apiKey.id, owner, now)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await authenticateApiKey(db(), key, now)).not.toBeNull();
    await revokeApiKey(db(), { resellerId: thames }, apiKey.id, owner, now);
    expect(await authenticateApiKey(db(), key, now)).toBeNull();
    await expect(revokeApiKey(db(), { resellerId: thames }, apiKey.id, owner, now)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses a key without scopes or with an expiry in the past, and an expired key authenticates no one", async () => {
    const noScope = createApiKeySchema.safeParse({ name: "x", scopes: [] });
    expect(noScope.success).toBe(false);
    expect(noScope.error?.issues[0]?.message).toBe("Choose at least one scope.");
    await expect(
      createApiKey(
        db(),
        { resellerId: null },
        createApiKeySchema.parse({ name: "Old", scopes: ["read"], expiresAt: "2026-11-30" }),
        owner,
        now,
      ),
    ).rejects.toMatchObject({ code: "validation" });

    const { key } = await createApiKey(
      db(),
      { resellerId: null },
      createApiKeySchema.parse({ name: "Month-end", scopes: ["read"], expiresAt: "2026-12-02" }),
      owner,
      now,
    );
    expect((await authenticateApiKey(db(), key, now))?.resellerId).toBeNull();
    expect(await authenticateApiKey(db(), key, new Date("2026-12-02T00:00:00Z"))).toBeNull();
  });

  it("revokes the keys a member created when the member is removed from the team", async () => {
    const [viewer] = await db().select().from(s.users).where(eq(s.users.email, "viewer@northwind.example"));
    const [nwOwner] = await db().select().from(s.users).where(eq(s.users.email, "owner@northwind.example"));
    const byViewer = { userId: viewer!.id, label: viewer!.email };
    const { key } = await createApiKey(
      db(),
      { resellerId: northwind },
      createApiKeySchema.parse({ name: "Viewer's script", scopes: ["read"] }),
      byViewer,
      now,
    );
    const ownersKey = await createApiKey(
      db(),
      { resellerId: northwind },
      createApiKeySchema.parse({ name: "Owner's ERP", scopes: ["read"] }),
      { userId: nwOwner!.id, label: nwOwner!.email },
      now,
    );
    const removed = await removeMember(
      db(),
      { resellerId: northwind },
      { userId: viewer!.id },
      { userId: nwOwner!.id, label: nwOwner!.email },
      now,
    );
    expect(removed.apiKeysRevoked).toBe(1);
    expect(await authenticateApiKey(db(), key, now)).toBeNull();
    expect(await authenticateApiKey(db(), ownersKey.key, now)).not.toBeNull();
    // Back as the seed had it, for the other files' sake.
    await db().update(s.users).set({ disabledAt: null }).where(eq(s.users.id, viewer!.id));
  });
});
