import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts } from "@/db/schema";
import type { RatingInput } from "@/lib/billing";
import { type Catalogue, loadCatalogue } from "@/lib/invoices/catalogue-loader";
import { type LoadedContract, loadContractInputs, pricesFor } from "@/lib/invoices/contract-loader";

export type ContractMonth = { catalogue: Catalogue; loaded: LoadedContract };

/**
 * One contract's month loaded exactly as the billing run loads it (lib/invoices: catalogue, tier history,
 * usage from usage_monthly or the daily snapshots), usage clipped at `asOf` when given. Null when the
 * contract does not exist.
 */
export async function loadContractMonth(
  db: DbOrTx,
  contractId: string,
  period: string,
  asOf: string | null,
): Promise<ContractMonth | null> {
  const [contract] = await db
    .select({ currency: contracts.currency })
    .from(contracts)
    .where(eq(contracts.id, contractId));
  if (!contract) return null;
  const catalogue = await loadCatalogue(db, period, [contract.currency]);
  const [loaded] = await loadContractInputs(db, catalogue, [contractId], { asOf });
  return loaded ? { catalogue, loaded } : null;
}

/**
 * The input with the prices of `tierCodes` added, so it can be rated on one of them (a tier preview, the
 * recommender): the same price entries the run would load for a contract on those tiers.
 */
export function withTierPrices(
  catalogue: Catalogue,
  input: RatingInput,
  tierCodes: readonly string[],
): RatingInput {
  const have = new Set(input.prices.map((p) => `${p.tier}|${p.currency}`));
  const extra = pricesFor(
    catalogue,
    tierCodes.map((tier) => ({ tier })),
    input.currency,
  ).filter((p) => !have.has(`${p.tier}|${p.currency}`));
  return extra.length === 0 ? input : { ...input, prices: [...input.prices, ...extra] };
}
