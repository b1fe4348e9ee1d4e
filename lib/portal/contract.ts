import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts } from "@/db/schema";
import { commitmentsIn } from "@/lib/catalogue/commitment";
import { isPriceListCurrency } from "@/lib/catalogue/currencies";
import { listPlans } from "@/lib/catalogue/queries";
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

/** The contract page: the contract view, commitments of the tier and its targets, the price list, if any. */
export async function getContractPage(db: Db, resellerId: string, today: string) {
  const contractId = await findResellerContractId(db, resellerId);
  if (!contractId) return null;
  const view = await getContractView(db, { contractId, today });
  const currency = view.contract.currency;
  const targets = [...view.allowed.upgrades, ...view.allowed.downgrades];
  const commitments = await commitmentsIn(db, [view.tier.id, ...targets.map((t) => t.id)], currency, today);
  // Unit prices are shown only in a price-list currency; FX-converted contracts show commitments only.
  const plans = isPriceListCurrency(currency) ? await listPlans(db, currency) : null;
  return { view, commitments, plans, targets, nextFirst: firstOfNextMonth(today) };
}
