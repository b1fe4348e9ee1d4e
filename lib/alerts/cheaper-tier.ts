import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, type Tier, tiers } from "@/db/schema";
import { type Dec, dec, type RatingInput, ratePeriod } from "@/lib/billing";
import { listTierTargets } from "@/lib/contracts/tier-targets";
import { withTierPrices } from "@/lib/dashboard/contract-month";
import { onTier } from "@/lib/dashboard/projection";
import { type Catalogue, loadCatalogue } from "@/lib/invoices/catalogue-loader";
import { loadContractInputs } from "@/lib/invoices/contract-loader";
import { log } from "@/lib/log";

/** Less than a cent apart is not "cheaper". */
const MIN_SAVING = dec("0.01");
const BATCH_SIZE = 500;

export type TierCost = { code: string; name: string; subtotal: string };

export type CheaperTier = {
  contractId: string;
  period: string;
  currency: string;
  current: TierCost;
  cheaper: TierCost;
  saving: string;
};

/**
 * For each contract, the tier it can move to (upgrade paths, orderable, never down to Promo: the contract
 * page's own list) that would have cost least in `period`, a closed month, when that is at least 0.01 below
 * its current tier; contracts without a paid day in `period` or without a cheaper tier are left out.
 * The month is loaded exactly as the run loads it (lib/invoices) and rated with lib/billing on each tier for
 * the whole month. Both sides count the commitment in full: a ramp-up waiver ends, and with it every higher
 * tier would look cheaper, while a tier is chosen for the months after.
 */
export async function findCheaperTiers(
  db: Db,
  contractIds: readonly string[],
  period: string,
): Promise<Map<string, CheaperTier>> {
  const found = new Map<string, CheaperTier>();
  if (contractIds.length === 0) return found;
  const terms = await db
    .select({ id: contracts.id, tierId: contracts.tierId, currency: contracts.currency })
    .from(contracts)
    .where(inArray(contracts.id, [...contractIds]));
  const catalogue = await loadCatalogue(db, period, [...new Set(terms.map((t) => t.currency))]);
  const tierRows = await db.select().from(tiers);
  const tierById = new Map(tierRows.map((tier) => [tier.id, tier]));
  const targets = new Map<string, Tier[]>();
  for (const { tierId, currency } of terms) {
    const from = tierById.get(tierId);
    if (!from || targets.has(tierId)) continue;
    // The moves do not depend on the currency (it only picks the commitment shown).
    const moves = await listTierTargets(db, from, { currency, trialOnly: false });
    const codes = new Set([...moves.upgrades, ...moves.downgrades].map((option) => option.code));
    targets.set(
      tierId,
      tierRows.filter((tier) => codes.has(tier.code)),
    );
  }
  const tierOf = new Map(terms.map((t) => [t.id, tierById.get(t.tierId)]));

  for (let i = 0; i < terms.length; i += BATCH_SIZE) {
    const ids = terms.slice(i, i + BATCH_SIZE).map((t) => t.id);
    for (const loaded of await loadContractInputs(db, catalogue, ids)) {
      const current = tierOf.get(loaded.contractId);
      if (!current) continue;
      const options = targets.get(current.id) ?? [];
      try {
        const best = cheapestTier(catalogue, loaded.input, current, options);
        if (best) found.set(loaded.contractId, { contractId: loaded.contractId, period, ...best });
      } catch (error) {
        log.warn({ err: error, contractId: loaded.contractId, period }, "[alerts] tier comparison skipped");
      }
    }
  }
  return found;
}

function cheapestTier(
  catalogue: Catalogue,
  loaded: RatingInput,
  current: Tier,
  options: readonly Tier[],
): Omit<CheaperTier, "contractId" | "period"> | null {
  const base = withTierPrices(catalogue, { ...loaded, contract: { ...loaded.contract, rampUpCycles: 0 } }, [
    current.code,
    ...options.map((tier) => tier.code),
  ]);
  const onCurrent = ratePeriod(onTier(base, current.code));
  if (!onCurrent.billable) return null;
  const currentSubtotal = dec(onCurrent.subtotal);
  let best: { tier: Tier; subtotal: Dec; text: string } | null = null;
  for (const tier of options) {
    let rated: ReturnType<typeof ratePeriod>;
    try {
      rated = ratePeriod(onTier(base, tier.code));
    } catch {
      continue; // a tier without prices in this currency cannot be offered
    }
    if (!rated.billable) continue;
    const subtotal = dec(rated.subtotal);
    if (currentSubtotal.minus(subtotal).lt(MIN_SAVING)) continue;
    if (!best || subtotal.lt(best.subtotal)) best = { tier, subtotal, text: rated.subtotal };
  }
  if (!best) return null;
  return {
    currency: onCurrent.currency,
    current: { code: current.code, name: current.name, subtotal: onCurrent.subtotal },
    cheaper: { code: best.tier.code, name: best.tier.name, subtotal: best.text },
    saving: currentSubtotal.minus(best.subtotal).toFixed(),
  };
}
