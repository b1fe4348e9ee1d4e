import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { addDays, periodEnd, periodStart } from "@/lib/billing";

/** A reseller with one paid contract on `tierCode` and one customer, written directly (no provisioning). */
export async function paidReseller(
  db: Db,
  options: { name: string; tierCode: string; currency: string; paidStart: string },
) {
  const tag = `reports-${randomUUID()}`;
  const [reseller] = await db
    .insert(s.resellers)
    .values({
      name: options.name,
      legalName: `${options.name} Ltd`,
      addressLine1: "1 Test Street",
      city: "Testville",
      postalCode: "T1",
      country: "US",
      currency: options.currency,
      billingEmail: `${tag}@example.com`,
      status: "active",
      internalTag: tag,
    })
    .returning();
  const [tier] = await db.select().from(s.tiers).where(eq(s.tiers.code, options.tierCode));
  const [contract] = await db
    .insert(s.contracts)
    .values({
      resellerId: reseller!.id,
      state: "active",
      targetState: "active",
      currency: options.currency,
      tierId: tier!.id,
      paidStart: options.paidStart,
    })
    .returning();
  await db
    .insert(s.contractTierHistory)
    .values({ contractId: contract!.id, tierId: tier!.id, effectiveFrom: options.paidStart, kind: "order" });
  const [customer] = await db
    .insert(s.customers)
    .values({ resellerId: reseller!.id, acronisTenantId: randomUUID(), name: `${options.name} customer` })
    .returning({ id: s.customers.id });
  return { resellerId: reseller!.id, contractId: contract!.id, customerId: customer!.id };
}

/** `value` of `skuCode` every day of `period` for the customer. */
export async function dailyUsage(db: Db, customerId: string, period: string, skuCode: string, value: string) {
  const [sku] = await db.select().from(s.skus).where(eq(s.skus.code, skuCode));
  const rows = [];
  for (let day = periodStart(period); day < periodEnd(period); day = addDays(day, 1))
    rows.push({ customerId, skuId: sku!.id, day, value });
  await db.insert(s.usageSnapshots).values(rows);
}
