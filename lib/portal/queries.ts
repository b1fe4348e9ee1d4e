import "server-only";
import { and, asc, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, customers, invoices, resellers, tiers, usageSnapshots } from "@/db/schema";
import { commitmentsIn } from "@/lib/catalogue/commitment";
import { monthStartUtc } from "@/lib/clock";
import { findResellerContractId } from "./contract";

/** The reseller's display name for the portal shell. */
export async function getResellerName(db: Db, resellerId: string): Promise<string> {
  const [row] = await db
    .select({ name: resellers.name })
    .from(resellers)
    .where(eq(resellers.id, resellerId))
    .limit(1);
  return row?.name ?? "";
}

/** The portal's invoice list: only this reseller's invoices, and never drafts. */
export async function listResellerInvoices(db: Db, resellerId: string) {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.resellerId, resellerId), ne(invoices.status, "draft")))
    .orderBy(desc(invoices.period));
}

/** Everything the portal home shows, scoped to one reseller by the caller's own reseller id. */
export async function getResellerOverview(db: Db, resellerId: string, today: string) {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, resellerId)).limit(1);
  // The same contract the contract page and every self-service change act on (lib/portal/contract.ts).
  const contractId = await findResellerContractId(db, resellerId);
  const [contract] = contractId
    ? await db
        .select({ contract: contracts, tier: tiers })
        .from(contracts)
        .innerJoin(tiers, eq(tiers.id, contracts.tierId))
        .where(eq(contracts.id, contractId))
        .limit(1)
    : [];
  const since = monthStartUtc(new Date(`${today}T00:00:00Z`));
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
  const commitment = contract
    ? ((await commitmentsIn(db, [contract.tier.id], contract.contract.currency, today)).get(
        contract.tier.id,
      ) ?? null)
    : null;
  return {
    reseller,
    contract: contract ?? null,
    customers: customerRows,
    commitment,
  };
}
