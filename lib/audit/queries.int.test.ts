import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { parseAuditFilters } from "./filters";
import { systemActor, writeAudit } from "./index";
import { auditChoices, listAuditEntries } from "./queries";

const db = () => globalThis.testDb.db;
let admin: { id: string; name: string; email: string };
let resellerId: string;

/** An entry at a given instant (writeAudit stamps now(); the date filters need known days). */
async function entryAt(at: string, values: Partial<typeof s.auditLog.$inferInsert>) {
  await db()
    .insert(s.auditLog)
    .values({ at: new Date(at), actorLabel: "system", action: "x.y", entityType: "x", ...values });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T09:00:00Z") });
  // Only this test's entries: the seed's own sign-ups and orders are not what is checked here.
  await db().delete(s.auditLog);
  const [user] = await db().select().from(s.users).where(eq(s.users.email, "admin@skyline.example"));
  admin = { id: user!.id, name: user!.name, email: user!.email };
  const [reseller] = await db().select().from(s.resellers).limit(1);
  resellerId = reseller!.id;
  const asAdmin = { actorUserId: admin.id, actorLabel: admin.email };
  await entryAt("2026-11-01T10:00:00Z", {
    ...asAdmin,
    action: "reseller.updated",
    entityType: "reseller",
    entityId: resellerId,
    resellerId,
    data: { before: { name: "A" }, after: { name: "B" } },
  });
  await entryAt("2026-11-02T23:59:59Z", {
    ...asAdmin,
    action: "invoice.paid",
    entityType: "invoice",
    entityId: resellerId,
  });
  await entryAt("2026-11-03T00:00:00Z", { action: "billing_run.start", entityType: "billing_run" });
  await entryAt("2026-11-04T08:00:00Z", {
    ...asAdmin,
    action: "tax_rate.updated",
    entityType: "tax_rate",
    entityId: "DE",
  });
  await writeAudit(db(), systemActor, {
    action: "invoice.issue",
    entityType: "invoice",
    entityId: resellerId,
  });
});

const all = { actor: null, kind: null, from: null, to: null, before: null };

describe("listAuditEntries", () => {
  it("lists newest first with the actor's name, falling back to the recorded label", async () => {
    const { entries, older } = await listAuditEntries(db(), all);
    expect(entries.map((e) => e.action)).toEqual([
      "invoice.issue",
      "tax_rate.updated",
      "billing_run.start",
      "invoice.paid",
      "reseller.updated",
    ]);
    expect(older).toBeNull();
    expect(entries[1]!.actorName).toBe(admin.name);
    expect(entries[0]!.actorName).toBe("system");
    expect(entries.at(-1)!.resellerName).not.toBeNull();
  });

  it("filters by actor: a person by id, or an actor without a user by label", async () => {
    const mine = await listAuditEntries(db(), { ...all, actor: admin.id });
    expect(mine.entries.map((e) => e.action)).toEqual([
      "tax_rate.updated",
      "invoice.paid",
      "reseller.updated",
    ]);
    const system = await listAuditEntries(db(), { ...all, actor: "system" });
    expect(system.entries.map((e) => e.action)).toEqual(["invoice.issue", "billing_run.start"]);
  });

  it("filters by kind: an action key or an entity type", async () => {
    const paid = await listAuditEntries(db(), { ...all, kind: "invoice.paid" });
    expect(paid.entries.map((e) => e.action)).toEqual(["invoice.paid"]);
    const invoices = await listAuditEntries(db(), { ...all, kind: "invoice" });
    expect(invoices.entries.map((e) => e.action)).toEqual(["invoice.issue", "invoice.paid"]);
  });

  it("filters by an inclusive range of UTC days", async () => {
    const range = await listAuditEntries(db(), parseAuditFilters({ from: "2026-11-02", to: "2026-11-03" }));
    expect(range.entries.map((e) => e.action)).toEqual(["billing_run.start", "invoice.paid"]);
    // Swapped bounds read the same range.
    const swapped = await listAuditEntries(db(), parseAuditFilters({ from: "2026-11-03", to: "2026-11-02" }));
    expect(swapped.entries.map((e) => e.id)).toEqual(range.entries.map((e) => e.id));
  });

  it("pages with the id of the last entry shown, never repeating or skipping one", async () => {
    const first = await listAuditEntries(db(), all, 2);
    expect(first.entries).toHaveLength(2);
    expect(first.older).toBe(first.entries[1]!.id);
    const second = await listAuditEntries(db(), { ...all, before: first.older }, 2);
    const third = await listAuditEntries(db(), { ...all, before: second.older }, 2);
    expect(third.older).toBeNull();
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(ids).toEqual((await listAuditEntries(db(), all)).entries.map((e) => e.id));
  });

  it("offers the people, actions and entity types that occur as filter choices", async () => {
    const choices = await auditChoices(db());
    expect(choices.actors).toEqual(
      expect.arrayContaining([
        { value: admin.id, name: admin.name },
        { value: "system", name: "system" },
      ]),
    );
    expect(choices.actions).toContain("tax_rate.updated");
    expect(choices.entityTypes).toEqual(["billing_run", "invoice", "reseller", "tax_rate"]);
  });

  it("ignores filters that do not parse", () => {
    expect(parseAuditFilters({ from: "yesterday", before: "-3", kind: "" })).toEqual(all);
  });
});
