import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts, contractTierHistory, distributorSettings, prices, resellers } from "@/db/schema";
import { dec, periodEnd, periodStart } from "@/lib/billing";
import { commitmentsOfVersion, versionInForce } from "@/lib/catalogue/price-versions";
import { coveredContractsWhere } from "@/lib/invoices/coverage";

export type MissingPair = { from: string; to: string; reason: "prices" | "commitment" };

export type CurrencyWithoutRate = {
  currency: string;
  /** The invoice date of the period (§5.4): the rate must be dated on or before it. */
  invoiceDate: string;
  /** Pairs with no rate either way dated on or before the invoice date. */
  missing: MissingPair[];
  resellers: { id: string; name: string }[];
};

/**
 * Before a billing run: each currency of the contracts the run for `period` covers that the run could not
 * convert into. A currency needs a base-currency rate when some tier it is billed on has no own price for a
 * SKU the base currency prices (lib/billing/pricing.ts `priceListCurrency`), and a USD rate when a tier has
 * a non-zero USD commitment but no explicit one in it (lib/billing/commitment.ts). A stored rate either way
 * counts (lib/billing/fx.ts `findFxRate`).
 */
export async function currenciesWithoutRate(db: DbOrTx, period: string): Promise<CurrencyWithoutRate[]> {
  const invoiceDate = periodEnd(period);
  const start = periodStart(period);
  const [settings] = await db
    .select({ base: distributorSettings.baseCurrency })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const base = settings?.base ?? "USD";
  const pairRows = await db.execute<{ from: string; to: string }>(sql`
    select distinct from_currency as "from", to_currency as "to" from fx_rates
    where date <= ${invoiceDate}::date`);
  const pairs = new Set([...pairRows].map((r) => `${r.from}>${r.to}`));
  const hasRate = (a: string, b: string) => pairs.has(`${a}>${b}`) || pairs.has(`${b}>${a}`);
  // Only a currency lacking a base or a USD rate can miss one: the common case (every currency covered)
  // ends here, after one aggregate over the covered contracts' currencies.
  const candidates = (
    await db
      .selectDistinct({ currency: contracts.currency })
      .from(contracts)
      .where(coveredContractsWhere(period))
  )
    .map((r) => r.currency)
    .filter((c) => (c !== base && !hasRate(base, c)) || (c !== "USD" && !hasRate("USD", c)));
  if (candidates.length === 0) return [];

  // For those currencies, every tier a covered contract is on at some point of the period (the latest before
  // it and every change in it; a contract with no history, its tier), aggregated per currency.
  const h = contractTierHistory;
  const tierRows = await db.execute<{ currency: string; tiers: string[] }>(sql`
    select ${contracts.currency} as currency, array_agg(distinct t.tier_id::text) as tiers
    from ${contracts}
    cross join lateral (
      select ${h.tierId} as tier_id from ${h}
      where ${h.contractId} = ${contracts.id} and ${h.effectiveFrom} < ${invoiceDate}::date
        and (${h.effectiveFrom} > ${start}::date or ${h.effectiveFrom} = (
          select max(h2.effective_from) from contract_tier_history h2
          where h2.contract_id = ${contracts.id} and h2.effective_from <= ${start}::date))
      union
      select ${contracts.tierId} where not exists (
        select 1 from contract_tier_history h3
        where h3.contract_id = ${contracts.id} and h3.effective_from < ${invoiceDate}::date)
    ) t
    where ${coveredContractsWhere(period)} and ${inArray(contracts.currency, candidates)}
    group by ${contracts.currency}`);
  const currencyTiers = [...tierRows];

  const version = await versionInForce(db, period);
  const [priceRows, commitments] = await Promise.all([
    db
      .select({ tierId: prices.tierId, skuId: prices.skuId, currency: prices.currency })
      .from(prices)
      .where(eq(prices.versionId, version.id)),
    commitmentsOfVersion(db, version.id),
  ]);
  const priced = new Set(priceRows.map((p) => `${p.tierId}|${p.skuId}|${p.currency}`));
  const basePriced = priceRows.filter((p) => p.currency === base);

  const out: CurrencyWithoutRate[] = [];
  for (const { currency, tiers: tierList } of currencyTiers.sort((a, b) =>
    a.currency.localeCompare(b.currency),
  )) {
    const tiers = new Set(tierList);
    const missing: MissingPair[] = [];
    const needsBase =
      currency !== base &&
      basePriced.some((p) => tiers.has(p.tierId) && !priced.has(`${p.tierId}|${p.skuId}|${currency}`));
    if (needsBase && !hasRate(base, currency)) missing.push({ from: base, to: currency, reason: "prices" });
    const needsUsd =
      currency !== "USD" &&
      [...tiers].some((tier) => {
        const commitment = commitments.get(tier) ?? {};
        return (
          commitment[currency] === undefined && commitment.USD !== undefined && !dec(commitment.USD).isZero()
        );
      });
    if (needsUsd && !hasRate("USD", currency) && !missing.some((m) => m.from === "USD")) {
      missing.push({ from: "USD", to: currency, reason: "commitment" });
    }
    if (missing.length === 0) continue;
    // Only a currency that misses a rate names its resellers (rare, and then the list is what to act on).
    const who = await db
      .selectDistinct({ id: resellers.id, name: resellers.name })
      .from(contracts)
      .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
      .where(and(coveredContractsWhere(period), eq(contracts.currency, currency)));
    out.push({
      currency,
      invoiceDate,
      missing,
      resellers: who.sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return out;
}
