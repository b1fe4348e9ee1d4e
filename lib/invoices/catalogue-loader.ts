import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, prices, skus, tiers } from "@/db/schema";
import type { FxRate, PriceEntry, SkuDefinition, TierDefinition } from "@/lib/billing";
import { periodEnd } from "@/lib/billing";
import { commitmentsOfVersion, type PriceVersionRef, versionInForce } from "@/lib/catalogue/price-versions";
import { AppError } from "@/lib/errors/app-error";

export type StoredFxRate = FxRate & { source: string };

/** Everything a run shares across contracts, loaded once per run instead of once per contract. */
export type Catalogue = {
  period: string;
  invoiceDate: string;
  /** The price version in force for the period (§2.2): its prices and commitments are the ones below. */
  priceVersion: PriceVersionRef;
  baseCurrency: string;
  distributorDiscountPercent: string;
  tiers: TierDefinition[];
  tierCodeById: Map<string, string>;
  tierNameByCode: Map<string, string>;
  skus: SkuDefinition[];
  skuCodeById: Map<string, string>;
  skuNameByCode: Map<string, string>;
  /** Prices by `tier|currency`, so each contract gets only the entries it can use. */
  pricesByTierCurrency: Map<string, PriceEntry[]>;
  fxRates: StoredFxRate[];
};

export const priceGroupKey = (tier: string, currency: string) => `${tier}|${currency}`;

/**
 * Loads settings, tiers, SKUs, the prices and commitments of the price version in force for the period (§2.2)
 * in `currencies` (plus the base currency) and, per currency pair,
 * the latest FX rate dated on or before the invoice date (§5.4: older ones can never be chosen).
 */
export async function loadCatalogue(
  db: DbOrTx,
  period: string,
  currencies: readonly string[],
): Promise<Catalogue> {
  const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  if (!settings) throw new AppError("internal", "Distributor settings are missing");
  const invoiceDate = periodEnd(period);
  const wanted = [...new Set([...currencies, settings.baseCurrency])];
  const priceVersion = await versionInForce(db, period);

  const [tierRows, commitments, skuRows, priceRows, fxRows] = await Promise.all([
    db.select().from(tiers),
    commitmentsOfVersion(db, priceVersion.id),
    db.select().from(skus),
    db
      .select({
        skuId: prices.skuId,
        tierId: prices.tierId,
        currency: prices.currency,
        unitPrice: prices.unitPrice,
      })
      .from(prices)
      .where(and(eq(prices.versionId, priceVersion.id), inArray(prices.currency, wanted))),
    db.execute<{ from: string; to: string; rate: string; date: string; source: string }>(sql`
      select distinct on (from_currency, to_currency)
        from_currency as "from", to_currency as "to", rate::text as rate, date::text as date, source
      from fx_rates where date <= ${invoiceDate}
      order by from_currency, to_currency, date desc`),
  ]);

  const tierCodeById = new Map(tierRows.map((tier) => [tier.id, tier.code]));
  const skuCodeById = new Map(skuRows.map((sku) => [sku.id, sku.code]));
  const pricesByTierCurrency = new Map<string, PriceEntry[]>();
  for (const row of priceRows) {
    const tier = tierCodeById.get(row.tierId);
    const sku = skuCodeById.get(row.skuId);
    if (!tier || !sku) continue;
    const key = priceGroupKey(tier, row.currency);
    const group = pricesByTierCurrency.get(key) ?? [];
    group.push({ sku, tier, currency: row.currency, unitPrice: row.unitPrice });
    pricesByTierCurrency.set(key, group);
  }

  return {
    period,
    invoiceDate,
    priceVersion,
    baseCurrency: settings.baseCurrency,
    distributorDiscountPercent: settings.distributorDiscountPercent,
    tiers: tierRows.map((tier) => ({
      code: tier.code,
      commitment: commitments.get(tier.id) ?? {},
    })),
    tierCodeById,
    tierNameByCode: new Map(tierRows.map((tier) => [tier.code, tier.name])),
    skus: skuRows.map((sku) => ({
      code: sku.code,
      unit: sku.unit,
      aggregation: sku.aggregation,
      divisor: sku.divisor,
    })),
    skuCodeById,
    skuNameByCode: new Map(skuRows.map((sku) => [sku.code, sku.name])),
    pricesByTierCurrency,
    fxRates: [...fxRows].map((row) => ({ ...row })),
  };
}

/** The stored source of a rate the engine used (the engine's record has no source). */
export function fxSourceOf(catalogue: Catalogue, rate: FxRate): string | null {
  const found = catalogue.fxRates.find(
    (stored) => stored.from === rate.from && stored.to === rate.to && stored.date === rate.date,
  );
  return found?.source ?? null;
}
