import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, resellers, tiers } from "@/db/schema";
import { commitmentsIn } from "@/lib/catalogue/commitment";
import { customerListPreview } from "@/lib/customers/customer-list";
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
  // The first customers in the reseller's subtree by name (the full list is /portal/customers).
  const customerList = await customerListPreview(db, resellerId, today);
  const commitment = contract
    ? ((await commitmentsIn(db, [contract.tier.id], contract.contract.currency, today)).get(
        contract.tier.id,
      ) ?? null)
    : null;
  return {
    reseller,
    contract: contract ?? null,
    customers: customerList,
    commitment,
  };
}
