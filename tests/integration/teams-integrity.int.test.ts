import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { databaseRefusal } from "@/tests/database-refusal";

const db = () => globalThis.testDb.db;

async function userId(email: string): Promise<string> {
  const [row] = await db().select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

// Migration 0010: teams, API keys and webhooks keep their rules in the database (issue 15).
describe(`teams and API data rules on ${process.env.TEST_ENGINE}`, () => {
  it("refuses to leave a reseller without an owner: demoting or disabling its only owner fails at commit", async () => {
    const owner = await userId("owner@thames.example");
    expect(
      await databaseRefusal(db().update(s.users).set({ role: "billing" }).where(eq(s.users.id, owner))),
    ).toMatchObject({ code: "23514", message: expect.stringMatching(/must keep an owner/) });
    expect(
      await databaseRefusal(
        db().update(s.users).set({ disabledAt: new Date() }).where(eq(s.users.id, owner)),
      ),
    ).toMatchObject({ code: "23514" });
    const [still] = await db().select().from(s.users).where(eq(s.users.id, owner));
    expect(still).toMatchObject({ role: "owner", disabledAt: null });
  });

  it("transfers ownership inside one transaction, in either order", async () => {
    const owner = await userId("owner@northwind.example");
    const billing = await userId("billing@northwind.example");
    await db().transaction(async (tx) => {
      await tx.update(s.users).set({ role: "billing" }).where(eq(s.users.id, owner));
      await tx.update(s.users).set({ role: "owner" }).where(eq(s.users.id, billing));
    });
    const roles = await db()
      .select({ id: s.users.id, role: s.users.role })
      .from(s.users)
      .where(sql`${s.users.id} in (${owner}, ${billing})`);
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual({
      [owner]: "billing",
      [billing]: "owner",
    });
    // …and back, so other tests see the seed's roles.
    await db().transaction(async (tx) => {
      await tx.update(s.users).set({ role: "owner" }).where(eq(s.users.id, owner));
      await tx.update(s.users).set({ role: "billing" }).where(eq(s.users.id, billing));
    });
  });

  it("does not count an invited owner who has no password yet (migration 0011)", async () => {
    const [kopernikus] = await db()
      .select({ id: s.resellers.id })
      .from(s.resellers)
      .where(sql`${s.resellers.name} like 'Kopernikus%'`);
    const owner = await userId("owner@kopernikus.example");
    const [invited] = await db()
      .insert(s.users)
      .values({
        email: "invited-owner@kopernikus.example",
        name: "Invited",
        role: "owner",
        resellerId: kopernikus!.id,
      })
      .returning({ id: s.users.id });
    expect(
      await databaseRefusal(db().update(s.users).set({ role: "viewer" }).where(eq(s.users.id, owner))),
    ).toMatchObject({ code: "23514", message: expect.stringMatching(/must keep an owner/) });
    await db().delete(s.users).where(eq(s.users.id, invited!.id));
  });

  // Two connections at once: PGlite runs one backend, so this needs PostgreSQL.
  it.skipIf(process.env.TEST_ENGINE !== "postgres")(
    "refuses two concurrent demotions of a reseller's two owners: one of them fails",
    async () => {
      const owner = await userId("owner@northwind.example");
      const billing = await userId("billing@northwind.example");
      await db().update(s.users).set({ role: "owner" }).where(eq(s.users.id, billing));
      const demote = (id: string) =>
        db().transaction(async (tx) => {
          await tx.update(s.users).set({ role: "viewer" }).where(eq(s.users.id, id));
          await new Promise((r) => setTimeout(r, 200));
        });
      const results = await Promise.allSettled([demote(owner), demote(billing)]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const owners = await db()
        .select({ id: s.users.id })
        .from(s.users)
        .where(sql`${s.users.id} in (${owner}, ${billing}) and ${s.users.role} = 'owner'`);
      expect(owners).toHaveLength(1);
      // Back to the seed's roles.
      await db().transaction(async (tx) => {
        await tx.update(s.users).set({ role: "owner" }).where(eq(s.users.id, owner));
        await tx.update(s.users).set({ role: "billing" }).where(eq(s.users.id, billing));
      });
    },
  );

  it("keeps the distributor an enabled administrator", async () => {
    const admin = await userId("admin@skyline.example");
    expect(
      await databaseRefusal(
        db().update(s.users).set({ disabledAt: new Date() }).where(eq(s.users.id, admin)),
      ),
    ).toMatchObject({ code: "23514", message: expect.stringMatching(/keep an administrator/) });
  });

  it("refuses an API key without a known scope and a webhook endpoint with an unknown event", async () => {
    const [reseller] = await db().select({ id: s.resellers.id }).from(s.resellers).limit(1);
    expect(
      await databaseRefusal(
        db()
          .insert(s.apiKeys)
          .values({
            resellerId: reseller?.id,
            name: "ERP",
            prefix: "tl_x",
            keyHash: "h1",
            scopes: ["admin"],
          }),
      ),
    ).toMatchObject({ code: "23514", constraint: "api_keys_scopes" });
    expect(
      await databaseRefusal(
        db()
          .insert(s.webhookEndpoints)
          .values({ url: "https://erp.example/hooks", secretEnc: "v1:x", events: ["invoice.printed"] }),
      ),
    ).toMatchObject({ code: "23514", constraint: "webhook_endpoints_events" });
    expect(
      await databaseRefusal(
        db()
          .insert(s.webhookEndpoints)
          .values({ url: "ftp://erp.example/hooks", secretEnc: "v1:x", events: ["invoice.issued"] }),
      ),
    ).toMatchObject({ code: "23514", constraint: "webhook_endpoints_url" });
  });
});
