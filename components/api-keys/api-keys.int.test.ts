import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { getMe } from "@/lib/api/v1/resources/keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/keys";
import { apiKeyFormSchema } from "./form-schema";
import { toApiKeyRows } from "./rows";

const db = () => globalThis.testDb.db;
const actor = { userId: null, label: "owner@test" };
let northwind: string;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const [row] = await db()
    .select({ id: s.resellers.id })
    .from(s.resellers)
    .where(eq(s.resellers.name, "Northwind IT Services"));
  northwind = row?.id ?? "";
  expect(northwind).toBeTruthy();
});

const me = (key: string) =>
  getMe.handle(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({}),
  });

describe(`API key screens' flow on ${process.env.TEST_ENGINE}`, () => {
  it("a key made from the form works for its owner, lists without its secret, and is refused once revoked", async () => {
    const owner = { resellerId: northwind };
    const input = apiKeyFormSchema.parse({ name: "PSA sync", scopeRead: "on", expiresAt: "2099-01-31" });
    const { key, apiKey } = await db().transaction((tx) => createApiKey(tx, owner, input, actor, new Date()));

    const res = await me(key);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "PSA sync", owner: "reseller", resellerId: northwind });

    const rows = toApiKeyRows(await listApiKeys(db(), owner), new Date());
    const row = rows.find((r) => r.id === apiKey.id);
    expect(row).toMatchObject({ prefix: key.slice(0, 11), scopes: ["read"], status: "active" });
    expect(row?.expires).toContain("2099");
    expect(JSON.stringify(rows)).not.toContain(key);
    // The distributor's page lists the channel's own keys, not a reseller's.
    expect((await listApiKeys(db(), { resellerId: null })).some((k) => k.id === apiKey.id)).toBe(false);

    await db().transaction((tx) => revokeApiKey(tx, owner, apiKey.id, actor, new Date()));
    expect((await me(key)).status).toBe(401);
    const after = toApiKeyRows(await listApiKeys(db(), owner), new Date()).find((r) => r.id === apiKey.id);
    expect(after?.status).toBe("revoked");
  });
});
