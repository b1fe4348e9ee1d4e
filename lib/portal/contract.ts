import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts } from "@/db/schema";
import { commitmentsIn } from "@/lib/catalogue/commitment";
import { firstOfNextMonth, getContractView } from "@/lib/contracts";
import { AppError } from "@/lib/errors/app-error";

/**
 * "The reseller's contract", one rule for every page and action: its live contract (at most one is not
 * cancelled), else its latest one. A reseller never names a contract id itself.
 */
export async function findResellerContractId(db: Db, resellerId: string): Promise<string | null> {
  const [live] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.resellerId, resellerId), ne(contracts.state, "cancelled")))
    .limit(1);
  if (live) return live.id;
  const [latest] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(eq(contracts.resellerId, resellerId))
    .orderBy(desc(contracts.createdAt))
    .limit(1);
  return latest?.id ?? null;
}

export async function requireResellerContractId(db: Db, resellerId: string): Promise<string> {
  const id = await findResellerContractId(db, resellerId);
  if (!id) throw new AppError("not_found", "You have no contract yet.");
  return id;
}

/**
 * The contract page: the contract view and the commitment of its tier. The tier changes it offers, with
 * their terms and figures, come from lib/dashboard/tiers (previewTierChanges), priced by the engine.
 */
export async function getContractPage(db: Db, resellerId: string, today: string) {
  const contractId = await findResellerContractId(db, resellerId);
  if (!contractId) return null;
  const view = await getContractView(db, { contractId, today });
  const commitments = await commitmentsIn(db, [view.tier.id], view.contract.currency, today);
  return { view, commitments, nextFirst: firstOfNextMonth(today) };
}
