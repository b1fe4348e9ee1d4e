import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, invoices, resellers, tiers } from "@/db/schema";
import { commitmentsIn } from "@/lib/catalogue/commitment";
import { listCustomers } from "@/lib/usage/customer-list";
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
  // Every customer in the reseller's subtree, with its folder path and whether this month is billed.
  const customerRows = await listCustomers(db, resellerId, today);
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
