import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { demoApiKeys, demoStaff } from "@/db/seed/demo";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { signInWithPassword } from "@/lib/auth/credentials";
import { demoDatabaseRefusal } from "@/lib/runtime/boot";

const db = () => globalThis.testDb.db;
const here = { address: "192.0.2.1" };

describe("a first start without TIERLINE_DEMO", () => {
  it("seeds the catalogue and one admin with a random password, and none of the demo's logins", async () => {
    const logins = await seedDatabase(db(), { demo: false, adminEmail: "Ops@Distributor.example" });
    expect(logins).toHaveLength(1);
    const [admin] = logins;
    expect(admin).toMatchObject({ area: "admin", role: "admin", email: "ops@distributor.example" });
    expect(admin!.password).toMatch(/^[\w-]{20}$/);
    expect(demoStaff.map((d) => d.password)).not.toContain(admin!.password);

    // The demo passwords open nothing.
    for (const staff of demoStaff) {
      expect(await signInWithPassword(db(), { email: staff.email, password: staff.password }, here)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(
      (await signInWithPassword(db(), { email: admin!.email, password: admin!.password }, here)).ok,
    ).toBe(true);
    expect(await db().select().from(s.resellers)).toHaveLength(0);
    // Nor do the demo's published API keys.
    for (const k of demoApiKeys) expect(await authenticateApiKey(db(), k.key, new Date())).toBeNull();
    expect(await db().select().from(s.apiKeys)).toHaveLength(0);
    expect((await db().select().from(s.tiers)).length).toBeGreaterThan(0);
    const [settings] = await db().select().from(s.distributorSettings);
    expect(settings).toMatchObject({ isDemo: false, supportEmail: "ops@distributor.example" });

    // A second start seeds nothing new and prints no password again.
    expect(await seedDatabase(db(), { demo: false, adminEmail: "ops@distributor.example" })).toEqual([]);
    expect(await db().select().from(s.users).where(eq(s.users.role, "admin"))).toHaveLength(1);
    expect(await demoDatabaseRefusal(db(), false)).toBeNull();
  });
});

describe("a demo database", () => {
  it("refuses to start outside demo mode (its passwords are public)", async () => {
    await db().update(s.distributorSettings).set({ isDemo: true });
    expect(await demoDatabaseRefusal(db(), false)).toMatch(/TIERLINE_DEMO=1/);
    expect(await demoDatabaseRefusal(db(), true)).toBeNull();
  });
});
