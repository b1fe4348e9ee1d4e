import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { addDays } from "@/lib/billing";

/** Fixtures of the projection and alert integration tests: one fresh reseller per test, data inserted directly. */
export const db = (): Db => globalThis.testDb.db;

export type Fixture = { resellerId: string; contractId: string; customerIds: string[]; billingEmail: string };

/**
 * A reseller with one contract on `tierCode` and `customers` customers. `paidStart` null (with state
 * trial) is a trial; the tier history starts at the paid start or the trial's start.
 */
export async function resellerWithContract(options: {
  tierCode: string;
  paidStart: string | null;
  state?: "active" | "suspended" | "trial" | "cancelled" | "pending";
  currency?: string;
  rampUpCycles?: number;
  trialStartedOn?: string;
  customers?: number;
  name?: string;
}): Promise<Fixture> {
  const tag = `test-${randomUUID()}`;
  const name = options.name ?? `Reseller ${tag.slice(5, 13)}`;
  const currency = options.currency ?? "USD";
  const billingEmail = `${tag}@example.com`;
  const [reseller] = await db()
    .insert(s.resellers)
    .values({
      name,
      legalName: `${name} Ltd`,
      addressLine1: "1 Test Street",
      city: "Testville",
      postalCode: "T1",
      country: "GB",
      currency,
      billingEmail,
      status: "active",
      internalTag: tag,
    })
    .returning();
  const [tier] = await db().select().from(s.tiers).where(eq(s.tiers.code, options.tierCode));
  if (!reseller || !tier) throw new Error("fixture: reseller or tier missing");
  const trial = options.paidStart === null;
  const trialStartedOn = options.trialStartedOn ?? "2026-11-05";
  const [contract] = await db()
    .insert(s.contracts)
    .values({
      resellerId: reseller.id,
      state: options.state ?? (trial ? "trial" : "active"),
      targetState: trial ? "trial" : "active",
      currency,
      tierId: tier.id,
      isTrial: trial,
      trialStartedOn: trial ? trialStartedOn : null,
      trialEndsOn: trial ? addDays(trialStartedOn, 30) : null,
      paidStart: options.paidStart,
      rampUpCycles: options.rampUpCycles ?? 0,
    })
    .returning();
  await db()
    .insert(s.contractTierHistory)
    .values({
      contractId: contract!.id,
      tierId: tier.id,
      effectiveFrom: options.paidStart ?? trialStartedOn,
      kind: "order",
    });
  const customerIds: string[] = [];
  for (let i = 0; i < (options.customers ?? 1); i++) {
    const [customer] = await db()
      .insert(s.customers)
      .values({ resellerId: reseller.id, acronisTenantId: randomUUID(), name: `Customer ${i + 1}` })
      .returning({ id: s.customers.id });
    customerIds.push(customer!.id);
  }
  return { resellerId: reseller.id, contractId: contract!.id, customerIds, billingEmail };
}

/** Sets one customer's daily value of `sku` on each day of `days` (inclusive range), replacing what was there. */
export async function setUsage(
  customerId: string,
  sku: string,
  days: { from: string; to: string },
  value: string | ((day: string) => string),
): Promise<void> {
  const [row] = await db().select({ id: s.skus.id }).from(s.skus).where(eq(s.skus.code, sku));
  if (!row) throw new Error(`fixture: no SKU ${sku}`);
  const values: (typeof s.usageSnapshots.$inferInsert)[] = [];
  for (let day = days.from; day <= days.to; day = addDays(day, 1)) {
    values.push({
      customerId,
      skuId: row.id,
      day,
      value: typeof value === "function" ? value(day) : value,
    });
  }
  await db()
    .insert(s.usageSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: [s.usageSnapshots.customerId, s.usageSnapshots.skuId, s.usageSnapshots.day],
      set: { value: sql`excluded.value` },
    });
}
