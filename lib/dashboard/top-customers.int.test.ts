import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { dec } from "@/lib/billing";
import { usageSummary } from "./month";
import { TOP_CUSTOMERS } from "./top-customers";

// Issue 16: a reseller with many customers gets a bounded usage summary that still adds up to its month.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-18";
const ADDED = 30;
let northwind: string;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T09:00:00Z`), demoInvoices: false });
  const [reseller] = await db()
    .select()
    .from(s.resellers)
    .where(eq(s.resellers.internalTag, "demo-northwind"));
  northwind = reseller!.id;
  const [acme] = await db().select().from(s.customers).where(eq(s.customers.name, "Acme Dental"));
  const added = await db()
    .insert(s.customers)
    .values(
      Array.from({ length: ADDED }, (_, i) => ({
        resellerId: northwind,
        acronisTenantId: randomUUID(),
        name: `Bulk ${String(i).padStart(2, "0")}`,
      })),
    )
    .returning({ id: s.customers.id });
  // Each a copy of Acme Dental's month, scaled down so they rank below the demo's customers.
  for (const [i, c] of added.entries()) {
    await db().execute(sql`
      insert into usage_snapshots (customer_id, sku_id, day, value)
      select ${c.id}::uuid, u.sku_id, u.day, round(u.value * ${(i + 1) / 100}, 4) from usage_snapshots u
      where u.customer_id = ${acme!.id} and u.day >= '2026-11-01'`);
  }
});

describe("usage summary of a reseller with many customers", () => {
  it("lists the top customers and sums the others, adding up to the month", async () => {
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    expect(summary.customers).toHaveLength(TOP_CUSTOMERS);
    // Eight billed demo customers with usage and the thirty added.
    expect(summary.otherCustomers?.count).toBe(8 + ADDED - TOP_CUSTOMERS);
    const listed = summary.customers.reduce((a, c) => a.plus(c.amount), dec(0));
    expect(listed.plus(summary.otherCustomers!.amount).eq(summary.figures.consumption)).toBe(true);
    // The filter offers every customer with usage here (fewer than its cap), by name.
    const names = summary.options.customers.map((c) => c.name);
    expect(names).toHaveLength(8 + ADDED);
    expect(names).toEqual([...names].sort());
  });

  it("keeps a chosen customer beyond the top ones in the filter, and its own amount", async () => {
    const all = await usageSummary(db(), northwind, {}, TODAY);
    const listed = new Set(all.customers.map((c) => c.id));
    const [low] = await db().select().from(s.customers).where(eq(s.customers.name, "Bulk 00"));
    expect(listed.has(low!.id)).toBe(false);
    const one = await usageSummary(db(), northwind, { customer: low!.id }, TODAY);
    expect(one.customers.map((c) => c.id)).toEqual([low!.id]);
    expect(one.otherCustomers).toBeNull();
    expect(one.options.customers.map((c) => c.id)).toContain(low!.id);
  });
});
