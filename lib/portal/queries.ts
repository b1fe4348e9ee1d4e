import "server-only";
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, customers, resellers, tiers, usageSnapshots } from "@/db/schema";
import { monthStartUtc } from "@/lib/clock";

/** Everything the portal home shows, scoped to one reseller by the caller's own reseller id. */
export async function getResellerOverview(db: Db, resellerId: string) {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, resellerId)).limit(1);
  const [contract] = await db
    .select({ contract: contracts, tier: tiers })
    .from(contracts)
    .innerJoin(tiers, eq(tiers.id, contracts.tierId))
    .where(eq(contracts.resellerId, resellerId))
    .orderBy(desc(contracts.createdAt))
    .limit(1);
  const since = monthStartUtc();
  const customerRows = await db
    .select({
      id: customers.id,
      name: customers.name,
      enabled: customers.enabled,
      services: sql<number>`count(distinct ${usageSnapshots.skuId})::int`,
      lastDay: sql<string | null>`max(${usageSnapshots.day})::text`,
    })
    .from(customers)
    .leftJoin(
      usageSnapshots,
      and(eq(usageSnapshots.customerId, customers.id), gte(usageSnapshots.day, since)),
    )
    .where(eq(customers.resellerId, resellerId))
    .groupBy(customers.id)
    .orderBy(asc(customers.name));
  const [sync] = await db
    .select({ at: sql<string | null>`max(${usageSnapshots.syncedAt})::text` })
    .from(usageSnapshots)
    .innerJoin(customers, eq(customers.id, usageSnapshots.customerId))
    .where(and(eq(customers.resellerId, resellerId), gte(usageSnapshots.day, since)));
  return {
    reseller,
    contract: contract ?? null,
    customers: customerRows,
    lastSyncAt: sync?.at ? new Date(sync.at) : null,
  };
}
